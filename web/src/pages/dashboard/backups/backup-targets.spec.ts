import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageKey } from '../../../lib/i18n';
import {
  draftLocation,
  emptyDraft,
  firstTargetProblem,
  hostKeyBlob,
  lacksRecoveryKey,
  retentionMessage,
  statusMessage,
  targetServerProblems,
  validateTarget,
} from './backup-targets';

const known = new Set(['backups.targets.problem.targetUnreachable', 'backups.targets.problem.systemPath']);
const has = (key: string): key is MessageKey => known.has(key);

describe('backups: the other places form', () => {
  it('sends a directory that keeps everything by default', () => {
    const { body, problems } = validateTarget({ ...emptyDraft(), label: ' Disque ', location: ' /mnt/usb ' });
    assert.deepEqual(problems, {});
    assert.deepEqual(body, { label: 'Disque', kind: 'directory', location: '/mnt/usb', retention: null });
  });

  it('sends its own retention when asked, refusing one that keeps nothing', () => {
    const policy = { ...emptyDraft(), label: 'Coop', kind: 'rest' as const, location: 'https://coop.example/' };
    const kept = validateTarget({ ...policy, keepAll: false, daily: '3', weekly: '0', monthly: '1' });
    assert.deepEqual(kept.body?.retention, { daily: 3, weekly: 0, monthly: 1 });
    const none = validateTarget({ ...policy, keepAll: false, daily: '0', weekly: '0', monthly: '0' });
    assert.equal(none.body, null);
    assert.deepEqual(none.problems.retention, { key: 'backups.validation.keepOne' });
  });

  it('names each missing or malformed field, the first one focused', () => {
    const { problems } = validateTarget({ ...emptyDraft(), location: 'mnt/usb', keepAll: false, daily: 'x' });
    assert.deepEqual(Object.keys(problems).sort(), ['daily', 'label', 'location']);
    assert.deepEqual(problems.location, { key: 'backups.targets.problem.notAbsolute' });
    assert.equal(firstTargetProblem(problems), 'label');
    const rest = validateTarget({ ...emptyDraft(), kind: 'rest', label: 'Coop', location: 'coop.example' });
    assert.deepEqual(rest.problems.location, { key: 'backups.targets.problem.notHttpUrl' });
  });

  it('sends an SFTP place in parts with the pasted host key, and an S3 place with its keys', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3fkQ3/zvA3Tc5BovIx1pBYt+PaIlaol5ux root@coop';
    const sftp = { ...emptyDraft(), label: 'Coop', kind: 'sftp' as const, sftpUser: 'tl', sftpHost: 'coop.example' };
    const sent = validateTarget({ ...sftp, sftpPort: '2222', sftpPath: 'srv/tl', hostKey: `coop.example ${key}\n` });
    assert.deepEqual(sent.problems, {});
    assert.deepEqual(sent.body, {
      label: 'Coop',
      kind: 'sftp',
      location: 'sftp://tl@coop.example:2222/srv/tl',
      retention: null,
      hostKey: `coop.example ${key}`,
    });
    assert.equal(hostKeyBlob(key), 'AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3fkQ3/zvA3Tc5BovIx1pBYt+PaIlaol5ux');
    const missing = validateTarget({ ...sftp, hostKey: 'not a key' });
    assert.deepEqual(Object.keys(missing.problems).sort(), ['hostKey', 'location']);

    const s3 = { ...emptyDraft(), label: 'S3', kind: 's3' as const, s3Endpoint: 's3.coop.example/', s3Bucket: 'tl' };
    assert.equal(draftLocation({ ...s3, s3Path: '/fabrique/' }), 'https://s3.coop.example/tl/fabrique');
    const bucket = validateTarget({ ...s3, accessKeyId: 'AK', secretAccessKey: 'SK', pathStyle: false });
    assert.deepEqual(bucket.body, {
      label: 'S3',
      kind: 's3',
      location: 'https://s3.coop.example/tl',
      retention: null,
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      pathStyle: false,
    });
    assert.deepEqual(Object.keys(validateTarget(s3).problems).sort(), ['accessKeyId', 'secretAccessKey']);
    const placed = targetServerProblems([{ field: 'hostKey', code: 'notHostKey', message: '' }], has);
    assert.deepEqual(placed, { problems: { hostKey: { key: 'backups.targets.problem.targetFailed' } }, other: false });
  });

  it("puts the server's refusal codes on the location field", () => {
    const placed = targetServerProblems(
      [
        { field: 'location', code: 'targetUnreachable', message: 'This place does not answer' },
        { field: 'retention', code: 'isObject', message: 'retention must be an object' },
      ],
      has,
    );
    assert.deepEqual(placed.problems, { location: { key: 'backups.targets.problem.targetUnreachable' } });
    assert.equal(placed.other, true);
    const unknown = targetServerProblems([{ field: 'location', code: 'weird', message: '' }], has);
    assert.deepEqual(unknown.problems.location, { key: 'backups.targets.problem.targetFailed' });
  });
});

describe('backups: the other places list', () => {
  const base = { enabled: true, lastAttemptAt: null, lastSuccessAt: null, lastError: null };
  const date = (iso: string) => iso.slice(0, 10);
  const reason = (key: string) => `<${key}>`;

  it('says when the recovery key does not open a place', () => {
    assert.equal(
      lacksRecoveryKey({ recoveryKeyAt: null }, null),
      false,
      'no recovery key at all: the main notice says so',
    );
    assert.equal(lacksRecoveryKey({ recoveryKeyAt: null }, '2026-11-30T03:00:00Z'), true);
    assert.equal(lacksRecoveryKey({ recoveryKeyAt: '2026-11-30T03:00:00Z' }, '2026-11-30T03:00:00Z'), false);
  });

  it('says what each place keeps', () => {
    assert.deepEqual(retentionMessage({ retention: null }), { key: 'backups.targets.keepAll' });
    assert.deepEqual(retentionMessage({ retention: { daily: 1, weekly: 2, monthly: 3 } }), {
      key: 'backups.targets.keepPolicy',
      params: { daily: 1, weekly: 2, monthly: 3 },
    });
  });

  it('says how the last copy went, a failure first', () => {
    assert.deepEqual(statusMessage(base, date, reason).message, { key: 'backups.targets.never' });
    assert.deepEqual(statusMessage({ ...base, enabled: false }, date, reason).message, { key: 'backups.targets.off' });
    const ok = { ...base, lastAttemptAt: '2026-11-30T03:00:00Z', lastSuccessAt: '2026-11-30T03:00:00Z' };
    assert.deepEqual(statusMessage(ok, date, reason), {
      message: { key: 'backups.targets.lastCopy', params: { date: '2026-11-30' } },
      failed: false,
    });
    const failed = {
      ...ok,
      lastAttemptAt: '2026-12-01T03:00:00Z',
      lastError: { key: 'targetUnreachable', detail: null },
    };
    assert.deepEqual(statusMessage(failed, date, reason), {
      message: { key: 'backups.targets.failedAt', params: { date: '2026-12-01', reason: '<targetUnreachable>' } },
      failed: true,
    });
  });
});
