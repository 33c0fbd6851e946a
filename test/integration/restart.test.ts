import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { redisServersIn } from '../support/leftovers';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

describe('restart keeps everything', () => {
  const dataDir = tempDataDir('restart');
  let server = new ServerProcess(dataDir);
  after(async () => {
    await server.dispose();
  });

  it('keeps the admin, the settings and the completed state across a restart; no new token', async () => {
    await server.start();
    const payload = { ...setupPayload(server.setupTokenFromLog()), features: ['files'] };
    await request(server.url).post('/api/setup').send(payload).expect(201);
    assert.equal(await server.stop(), 0, 'graceful stop exits 0');

    server = new ServerProcess(dataDir);
    await server.start();
    assert.ok(!/setup token:/.test(server.log), 'a completed appliance prints no setup token');
    const status = await request(server.url).get('/api/setup/status').expect(200);
    assert.equal(status.body.completed, true);
    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'camille', password: payload.admin.password })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const settings = await request(server.url).get('/api/settings').set('Cookie', cookie).expect(200);
    assert.equal(settings.body.community.color, '#2f7d5b');
    assert.deepEqual(
      settings.body.features.filter((s: { enabled: boolean }) => s.enabled).map((s: { id: string }) => s.id),
      ['files'],
    );
  });

  it('restarts before setup with the same token, and survives a leftover redis from a killed run', async () => {
    const fresh = new ServerProcess(tempDataDir('restart-fresh'));
    const again = new ServerProcess(fresh.dataDir);
    try {
      await fresh.start();
      const token = fresh.setupTokenFromLog();
      await fresh.kill(); // its private redis-server is orphaned and still holds the socket
      assert.equal(redisServersIn(fresh.dataDir).length, 1, 'the killed manager left its redis-server');
      await again.start();
      assert.equal(redisServersIn(fresh.dataDir).length, 1, 'the leftover was replaced, not doubled');
      // Printed at first start only; the file keeps it for `appliance setup-token`.
      assert.ok(!again.log.includes(token), 'a restart prints the setup token again');
      assert.match(again.log, /appliance setup-token/);
      assert.equal(readFileSync(join(fresh.dataDir, 'setup-token'), 'utf8').trim(), token);
    } finally {
      await again.dispose();
    }
  });

  it('leaves nothing behind after a SIGKILLed manager: dispose() stops its orphaned redis-server', async () => {
    const killed = new ServerProcess(tempDataDir('restart-killed'));
    await killed.start();
    await killed.kill();
    const [orphan] = redisServersIn(killed.dataDir);
    assert.ok(orphan, 'the killed manager left its redis-server');
    await killed.dispose();
    assert.deepEqual(redisServersIn(killed.dataDir), []);
    assert.ok(!existsSync(killed.dataDir), 'the data directory was removed');
  });
});
