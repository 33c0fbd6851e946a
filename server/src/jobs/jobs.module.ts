import { Module } from '@nestjs/common';
import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  providers: [JobsService, JobRepository],
  exports: [JobsService, JobRepository],
})
export class JobsModule {}
