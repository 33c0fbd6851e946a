import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisServerRepository } from '../../server/src/queue/redis-server.repository';
import { deviceKeys, FleetHttpApp } from '../support/medium-fleet';

/**
 * The device routes' rate counters in the hub's Redis (fleet/device-rate.repository.ts, a real private
 * redis-server): the 429 and its Retry-After as before they moved out of process memory, and a refusal
 * (fail closed) while Redis does not answer.
 */
describe('medium: the device rate limits in Redis', () => {
  let hub: FleetHttpApp;
  const enroll = (from: string) => {
    const keys = deviceKeys();
    const body = { token: 'B'.repeat(43), publicKey: keys.publicKey, name: 'X', version: '0.1.0' };
    return hub.signed('POST', '/api/fleet/device/enroll', body, { keys, from });
  };

  before(async () => {
    hub = await FleetHttpApp.start();
  });
  after(() => hub?.dispose());

  it('refuses the 21st enrollment from one address within 10 minutes, with Retry-After', async () => {
    for (let i = 0; i < 20; i++) await enroll('198.51.100.7').expect(409);
    const res = await enroll('198.51.100.7').expect(429);
    const wait = Number(res.headers['retry-after']);
    assert.ok(wait > 590 && wait <= 600, `the window opened by the first attempt (got ${wait})`);
    assert.equal(res.body.retryAfterSeconds, wait);
    await enroll('198.51.100.8').expect(409);
  });

  it('refuses device requests with 503 while Redis does not answer (fail closed)', async () => {
    await hub.app.get(RedisServerRepository).stop();
    const res = await enroll('198.51.100.9').expect(503);
    assert.equal(res.body.errors?.[0]?.code, 'rate-limit-unavailable');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });
});
