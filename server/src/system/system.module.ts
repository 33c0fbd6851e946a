import { Module } from '@nestjs/common';
import { EngineRepository } from '../engine/engine.repository';
import { EngineProbe } from './engine-probe';
import { HostRepository } from './host.repository';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

@Module({
  controllers: [SystemController],
  providers: [SystemService, HostRepository, { provide: EngineProbe, useExisting: EngineRepository }],
  exports: [HostRepository],
})
export class SystemModule {}
