import { Module } from '@nestjs/common';
import { EngineProbe } from './engine-probe';
import { HostRepository } from './host.repository';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

@Module({
  controllers: [SystemController],
  providers: [
    SystemService,
    HostRepository,
    // TEMPORARY until the engine repository lands (same issue series).
    { provide: EngineProbe, useValue: { ping: () => Promise.reject(new Error('engine not wired yet')) } },
  ],
})
export class SystemModule {}
