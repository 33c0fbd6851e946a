import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from './clock';
import { DataDirRepository } from './data-dir.repository';
import { ProcessRepository } from './process.repository';

/** The machine the manager runs on: its clock, its data directory, its child processes. Provided once. */
@Global()
@Module({
  providers: [
    Clock,
    {
      provide: DataDirRepository,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new DataDirRepository(c.dataDir),
    },
    ProcessRepository,
  ],
  exports: [Clock, DataDirRepository, ProcessRepository],
})
export class PlatformModule {}
