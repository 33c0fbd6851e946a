import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineExecutor } from './engine.executor';
import { EngineRepository } from './engine.repository';
import { ENGINE_OPTIONS } from './engine.types';

@Global()
@Module({
  providers: [
    { provide: ENGINE_OPTIONS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.docker },
    EngineRepository,
    EngineExecutor,
  ],
  exports: [EngineRepository, EngineExecutor],
})
export class EngineModule {}
