import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import Queue from 'bull';
import Redis from 'ioredis';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { act, applianceIdOf, jobError, waitJob } from '../support/appliance';
import { eventually } from '../support/eventually';
import { cleanupAppliance, testImageOverrides } from '../support/test-images';
import request from 'supertest';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

const TZ = 'Europe/Paris';
const env = () => ({ TZ, IMAGE_OVERRIDES: JSON.stringify(testImageOverrides()) });

function redisSocket(server: ServerProcess): string {
  const match = /Private redis-server listening on (\S+)/.exec(server.log);
  assert.ok(match, 'the manager logs its redis socket');
  return match[1];
}

/** Bull's repeatable entries of the jobs queue, read from the manager's own redis-server. */
async function repeatEntries(server: ServerProcess): Promise<string[]> {
  const redis = new Redis({ path: redisSocket(server), lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await redis.zrange('bull:jobs:repeat', 0, -1);
  } finally {
    redis.disconnect();
  }
}

/**
 * The schedule is stored in SQLite and Bull's repeatable entry (in Redis) is made to match it at boot
 * and on every change: exactly one entry when enabled, none when disabled, across restarts and kills.
 */
describe('backup schedule: stored, and one repeatable entry that survives restarts', () => {
  const dataDir = tempDataDir('backup-schedule');
  let server = new ServerProcess(dataDir, env());
  let session = { cookie: '', csrf: '' };
  let applianceId = '';
  const api = () => request(server.url);

  async function restart(how: 'stop' | 'kill'): Promise<void> {
    if (how === 'stop') await server.stop();
    else await server.kill();
    server = new ServerProcess(dataDir, env());
    await server.start();
    const res = await api()
      .post('/api/auth/login')
      .send({ username: 'camille', password: setupPayload('').admin.password })
      .expect(200);
    session = sessionFrom(res.headers['set-cookie']);
  }

  const getSchedule = async () =>
    (await api().get('/api/backups/schedule').set('Cookie', session.cookie).expect(200)).body as unknown;
  const putSchedule = (body: object) =>
    api().put('/api/backups/schedule').set('Cookie', session.cookie).set('x-csrf-token', session.csrf).send(body);

  before(async () => {
    await server.start();
    // No feature: nothing here needs the Docker engine.
    const res = await api()
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    session = sessionFrom(res.headers['set-cookie']);
    applianceId = await applianceIdOf(server, session);
  });
  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('starts nightly at 03:00 every day, 7/4/6 retention, with one repeatable entry in the server time zone', async () => {
    assert.deepEqual(await getSchedule(), {
      enabled: true,
      time: '03:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      retention: { daily: 7, weekly: 4, monthly: 6 },
    });
    assert.deepEqual(await repeatEntries(server), [`operation:backupSchedule::${TZ}:0 3 * * *`]);
  });

  it('keeps a changed schedule across a graceful restart and a kill, the entry replaced and never doubled', async () => {
    const changed = {
      enabled: true,
      time: '04:30',
      days: ['thu', 'mon'],
      retention: { daily: 3, weekly: 2, monthly: 1 },
    };
    const saved = (await putSchedule(changed).expect(200)).body as unknown;
    const expected = { ...changed, days: ['mon', 'thu'] };
    assert.deepEqual(saved, expected);
    const entry = `operation:backupSchedule::${TZ}:30 4 * * 1,4`;
    assert.deepEqual(await repeatEntries(server), [entry]);
    // The same schedule saved again changes nothing.
    await putSchedule(changed).expect(200);
    assert.deepEqual(await repeatEntries(server), [entry]);

    await restart('stop');
    assert.deepEqual(await getSchedule(), expected);
    assert.deepEqual(await repeatEntries(server), [entry]);

    await restart('kill');
    assert.deepEqual(await getSchedule(), expected);
    assert.deepEqual(await repeatEntries(server), [entry]);
  });

  it('fires through the jobs queue: a backup, then the retention and a check, and the next firing is scheduled', async () => {
    // Bull's next firing is a delayed job; promoting it fires now rather than at 04:30.
    const queue = new Queue('jobs', { redis: { path: redisSocket(server) } });
    const db = new Database(new DataDirRepository(dataDir).databaseFile, { readonly: true });
    try {
      const [firing] = await queue.getDelayed();
      assert.deepEqual(firing?.data, { trigger: 'backupSchedule' });
      await firing.promote();
      // The chain, each job queued once the one before ended: backup, then retention, then a check.
      for (const kind of ['backup', 'backupForget', 'backupCheck']) {
        const row = await eventually(
          () =>
            db.prepare(`SELECT "id", "target" FROM "job" WHERE "kind" = ?`).get(kind) as { id: string; target: string },
          `the scheduled chain queues ${kind}`,
          { timeoutMs: 120_000, intervalMs: 250 },
        );
        assert.equal(row.target, 'backups');
        const { job } = await waitJob(server, session, row.id, 180_000);
        assert.equal(job.state, 'succeeded', `${kind}: ${jobError(job)}`);
      }
      const next = await eventually(async () => {
        const delayed = await queue.getDelayed();
        return delayed.length === 1 && delayed[0].id !== firing.id && delayed[0];
      }, 'Bull schedules the next firing');
      assert.deepEqual(next.data, { trigger: 'backupSchedule' });
      assert.equal((await repeatEntries(server)).length, 1);
    } finally {
      db.close();
      await queue.close();
    }
  });

  it('checks on demand: POST /api/backups/check queues a check that re-reads a slice', async () => {
    const jobId = await act(server, session, '/api/backups/check');
    const { job, stages } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(job.result?.key, 'backupChecked');
    // Two days a week (Monday, Thursday): 8 slices, so a month of checks re-reads everything.
    assert.match(String(job.result?.params.subset), /^[1-8]\/8$/);
    assert.ok(stages.has('done'));
  });

  it('removes the entry when turned off, and a restart does not bring it back', async () => {
    const off = { enabled: false, time: '04:30', days: ['mon'], retention: { daily: 7, weekly: 4, monthly: 6 } };
    await putSchedule(off).expect(200);
    assert.deepEqual(await repeatEntries(server), []);
    await restart('stop');
    assert.deepEqual(await getSchedule(), off);
    assert.deepEqual(await repeatEntries(server), []);
  });

  it('refuses a schedule that is not one: bad time, no day, unknown day, negative retention', async () => {
    const good = { enabled: true, time: '02:15', days: ['sun'], retention: { daily: 7, weekly: 4, monthly: 6 } };
    for (const bad of [
      { ...good, time: '24:00' },
      { ...good, time: '3:00' },
      { ...good, days: [] },
      { ...good, days: ['someday'] },
      { ...good, retention: { daily: -1, weekly: 4, monthly: 6 } },
      { ...good, retention: undefined },
    ]) {
      await putSchedule(bad).expect(400);
    }
    assert.equal(((await getSchedule()) as { enabled: boolean }).enabled, false, 'nothing was saved');
  });
});
