import { Injectable, Module } from '@nestjs/common';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { encodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { keyFingerprint } from '../../server/src/fleet-link/key-fingerprint';
import { signCommand } from '../../server/src/fleet-link/signed-command';
import type { HeartbeatService } from '../../server/src/fleet-link/link.types';
import type { FederationStatusDto } from '../../server/src/federation/dto/federation.dto';
import { FederationModule } from '../../server/src/federation/federation.module';
import { type JobEnd, LocalAppliance, type ServiceAction } from '../../server/src/federation/local-appliance.port';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { eventually } from '../support/eventually';
import { AccountsHttpApp, type Session } from '../support/medium-http';
import { StandInUpstream } from '../support/stand-in-upstream';

/**
 * The appliance's side of what this test stands in for: what the link reads and queues, recorded.
 * The real one (ApplianceLocal) queues the dashboard's own jobs; the jobs tier needs Redis.
 */
@Injectable()
class RecordingLocal extends LocalAppliance {
  readonly queued: string[] = [];
  readonly ends = new Map<string, JobEnd>();
  communityName() {
    return Promise.resolve('La Fabrique');
  }
  version() {
    return Promise.resolve('1.4.2');
  }
  services(): Promise<HeartbeatService[]> {
    return Promise.resolve([
      { name: 'chat', state: 'running', health: 'healthy' },
      { name: 'pad', state: 'stopped', health: 'unknown' },
    ]);
  }
  diskFreeBytes() {
    return Promise.resolve(5_000_000_000);
  }
  lastBackupAt() {
    return Promise.resolve(new Date('2026-11-30T03:00:00.000Z'));
  }
  recentErrors() {
    return Promise.resolve(['backup:backupFailed']);
  }
  features() {
    return ['chat', 'pad', 'files'];
  }
  queueBackup() {
    this.queued.push('backup');
    return Promise.resolve(`job-${this.queued.length}`);
  }
  queueServiceAction(feature: string, action: ServiceAction) {
    this.queued.push(`${action}:${feature}`);
    return Promise.resolve(`job-${this.queued.length}`);
  }
  jobEnd(jobId: string) {
    return Promise.resolve(this.ends.get(jobId) ?? null);
  }
}

type StatusBody = FederationStatusDto & Record<string, unknown>;

@Module({ providers: [RecordingLocal], exports: [RecordingLocal] })
class RecordingLocalModule {}

describe('medium: the link to a mutualised host (appliance side, against a stand-in upstream)', () => {
  const upstream = new StandInUpstream();
  let app: AccountsHttpApp;
  let admin: Session;
  let local: RecordingLocal;
  let applianceId: string;

  const api = () => request(app.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  const status = async () => (await api().get('/api/federation').set(as(admin)).expect(200)).body as StatusBody;
  const ackOf = (id: string) => eventually(() => upstream.acks.find((a) => a.id === id)?.ack, `the ack of ${id}`);
  const keyFile = () => app.app.get(DataDirRepository).federationKeyFile;

  before(async () => {
    await upstream.start();
    app = await AccountsHttpApp.start({
      imports: [FederationModule.withLocal(RecordingLocalModule, RecordingLocal)],
      env: { LINK_HEARTBEAT_MS: '100' },
    });
    admin = await app.admin('camille');
    local = app.app.get(RecordingLocal);
  });
  after(async () => {
    await app?.dispose();
    await upstream.stop();
  });

  it('is for administrators with a session, and says when nothing is joined', async () => {
    await api().get('/api/federation').expect(401);
    await api()
      .post('/api/federation/preview')
      .set({ Cookie: admin.cookie })
      .send({ code: upstream.code() })
      .expect(403);
    assert.deepEqual(await status(), { state: 'none' });
    await api().delete('/api/federation').set(as(admin)).expect(404);
  });

  it('refuses an unreadable code with a message key', async () => {
    const res = await api().post('/api/federation/preview').set(as(admin)).send({ code: 'hello, world' }).expect(400);
    assert.equal(res.body.errors[0].code, 'federation.codeUnreadable');
  });

  it('refuses a host whose key is not the one the code names', async () => {
    const other = keyFingerprint(generateKeyPairSync('ed25519').publicKey);
    for (const route of ['preview', 'enroll']) {
      const res = await api()
        .post(`/api/federation/${route}`)
        .set(as(admin))
        .send({ code: upstream.code(other), consent: route === 'enroll' ? true : undefined })
        .expect(409);
      assert.equal(res.body.errors[0].code, 'federation.fingerprintMismatch');
    }
    assert.equal(upstream.enrollments.length, 0);
  });

  it('previews the host before anything takes effect', async () => {
    const res = await api().post('/api/federation/preview').set(as(admin)).send({ code: upstream.code() }).expect(200);
    assert.deepEqual(res.body, {
      upstream: { name: upstream.name, url: upstream.url, fingerprint: upstream.fingerprint },
    });
    assert.equal(upstream.enrollments.length, 0);
    assert.deepEqual(await status(), { state: 'none' });
  });

  it('needs consent, and passes on the host refusing a code', async () => {
    await api().post('/api/federation/enroll').set(as(admin)).send({ code: upstream.code() }).expect(400);
    await api()
      .post('/api/federation/enroll')
      .set(as(admin))
      .send({ code: upstream.code(), consent: false })
      .expect(400);
    const never = encodeEnrollmentCode({ url: upstream.url, token: 'N'.repeat(32), fingerprint: upstream.fingerprint });
    const refused = await api()
      .post('/api/federation/enroll')
      .set(as(admin))
      .send({ code: never, consent: true })
      .expect(409);
    assert.equal(refused.body.errors[0].code, 'federation.codeRefused');
    assert.deepEqual(await status(), { state: 'none' });
    assert.throws(() => statSync(keyFile()), 'no key kept after a refusal');
  });

  let usedCode = '';
  it('enrolls once, with a 0600 key, and pins the host', async () => {
    const code = upstream.code();
    usedCode = code;
    const res = await api().post('/api/federation/enroll').set(as(admin)).send({ code, consent: true }).expect(200);
    assert.equal(res.body.state, 'enrolled');
    assert.deepEqual(res.body.upstream, { name: upstream.name, url: upstream.url, fingerprint: upstream.fingerprint });
    applianceId = res.body.applianceId as string;
    assert.equal(applianceId, 'app-1');
    assert.deepEqual(
      { name: upstream.enrollments[0].name, version: upstream.enrollments[0].version },
      { name: 'La Fabrique', version: '1.4.2' },
    );
    assert.equal(statSync(keyFile()).mode & 0o777, 0o600);
    const again = await api().post('/api/federation/enroll').set(as(admin)).send({ code, consent: true }).expect(409);
    assert.equal(again.body.errors[0].code, 'federation.alreadyEnrolled');
  });

  it('sends signed heartbeats the host verifies, with the status only', async () => {
    const heartbeat = await eventually(() => upstream.heartbeats.at(-1), 'a heartbeat');
    assert.deepEqual(heartbeat, {
      version: '1.4.2',
      services: [
        { name: 'chat', state: 'running', health: 'healthy' },
        { name: 'pad', state: 'stopped', health: 'unknown' },
      ],
      diskFreeBytes: 5_000_000_000,
      lastBackupAt: '2026-11-30T03:00:00.000Z',
    });
    await eventually(() => upstream.heartbeats.length >= 3, 'three heartbeats (fresh nonces each)');
    assert.deepEqual(upstream.refusals, []);
    const view = await eventually(async () => {
      const s = await status();
      return s.lastContactAt ? s : undefined;
    }, 'a contact recorded');
    assert.equal(view.lastError, null);
    assert.ok(view.nextAttemptAt);
  });

  it('runs a valid command through the local jobs and acks it when the job ends', async () => {
    const backup = upstream.command(applianceId, 'backup.run');
    upstream.queue.push(backup);
    await eventually(() => local.queued.includes('backup'), 'the backup queued');
    const jobId = `job-${local.queued.indexOf('backup') + 1}`;
    // Polled again while its job runs: not run twice, not acked yet.
    await eventually(() => upstream.heartbeats.length >= 10, 'more rounds');
    assert.equal(local.queued.filter((q) => q === 'backup').length, 1);
    assert.equal(
      upstream.acks.find((a) => a.id === backup.command.id),
      undefined,
    );
    local.ends.set(jobId, { succeeded: true, key: 'jobs.result.backedUp' });
    assert.deepEqual(await ackOf(backup.command.id), {
      outcome: 'done',
      detail: 'jobs.result.backedUp',
      result: { jobId },
    });
  });

  it('restarts a named service, collects diagnostics without secrets', async () => {
    const restart = upstream.command(applianceId, 'service.restart', { service: 'pad' });
    const diagnostics = upstream.command(applianceId, 'diagnostics.collect');
    upstream.queue.push(restart, diagnostics);
    const ack = await ackOf(diagnostics.command.id);
    assert.equal(ack.outcome, 'done');
    assert.equal(ack.result?.version, '1.4.2');
    assert.equal(ack.result?.['service.chat'], 'running/healthy');
    assert.equal(ack.result?.recentErrors, 'backup:backupFailed');
    await eventually(() => local.queued.includes('restart:pad'), 'the restart queued');
    const jobId = `job-${local.queued.indexOf('restart:pad') + 1}`;
    local.ends.set(jobId, { succeeded: false, key: 'jobs.error.notHealthy' });
    assert.deepEqual(await ackOf(restart.command.id), {
      outcome: 'failed',
      detail: 'jobs.error.notHealthy',
      result: { jobId },
    });
  });

  it('refuses forged, expired, misdirected, unlisted and unknown-service commands, and duplicates', async () => {
    const before = [...local.queued];
    const now = Date.now();
    const forged = signCommand(
      generateKeyPairSync('ed25519').privateKey,
      upstream.command(applianceId, 'backup.run').command,
    );
    const expired = upstream.command(
      applianceId,
      'backup.run',
      {},
      {
        issuedAt: new Date(now - 120_000).toISOString(),
        expiresAt: new Date(now - 60_000).toISOString(),
      },
    );
    const elsewhere = upstream.command('app-99', 'backup.run');
    const shell = upstream.command(applianceId, 'shell.exec', { cmd: 'id' });
    const unknownService = upstream.command(applianceId, 'service.update', { service: 'proxy' });
    // The backup acked as done above, sent again: a replay.
    const done = upstream.acks.find((a) => a.ack.detail === 'jobs.result.backedUp')!;
    const replay = upstream.command(applianceId, 'backup.run');
    replay.command.id = done.id;
    const duplicate = signCommand(upstream.keys.privateKey, replay.command);
    upstream.queue.push(forged, expired, elsewhere, shell, unknownService, duplicate);
    const expected: Array<[string, string]> = [
      [forged.command.id, 'link.refused.bad-signature'],
      [expired.command.id, 'link.refused.expired'],
      [elsewhere.command.id, 'link.refused.other-appliance'],
      [shell.command.id, 'link.refused.not-allowed'],
      [unknownService.command.id, 'link.refused.unknown-service'],
    ];
    for (const [id, detail] of expected) assert.deepEqual(await ackOf(id), { outcome: 'refused', detail });
    const duplicateAck = await eventually(
      () => upstream.acks.filter((a) => a.id === done.id).at(1)?.ack,
      'the duplicate acked',
    );
    assert.deepEqual(duplicateAck, { outcome: 'refused', detail: 'link.refused.duplicate' });
    assert.deepEqual(local.queued, before, 'nothing was run');
  });

  it('answers a command a stopped manager took but never ran: failed, interrupted', async () => {
    const id = 'taken-before-a-crash';
    await app.dataSource.query(
      `INSERT INTO "federation_command" ("id", "type", "received_at") VALUES (?, 'backup.run', datetime('now'))`,
      [id],
    );
    assert.deepEqual(await ackOf(id), { outcome: 'failed', detail: 'link.interrupted' });
  });

  it('keeps answering while the host is down, records why, and reconnects on its own', async () => {
    await upstream.stop();
    const down = await eventually(async () => {
      const s = await status();
      return s.lastError === 'link.error.unreachable' ? s : undefined;
    }, 'the error recorded');
    assert.equal(down.state, 'enrolled');
    assert.ok(down.nextAttemptAt);
    const preview = await api()
      .post('/api/federation/preview')
      .set(as(admin))
      .send({ code: upstream.code() })
      .expect(502);
    assert.equal(preview.body.errors[0].code, 'federation.unreachable');
    const seen = upstream.heartbeats.length;
    await upstream.start();
    await eventually(
      async () => upstream.heartbeats.length > seen && (await status()).lastError === null,
      'back in touch',
      {
        timeoutMs: 30_000,
      },
    );
  });

  it('shows a revoked link and stops asking', async () => {
    upstream.revoked = true;
    const revoked = await eventually(async () => {
      const s = await status();
      return s.state === 'revoked' ? s : undefined;
    }, 'the revocation shown');
    assert.equal(revoked.lastError, 'link.error.revoked');
    assert.ok(Date.parse(revoked.nextAttemptAt as string) - Date.now() > 60 * 60_000, 'asks again in hours');
    upstream.revoked = false;
  });

  it('leaves: the host is told, the key and the link go', async () => {
    const res = await api().delete('/api/federation').set(as(admin)).expect(200);
    assert.deepEqual(res.body, { upstreamConfirmed: true });
    assert.deepEqual(upstream.left, [applianceId]);
    assert.deepEqual(await status(), { state: 'none' });
    assert.throws(() => statSync(keyFile()));
    await api().delete('/api/federation').set(as(admin)).expect(404);
    // Its code was single use: the host refuses it again.
    const again = await api()
      .post('/api/federation/enroll')
      .set(as(admin))
      .send({ code: usedCode, consent: true })
      .expect(409);
    assert.equal(again.body.errors[0].code, 'federation.codeRefused');
  });

  it('leaves on its own side when the host does not answer', async () => {
    await api()
      .post('/api/federation/enroll')
      .set(as(admin))
      .send({ code: upstream.code(), consent: true })
      .expect(200);
    await upstream.stop();
    const res = await api().delete('/api/federation').set(as(admin)).expect(200);
    assert.deepEqual(res.body, { upstreamConfirmed: false });
    assert.deepEqual(await status(), { state: 'none' });
    await upstream.start();
  });
});
