import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api-error';
import { completeInstallation, migratedDatabase } from '../setup/installation.fixtures.spec';
import type { JobsService } from '../jobs/jobs.service';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { InstallationRepository } from '../setup/installation.repository';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import { ApplianceImportRepository } from './appliance-import.repository';
import type { ResticRepository } from './restic.repository';
import { partSnapshot } from './restic.fixtures.spec';
import { ResticError, type ResticSnapshot } from './restic.types';
import { RECOVERY_DIR, RecoveryService } from './recovery.service';

const NOW = new Date('2026-11-30T05:00:00.000Z');
const RUN = '0b7e4c1a-2222-4333-8444-955566667777';
const KEY = 'the-recovery-key-shown-once';

/**
 * Disaster recovery on real SQLite files: an old manager's data directory (database, secrets), what
 * restic would restore of it, and a new manager that takes it in. restic and the job queue are stand-ins.
 */
describe('RecoveryService: a new manager takes back an old one from its backup', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-recovery-spec-'));
  const oldFiles = new DataDirRepository(join(root, 'old'));
  const newFiles = new DataDirRepository(join(root, 'new'));
  let old: DataSource;
  let live: DataSource;
  const queued: unknown[] = [];
  const restored: string[] = [];
  const locks = new LockService(new Clock());
  let resticCalls = 0;

  const snapshots: ResticSnapshot[] = [
    partSnapshot(RUN, 'app', 'appliance', 'appliance', '/data/backups/staging'),
    partSnapshot(RUN, 'app-secrets', 'appliance', 'appliance', '/data/secrets', '2026-11-30T03:00:01Z'),
    partSnapshot('an-older-run', 'older', 'appliance', 'appliance', '/data/backups/staging', '2026-11-29T03:00:00Z'),
    partSnapshot(RUN, 'db', 'synapse', 'database', '/synapse.pgdump'),
  ];
  const restic = {
    snapshots: (_target: unknown, tags: string[] = []) => {
      resticCalls += 1;
      // Both keys open the repository: the recovery key, and the old password once it is back.
      if (![KEY, 'the-old-password'].includes(newFiles.readText(newFiles.backupPasswordFile) ?? ''))
        return Promise.reject(new ResticError('wrongPassword', 'wrong password or no key found'));
      return Promise.resolve(snapshots.filter((s) => tags.every((t) => s.tags.includes(t))));
    },
    /** What restic's restore of the appliance part leaves: the staged database and secrets, re-rooted. */
    async restoreDataPath(_target: unknown, snapshotId: string, relativeDir: string) {
      restored.push(`${snapshotId} -> ${relativeDir}`);
      if (snapshotId === 'app-secrets') {
        newFiles.writeAtomic(
          join(newFiles.root, relativeDir, 'secrets', 'services.json'),
          '{"synapseSigningKey":"old-key"}',
        );
        newFiles.writeAtomic(join(newFiles.root, relativeDir, 'secrets', 'backup-password'), 'the-old-password');
        return;
      }
      const copy = join(oldFiles.root, 'backups', 'staging', 'appliance.sqlite');
      await oldFiles.backupDatabase(copy);
      newFiles.writeAtomic(
        join(newFiles.root, relativeDir, 'backups', 'staging', 'appliance.sqlite'),
        readFileSync(copy),
      );
    },
  };
  let service: RecoveryService;
  let tokens: SetupTokenRepository;

  before(async () => {
    old = await migratedDatabase(oldFiles.root);
    live = await migratedDatabase(newFiles.root);
    await completeInstallation(old, { applianceId: 'c0ffee02', now: NOW, enabled: ['chat'] });
    tokens = new SetupTokenRepository(newFiles);
    tokens.createIfMissing();
    const jobs = {
      create: (kind: string, target: string, options: unknown) => {
        queued.push({ kind, target, options });
        return Promise.resolve({ id: 'job-1' });
      },
    };
    service = new RecoveryService(
      restic as unknown as ResticRepository,
      newFiles,
      tokens,
      new InstallationRepository(live),
      new ApplianceImportRepository(live, newFiles),
      jobs as unknown as JobsService,
      locks,
    );
  });

  after(async () => {
    await old.destroy();
    await live.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a wrong setup token (403) and a key that does not open the repository (400), importing nothing', async () => {
    const status = (code: number) => (err: unknown) => err instanceof ApiException && err.getStatus() === code;
    await assert.rejects(service.recover({ setupToken: 'nope', recoveryKey: KEY }), status(403));
    await assert.rejects(service.recover({ setupToken: tokens.read()!, recoveryKey: 'not-the-key' }), status(400));
    assert.equal(await new InstallationRepository(live).get(), null);
    assert.deepEqual(queued, []);
  });

  it('waits for the data lock: the boot clean-up removes restic containers and must not kill its restore', async () => {
    let release = () => {};
    const cleanUp = locks.run('data', 'backup-recovery', () => new Promise<void>((done) => (release = done)));
    const before = resticCalls;
    const asked = service.recover({ setupToken: tokens.read()!, recoveryKey: 'not-the-key' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resticCalls, before, 'no restic call while the clean-up holds the lock');
    release();
    await cleanUp;
    await assert.rejects(asked, (err: unknown) => err instanceof ApiException && err.getStatus() === 400);
    assert.equal(resticCalls, before + 1);
  });

  it('restores the manager part of the newest point, imports settings, admins and secrets, then queues the services', async () => {
    const answer = await service.recover({
      setupToken: tokens.read()!,
      recoveryKey: KEY,
      repository: '/mnt/old-disk/repository',
    });
    assert.deepEqual(answer, { jobId: 'job-1' });
    assert.deepEqual(restored, [`app -> ${RECOVERY_DIR}`, `app-secrets -> ${RECOVERY_DIR}`]);
    assert.equal((await new InstallationRepository(live).get())?.applianceId, 'c0ffee02');
    assert.equal(newFiles.readText(newFiles.serviceSecretsFile), '{"synapseSigningKey":"old-key"}');
    // The old password is the manager's again; the recovery key stays one of the repository's keys.
    assert.equal(newFiles.readText(newFiles.backupPasswordFile), 'the-old-password');
    assert.equal(tokens.read(), null, 'the setup token is used up');
    assert.equal(newFiles.exists(join(newFiles.root, RECOVERY_DIR)), false, 'the restored copy is cleaned up');
    assert.deepEqual(queued, [
      {
        kind: 'backupRestore',
        target: 'backups',
        options: { snapshot: RUN, services: ['chat'], repository: '/mnt/old-disk/repository' },
      },
    ]);
  });

  it('once recovered, the wizard is closed (409)', async () => {
    await assert.rejects(
      service.recover({ setupToken: 'x', recoveryKey: KEY }),
      (err: unknown) => err instanceof ApiException && err.getStatus() === 409,
    );
  });
});
