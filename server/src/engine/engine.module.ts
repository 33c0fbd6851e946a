import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineExecutor } from './engine.executor';
import { EngineInfoRepository } from './engine-info.repository';
import { EngineRepository, dockerClient } from './engine.repository';
import { DOCKER_CLIENT } from './engine.types';

@Global()
@Module({
  providers: [
    { provide: DOCKER_CLIENT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => dockerClient(config.docker) },
    EngineRepository,
    EngineInfoRepository,
    EngineExecutor,
  ],
  exports: [EngineRepository, EngineInfoRepository, EngineExecutor],
})
export class EngineModule {}
