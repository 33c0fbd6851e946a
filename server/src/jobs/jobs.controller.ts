import { Controller, Get, MessageEvent, Param, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable, finalize, fromEvent, map, takeUntil } from 'rxjs';
import { type AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { SessionStreams } from '../auth/session-streams';
import { JobDto } from './dto/job.dto';
import { JobsService } from './jobs.service';
import { ApiErrors } from '../common/openapi-errors';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly streams: SessionStreams,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: JobDto })
  get(@Param('id') id: string): Promise<JobDto> {
    return this.jobs.get(id);
  }

  /** Server-sent events: one `data:` JSON JobDto per change, the stream ends with the final state. */
  @Sse(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of JobDto' })
  @ApiErrors(429)
  async events(@Param('id') id: string, @CurrentAuth() auth: AuthContext): Promise<Observable<MessageEvent>> {
    const updates = await this.jobs.follow(id);
    const stream = this.streams.open(auth);
    return updates.pipe(
      takeUntil(fromEvent(stream.signal, 'abort')),
      finalize(() => stream.close()),
      map((job) => ({ data: job })),
    );
  }
}
