import { Controller, Get, MessageEvent, Param, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable, map } from 'rxjs';
import { JobDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @ApiOkResponse({ type: JobDto })
  get(@Param('id') id: string): Promise<JobDto> {
    return this.jobs.get(id);
  }

  /** Server-sent events: one `data:` JSON JobDto per change, the stream ends with the final state. */
  @Sse(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of JobDto' })
  async events(@Param('id') id: string): Promise<Observable<MessageEvent>> {
    return (await this.jobs.follow(id)).pipe(map((job) => ({ data: job })));
  }
}
