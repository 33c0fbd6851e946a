/**
 * The private redis-server as the manager starts it (RedisServerRepository, real redis-server): the
 * small-footprint settings of server/src/queue/redis-server.settings.ts are the ones in force, and a
 * job still queued in Bull survives a restart of Redis (the reason the append-only file is kept).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Queue from 'bull';
import Redis from 'ioredis';
import { ProcessRepository } from '../../server/src/platform/process.repository';
import { RedisServerRepository } from '../../server/src/queue/redis-server.repository';
import { removeTempDir, tempDir } from '../support/leftovers';

async function configOf(socketPath: string, names: string[]): Promise<Record<string, string>> {
  const redis = new Redis({ path: socketPath, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const out: Record<string, string> = {};
    for (const name of names) {
      const [, value] = (await redis.config('GET', name)) as string[];
      out[name] = value;
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

describe('private redis-server', () => {
  const dir = tempDir('redis-server');
  const redisDir = join(dir, 'redis');
  let server = new RedisServerRepository(redisDir, new ProcessRepository());
  after(async () => {
    await server.stop();
    removeTempDir(dir);
  });

  it('runs with the small-footprint settings: no snapshots, append-only, few clients, one database', async () => {
    await server.start();
    assert.deepEqual(
      await configOf(server.socketPath, [
        'save',
        'appendonly',
        'maxclients',
        'databases',
        'latency-tracking',
        'maxmemory',
        'maxmemory-policy',
        'io-threads',
        'port',
      ]),
      {
        save: '',
        appendonly: 'yes',
        maxclients: '64',
        databases: '1',
        'latency-tracking': 'no',
        maxmemory: String(64 * 1024 * 1024),
        'maxmemory-policy': 'noeviction',
        'io-threads': '1',
        port: '0',
      },
    );
    // Redis writes its process title over its environment: ask jemalloc itself.
    const redis = new Redis({ path: server.socketPath, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const stats = String(await redis.call('MEMORY', 'MALLOC-STATS'));
      assert.match(stats, /opt\.narenas: 1\n/, 'jemalloc keeps one arena');
    } finally {
      redis.disconnect();
    }
  });

  it('keeps a queued job across a restart of Redis', async () => {
    const queue = new Queue('jobs', { redis: { path: server.socketPath, maxRetriesPerRequest: null } });
    try {
      await queue.add('operation', { jobId: 'kept' }, { jobId: 'kept' });
      await queue.close();
      await server.stop();
      server = new RedisServerRepository(redisDir, new ProcessRepository());
      await server.start();
      const again = new Queue('jobs', { redis: { path: server.socketPath, maxRetriesPerRequest: null } });
      try {
        const job = await again.getJob('kept');
        assert.deepEqual(job?.data, { jobId: 'kept' });
        assert.equal(await job?.getState(), 'waiting');
      } finally {
        await again.close();
      }
    } finally {
      await queue.close();
    }
  });
});
