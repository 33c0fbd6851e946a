import { Inject, Injectable } from '@nestjs/common';
import type Docker from 'dockerode';
import { num, str } from './engine.container-spec';
import { engineCall } from './engine.containers.repository';
import { DOCKER_CLIENT, type EngineInfo } from './engine.types';

/**
 * Read-only questions about the engine itself (is it there, what machine, who holds the web ports),
 * for the pre-flight, the health check and the memory budget. It shares EngineRepository's client:
 * one connection to the engine for the whole manager.
 */
@Injectable()
export class EngineInfoRepository {
  constructor(@Inject(DOCKER_CLIENT) private readonly docker: Docker) {}

  async ping(): Promise<void> {
    await engineCall('ping the engine', () => this.docker.ping());
  }

  async info(): Promise<EngineInfo> {
    const raw: unknown = await engineCall('read engine info', () => this.docker.info());
    const record = (raw ?? {}) as Record<string, unknown>;
    return {
      serverVersion: str(record, 'ServerVersion'),
      totalMemoryBytes: num(record, 'MemTotal'),
      arch: str(record, 'Architecture'),
      cpus: num(record, 'NCPU'),
    };
  }

  /** Running containers that publish any of `ports` on the host: the names of those in the way. */
  async publishersOf(ports: readonly number[]): Promise<Array<{ port: number; container: string }>> {
    const list = await engineCall('list containers', () => this.docker.listContainers());
    return list.flatMap((c) =>
      (c.Ports ?? [])
        .filter((p) => p.PublicPort !== undefined && ports.includes(p.PublicPort))
        .map((p) => ({ port: p.PublicPort, container: (c.Names?.[0] ?? c.Id).replace(/^\//, '') })),
    );
  }
}
