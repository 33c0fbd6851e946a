import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { CATALOG } from '../../server/src/catalog/catalog';
import { act, applianceEnv, jobError, type Session, setUpHealthy, startAppliance, waitJob } from '../support/appliance';
import { filesUnder } from '../support/files';
import { hubProcess } from '../support/hub';
import type { ServerProcess } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();
const UPLOADS = CATALOG.hedgedoc.volumes[0].mountPath;
/** A text marker the scan looks for, with random bytes after it (the file restored must be identical). */
const MARKER = `tl-offsite-marker-${randomBytes(12).toString('hex')}`;
const PROBE = Buffer.concat([Buffer.from(`${MARKER}\n`.repeat(64)), randomBytes(64 * 1024)]);
const QUOTA_MB = 512;

interface Place {
  id: string;
  kind: string;
  location: string;
  lastSuccessAt: string | null;
  lastError: unknown;
}

/**
 * Issue 12, acceptance 4, with real processes on loopback, the real engine and real restic: an
 * appliance joins an upstream, which becomes one of its backup places; the pad's file is copied there
 * after the local backup; nothing the upstream stores holds the file's text or the appliance's keys;
 * the upstream's repository is append-only and refuses a revoked appliance; with the local backups
 * lost, the pad comes back from the upstream byte for byte.
 */
describe('off-site backups on the upstream: ciphertext only, append-only, restored with the appliance’s key', () => {
  let place: Place;
  let hub: ServerProcess;
  let hubAdmin: Session;
  let a: ServerProcess;
  let admin: Session;
  let engineId = '';
  /** The REST URL with its credentials, as the appliance's 0600 repository file holds it (from the host). */
  let restUrl: URL;

  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  const pad = async () => {
    const found = (await engine.listManaged(engineId)).find((c) => c.serviceId === 'hedgedoc');
    assert.ok(found, 'the pad has a container');
    return found.id;
  };
  const readProbe = async (): Promise<Buffer | null> => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await engine.exec(await pad(), ['cat', `${UPLOADS}/marker.bin`], { stdout: out });
    return code === 0 ? Buffer.concat(chunks) : null;
  };
  /** A raw request to the appliance's repository on the upstream, with its credential (or another). */
  const rest = (method: string, path: string, auth = `${restUrl.username}:${restUrl.password}`, headers = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: hub.port,
          method,
          path: restUrl.pathname + path,
          headers: { authorization: `Basic ${Buffer.from(decodeURIComponent(auth)).toString('base64')}`, ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? 'x' : undefined);
    });

  before(async () => {
    await requireEngineAndImages();
    hub = await hubProcess('offsite-hub', { OFFSITE_QUOTA_MB: String(QUOTA_MB) });
    await hub.start();
    const res = await request(hub.url)
      .post('/api/setup')
      .send({ ...setupPayload(hub.setupTokenFromLog()), features: [] })
      .expect(201);
    hubAdmin = sessionFrom(res.headers['set-cookie']);
    a = await startAppliance('offsite-a', await applianceEnv({ LINK_HEARTBEAT_MS: '1000' }));
    ({ session: admin, applianceId: engineId } = await setUpHealthy(a, 'pad'));
  });

  after(async () => {
    await Promise.all([hub?.dispose(), a?.dispose()]);
    if (engineId) await cleanupAppliance(engineId);
  });

  it('joining the upstream adds its repository as a place; the credential is a 0600 file only', async () => {
    const minted = await request(hub.url).post('/api/fleet/tokens').set(as(hubAdmin)).send({ community: 'Fab' });
    assert.equal(minted.status, 201, minted.text);
    const joined = await request(a.url)
      .post('/api/federation/enroll')
      .set(as(admin))
      .send({ code: minted.body.code as string, consent: true });
    assert.ok(joined.status < 300, joined.text);
    const places = await request(a.url).get('/api/backups/targets').set('Cookie', admin.cookie).expect(200);
    const found = (places.body.targets as Place[]).find((p) => p.location.includes('/api/fleet/offsite/'));
    assert.ok(found, places.text);
    place = found;
    assert.equal(place.kind, 'rest');
    const file = join(a.dataDir, 'secrets', 'backup-targets', place.id);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    restUrl = new URL(readFileSync(file, 'utf8').replace(/^rest:/, ''));
    assert.ok(restUrl.password.length >= 32, 'the file holds the credential');
    assert.ok(!places.text.includes(restUrl.password), 'the API never shows it');
  });

  it('a backup is copied to the upstream; nothing stored there holds the file’s text or a key', async () => {
    assert.equal(await engine.exec(await pad(), ['sh', '-c', `cat > ${UPLOADS}/marker.bin`], { stdin: PROBE }), 0);
    const { job } = await waitJob(a, admin, await act(a, admin, '/api/backups', {}), 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    const recovery = await request(a.url).post('/api/backups/recovery-key').set(as(admin));
    assert.equal(recovery.status, 200, recovery.text);
    const recoveryKey = recovery.body.recoveryKey as string;
    const password = readFileSync(join(a.dataDir, 'secrets', 'backup-password'), 'utf8').trim();
    const places = await request(a.url).get('/api/backups/targets').set('Cookie', admin.cookie).expect(200);
    const copied = (places.body.targets as Place[]).find((p) => p.id === place.id);
    assert.ok(copied?.lastSuccessAt && !copied.lastError, JSON.stringify(copied));

    const stored = filesUnder(join(hub.dataDir, 'offsite'));
    assert.ok(
      stored.some((f) => f.includes(`${join('offsite', restUrl.username, 'data')}/`)),
      'data packs are there',
    );
    const needles = [MARKER, password, recoveryKey, recoveryKey.replace(/-/g, '')].map((s) => Buffer.from(s));
    let bytes = 0;
    for (const file of filesUnder(hub.dataDir)) {
      const content = readFileSync(file);
      bytes += content.length;
      for (const needle of needles) assert.equal(content.indexOf(needle), -1, `${file} holds a secret or the marker`);
    }
    assert.ok(bytes > PROBE.length, `the scan read the upstream's ${bytes} bytes`);
  });

  it('is append-only and within a quota: delete, overwrite and an upload past the quota are refused', async () => {
    const listed = await rest('GET', 'snapshots/');
    assert.equal(listed.status, 200, listed.text);
    const [snapshot] = JSON.parse(listed.text) as string[];
    assert.ok(snapshot, listed.text);
    const forget = await rest('DELETE', `snapshots/${snapshot}`);
    assert.equal(forget.status, 403, forget.text);
    assert.match(forget.text, /append-only/);
    assert.equal((await rest('POST', `snapshots/${snapshot}`)).status, 403);
    assert.equal((await rest('GET', 'snapshots/')).text, listed.text, 'the snapshot is still there');
    const big = await rest('POST', `data/${'ab'.repeat(32)}`, undefined, {
      'content-length': String((QUOTA_MB + 1) * 1024 * 1024),
    }).catch((error: unknown) => ({ status: -1, text: String(error) }));
    assert.equal(big.status, 413, big.text);
    assert.match(big.text, /quota exceeded/i);
    const other = await rest('GET', 'snapshots/', `${restUrl.username}:not-the-password`);
    assert.equal(other.status, 401);
  });

  it('with the local backups lost, the pad comes back from the upstream, byte-identical', async () => {
    rmSync(join(a.dataDir, 'backups', 'repository'), { recursive: true, force: true });
    assert.equal(await engine.exec(await pad(), ['rm', `${UPLOADS}/marker.bin`]), 0);
    const res = await request(a.url).get(`/api/backups/targets/${place.id}/points`).set('Cookie', admin.cookie);
    assert.equal(res.status, 200, res.text);
    const points = (res.body as { points: Array<{ id: string }> }).points;
    assert.equal(points.length, 1, res.text);
    const jobId = await act(a, admin, `/api/backups/${points[0].id}/restore`, {
      services: ['pad'],
      targetId: place.id,
    });
    const { job } = await waitJob(a, admin, jobId, 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.ok((await readProbe())?.equals(PROBE), 'the file is back, byte-identical');
  });

  it('refuses a revoked appliance’s requests to its repository (403)', async () => {
    await request(hub.url).delete(`/api/fleet/appliances/${restUrl.username}`).set(as(hubAdmin)).expect(204);
    const refused = await rest('GET', 'config');
    assert.equal(refused.status, 403, refused.text);
  });
});
