import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineUnreachableError } from '../engine/engine.errors';
import { check, summarize } from './health.service';

describe('health checks', () => {
  it('is ok only when every check is up, whichever checks a mode has', () => {
    assert.equal(summarize({ database: { status: 'up' }, queue: { status: 'up' } }, true).status, 'ok');
    const withEngine = { database: { status: 'up' }, queue: { status: 'up' }, docker: { status: 'down' } } as const;
    assert.equal(summarize({ ...withEngine }, true).status, 'degraded');
  });

  it('keeps why a check is down only for whoever may read it', () => {
    const down = () => ({ queue: { status: 'down' as const, detail: 'connect ENOENT /data/redis/redis.sock' } });
    assert.equal(summarize(down(), true).checks.queue.detail, 'connect ENOENT /data/redis/redis.sock');
    assert.equal(summarize(down(), false).checks.queue.detail, undefined);
  });

  it('turns a probe that throws into "down" with its message', async () => {
    assert.deepEqual(await check(() => Promise.reject(new Error('no engine'))), {
      status: 'down',
      key: 'failed',
      params: {},
      detail: 'no engine',
    });
    assert.deepEqual(await check(() => Promise.resolve()), { status: 'up' });
  });

  it('names an unreachable engine by its key, the technical words apart', async () => {
    const error = new EngineUnreachableError('ping the engine: connect ENOENT /var/run/docker.sock');
    const down = await check(() => Promise.reject(error));
    assert.deepEqual(down, { status: 'down', key: 'engineUnreachable', params: {}, detail: error.message });
    assert.equal(summarize({ docker: down }, false).checks.docker.key, 'engineUnreachable');
  });
});
