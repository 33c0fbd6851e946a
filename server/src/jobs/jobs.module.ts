import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from './job-registry';
import { JobTriggers } from './job-triggers';
import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { JobsProcessor } from './jobs.processor';
import { JobsService } from './jobs.service';

@Module({
  imports: [DiscoveryModule],
  controllers: [JobsController],
  providers: [JobsService, JobRepository, JobRegistry, JobsProcessor, JobTriggers],
  exports: [JobsService, JobRepository, JobTriggers],
})
export class JobsModule {}
