import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config/app-config';
import { JobFailure, type JobContext } from '../jobs/job-handler';
import type { JobOptions } from '../jobs/job.types';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import type { InstallationRepository } from '../setup/installation.repository';
import { ExportFiles } from './backup-export.files';
import { BackupExportHandler, exportOptions } from './backup-export.handler';
import { BackupStaleLocks } from './backup-stale-locks.service';
import type { ResticExportRepository } from './restic-export.repository';
import { ResticError, type ResticPort, type ResticSnapshot } from './restic.types';

describe('backup export: the job options', () => {
  it('takes a feature and a point id, and carries no passphrase', () => {
    assert.deepEqual(exportOptions({ feature: 'pad', point: '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab' }), {
      feature: 'pad',
      point: '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab',
    });
  });

  it('refuses anything else (a hand-made queue entry): an unknown feature, a point that is not an id', () => {
    const refused: JobOptions[] = [
      { feature: 'appliance', point: 'abcdef0123' },
      { feature: 'pad', point: '--tag=x' },
      {},
    ];
    for (const options of refused) {
      assert.throws(() => exportOptions(options), JobFailure, JSON.stringify(options));
    }
  });
});

const POINT = '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2026-11-30T10:00:00.000Z');
  }
}

/** The handler over a real data directory, restic faked: the copy fails as `copy` says. */
function setup(copy: () => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'tl-export-handler-'));
  const files = new DataDirRepository(dir);
  const exportFiles = new ExportFiles(files);
  const calls: string[] = [];
  const record = (name: string) => () => {
    calls.push(name);
    return Promise.resolve();
  };
  const exports = {
    removeWork: record('removeWork'),
    init: record('init'),
    copy: () => (calls.push('copy'), copy()),
  } as unknown as ResticExportRepository;
  const part: ResticSnapshot = { id: 's1', time: '2026-11-30T02:00:00Z', tags: ['service=hedgedoc'], paths: ['/x'] };
  const restic = { snapshots: () => Promise.resolve([part]), unlock: record('unlock') } as unknown as ResticPort;
  const config = { backupTargetTimeoutSec: 5 } as AppConfig;
  const locks = new LockService(new FixedClock());
  const installation = { get: () => Promise.resolve(null) } as unknown as InstallationRepository;
  const handler = new BackupExportHandler(
    exports,
    exportFiles,
    restic,
    { kind: 'local' },
    config,
    files,
    new BackupStaleLocks(restic, locks, config),
    installation,
    locks,
    new FixedClock(),
  );
  const job: JobContext = {
    jobId: 'job-2',
    kind: 'backupExport',
    target: 'backups',
    options: { feature: 'pad', point: POINT },
    progress: () => undefined,
  };
  return { handler, job, exportFiles, calls, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('backup export: a failed export leaves nothing behind', () => {
  it('a full disk fails with its key; the passphrase, the work and the previous archive are gone', async () => {
    const { handler, job, exportFiles, calls, done } = setup(() =>
      Promise.reject(new ResticError('diskFull', 'no space left on device')),
    );
    try {
      exportFiles.writePassphrase('atelier vélo du samedi');
      const previous = exportFiles.createArchive();
      previous.end('old');
      await once(previous, 'close');
      exportFiles.saveRecord({ jobId: 'job-1', filename: 'a-pad-2026-11-29.tar', sizeBytes: 3, madeAt: '2026-11-29' });
      await assert.rejects(handler.run(job), (err: JobFailure) => err.key === 'backupExportDiskFull');
      assert.deepEqual(calls, ['unlock', 'removeWork', 'init', 'copy', 'removeWork']);
      assert.equal(exportFiles.hasPassphrase(), false);
      assert.equal(exportFiles.hasArchive(), false);
      assert.equal(exportFiles.record(), undefined);
    } finally {
      done();
    }
  });

  it('without its passphrase (the manager restarted), fails at once and touches nothing', async () => {
    const { handler, job, calls, done } = setup(() => Promise.resolve());
    try {
      await assert.rejects(handler.run(job), (err: JobFailure) => err.key === 'backupExportNoPassphrase');
      assert.deepEqual(calls, ['removeWork']);
    } finally {
      done();
    }
  });
});
