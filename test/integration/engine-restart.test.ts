import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  applianceEnv,
  applianceIdOf,
  completeSetup,
  login,
  type Session,
  startAppliance,
  waitFeature,
} from '../support/appliance';
import { eventually } from '../support/eventually';
import { REPO_ROOT, ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();

function dockerdPids(): number[] {
  const out = spawnSync('pgrep', ['-x', 'dockerd'], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}

/** Fault test: the engine goes away under a running appliance and comes back. Nothing is lost. */
describe('engine restart under a running appliance', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';

  before(async () => {
    await requireEngineAndImages();
    server = await startAppliance('engine-restart', await applianceEnv());
    session = await completeSetup(server, ['pad']);
    await waitFeature(server, session, 'pad', (s) => s.state === 'running' && s.health === 'healthy');
    applianceId = await applianceIdOf(server, session);
  });

  after(async () => {
    // Whatever happened, leave an engine running for the next tests.
    execFileSync('bash', [join(REPO_ROOT, 'scripts', 'provision', 'dockerd.sh')], { stdio: 'ignore' });
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('reports the engine down as "degraded" (not an error), then heals the services when it is back', async () => {
    const pids = dockerdPids();
    assert.ok(pids.length > 0, 'no dockerd process to stop: is the engine run by this machine?');
    for (const pid of pids) process.kill(pid, 'SIGTERM');
    await eventually(() => dockerdPids().length === 0, 'dockerd has stopped', { timeoutMs: 30_000, intervalMs: 500 });

    const down = await request(server.url).get('/api/health').expect(200);
    assert.equal(down.body.status, 'degraded');
    assert.equal(down.body.checks.docker.status, 'down');
    assert.equal(down.body.checks.database.status, 'up');
    // The dashboard still answers, and says the feature is in error rather than failing.
    const list = await request(server.url).get('/api/features').set('Cookie', session.cookie).expect(200);
    assert.equal(list.body.find((s: { id: string }) => s.id === 'pad').state, 'error');

    execFileSync('bash', [join(REPO_ROOT, 'scripts', 'provision', 'dockerd.sh')], { stdio: 'ignore' });
    const up = await request(server.url).get('/api/health').expect(200);
    assert.equal(up.body.checks.docker.status, 'up');
    session = await login(server);
    await waitFeature(server, session, 'pad', (s) => s.state === 'running' && s.health === 'healthy', 180_000);
    const pads = (await engine.listManaged(applianceId)).filter((c) => c.serviceId === 'hedgedoc');
    assert.equal(pads.length, 1, 'one pad container, no duplicate after the engine came back');
  });
});
