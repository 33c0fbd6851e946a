import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataDirRepository } from '../platform/data-dir.repository';
import { ProcessRepository } from '../platform/process.repository';
import { RedisServerRepository } from './redis-server.repository';
import { JOBS_QUEUE, REDIS_OPTIONS } from './queue.constants';

function fromUrl(raw: string): RedisOptions {
  const url = new URL(raw);
  if (url.protocol === 'unix:') return { path: url.pathname };
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

@Global()
@Module({
  providers: [
    {
      provide: RedisServerRepository,
      inject: [APP_CONFIG, DataDirRepository, ProcessRepository],
      useFactory: async (config: AppConfig, files: DataDirRepository, processes: ProcessRepository) => {
        if (config.redisUrl) return undefined;
        const server = new RedisServerRepository(files.redisDir, processes);
        await server.start();
        return server;
      },
    },
    {
      provide: REDIS_OPTIONS,
      inject: [APP_CONFIG, RedisServerRepository],
      useFactory: (config: AppConfig, server: RedisServerRepository | undefined): RedisOptions =>
        config.redisUrl ? fromUrl(config.redisUrl) : { path: server!.socketPath },
    },
  ],
  exports: [REDIS_OPTIONS, RedisServerRepository],
})
// The private redis-server is stopped by the app's close() after Nest has closed the queues.
export class RedisModule {}

@Global()
@Module({
  imports: [
    RedisModule,
    BullModule.forRootAsync({
      imports: [RedisModule],
      inject: [REDIS_OPTIONS],
      useFactory: (redis: RedisOptions) => ({ redis: { ...redis, maxRetriesPerRequest: null } }),
    }),
    BullModule.registerQueue({ name: JOBS_QUEUE }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
