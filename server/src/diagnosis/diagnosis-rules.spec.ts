import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupCheck, certificateCheck, diskCheck, featureCheck, memoryCheck } from './diagnosis-rules';

const GiB = 1024 ** 3;
const now = new Date('2026-12-01T10:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const cert = (validTo: Date, trusted = true) => ({ validTo, trusted, issuer: "Let's Encrypt" });

describe('diagnosis rules', () => {
  it('disk: under 1 GiB is an error, under 10 % a warning', () => {
    assert.equal(diskCheck({ freeBytes: 0.5 * GiB, totalBytes: 100 * GiB }).status, 'error');
    assert.equal(diskCheck({ freeBytes: 5 * GiB, totalBytes: 100 * GiB }).status, 'warning');
    const ok = diskCheck({ freeBytes: 50 * GiB, totalBytes: 100 * GiB });
    assert.deepEqual([ok.status, ok.params], ['ok', { free: 50, total: 100, percent: 50 }]);
  });

  it('memory: under 256 MiB available is a warning', () => {
    assert.equal(memoryCheck({ freeBytes: 100 * 1024 ** 2, totalBytes: 4 * GiB }).status, 'warning');
    assert.equal(memoryCheck({ freeBytes: 2 * GiB, totalBytes: 4 * GiB }).status, 'ok');
  });

  it('features: healthy, starting, stopped and broken read differently', () => {
    assert.equal(featureCheck('pad', 'running', 'healthy').status, 'ok');
    assert.equal(featureCheck('pad', 'installing', 'unknown').status, 'unknown');
    assert.equal(featureCheck('pad', 'stopped', 'unknown').status, 'warning');
    assert.equal(featureCheck('pad', 'error', 'unhealthy').status, 'error');
  });

  it('certificate: off, unreachable, expired, untrusted, expiring soon, fine', () => {
    const name = 'fabrique.example.org';
    const of = (probe: Parameters<typeof certificateCheck>[1]) => certificateCheck(name, probe, now).messageKey;
    assert.equal(of({ kind: 'off' }), 'diagnosis.tls.off');
    assert.equal(of({ kind: 'unreachable', error: 'ECONNREFUSED' }), 'diagnosis.tls.unreachable');
    assert.equal(of({ kind: 'certificate', certificate: cert(days(-1)), internalCa: false }), 'diagnosis.tls.expired');
    assert.equal(
      of({ kind: 'certificate', certificate: cert(days(60), false), internalCa: false }),
      'diagnosis.tls.untrusted',
    );
    assert.equal(of({ kind: 'certificate', certificate: cert(days(5)), internalCa: false }), 'diagnosis.tls.expiring');
    assert.equal(
      of({ kind: 'certificate', certificate: cert(days(60), false), internalCa: true }),
      'diagnosis.tls.internal',
    );
    const ok = certificateCheck(name, { kind: 'certificate', certificate: cert(days(60)), internalCa: false }, now);
    assert.deepEqual([ok.status, ok.params.days], ['ok', 60]);
  });

  it('backup: none yet, failed, overdue, recent', () => {
    const run = (state: string) => ({
      state,
      finishedAt: now,
      errorKey: state === 'failed' ? 'backup.diskFull' : null,
    });
    assert.equal(backupCheck(null, null, now).messageKey, 'diagnosis.backup.none');
    const failed = backupCheck(run('failed'), days(-1), now);
    assert.deepEqual([failed.status, failed.detail], ['error', 'backup.diskFull']);
    assert.equal(backupCheck(run('succeeded'), days(-3), now).status, 'warning');
    assert.equal(backupCheck(run('succeeded'), days(-1), now).status, 'ok');
  });
});
