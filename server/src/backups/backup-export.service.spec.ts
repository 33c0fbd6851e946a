import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { ApiException } from '../common/api-error';
import type { JobEntity } from '../jobs/job.entity';
import type { JobRepository } from '../jobs/job.repository';
import type { JobOptions } from '../jobs/job.types';
import type { JobsService } from '../jobs/jobs.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import type { InstallationRepository } from '../setup/installation.repository';
import { ExportFiles } from './backup-export.files';
import { BackupExportService } from './backup-export.service';
import type { BackupRunRepository } from './backup-run.repository';
import type { ResticPort, ResticSnapshot } from './restic.types';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const PASSPHRASE = 'atelier vélo du samedi';
const POINT = '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab';
const padPart = (run = POINT): ResticSnapshot => ({
  id: 'p1',
  time: '2026-11-30T02:00:00Z',
  tags: [`run=${run}`, 'service=hedgedoc', 'kind=volume'],
  paths: ['/volumes/tl-x-hedgedoc-uploads'],
});

class FixedClock extends Clock {
  override now(): Date {
    return NOW;
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The service over a real data directory; the jobs, runs and restic as told. */
function setup(
  options: { snapshots?: ResticSnapshot[]; active?: Partial<JobEntity>; create?: () => Promise<{ id: string }> } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'tl-export-spec-'));
  dirs.push(dir);
  const files = new DataDirRepository(dir);
  const exportFiles = new ExportFiles(files);
  const queued: JobOptions[] = [];
  const jobs = {
    create: (_kind: string, _target: string, jobOptions: JobOptions) => {
      // What the queue would keep: the passphrase must be on disk by now, and never in the options.
      queued.push(jobOptions);
      return options.create ? options.create() : Promise.resolve({ id: 'job-1' });
    },
  } as unknown as JobsService;
  const jobRows = { findActiveFor: () => Promise.resolve(options.active ?? null) } as unknown as JobRepository;
  const runs = { byId: () => Promise.resolve(new Map()) } as unknown as BackupRunRepository;
  const installation = { get: () => Promise.resolve({ communityName: 'Fabrique' }) } as InstallationRepository;
  const restic = { snapshots: () => Promise.resolve(options.snapshots ?? [padPart()]) } as unknown as ResticPort;
  const service = new BackupExportService(
    jobs,
    jobRows,
    runs,
    installation,
    exportFiles,
    restic,
    { kind: 'local' },
    new FixedClock(),
  );
  return { service, exportFiles, files, queued };
}

const status = async (promise: Promise<unknown>) =>
  promise.then(
    () => 0,
    (err: unknown) => (err instanceof ApiException ? err.getStatus() : -1),
  );

describe('backup export service: the request', () => {
  it('leaves the passphrase in a 0600 file and queues the feature and the latest point, nothing secret', async () => {
    const { service, exportFiles, queued } = setup();
    assert.deepEqual(await service.request({ service: 'pad', passphrase: PASSPHRASE }), { jobId: 'job-1' });
    assert.deepEqual(queued, [{ feature: 'pad', point: POINT }]);
    assert.equal(statSync(exportFiles.passphraseFile).mode & 0o777, 0o600);
  });

  it('answers 400 without a point holding the feature, 400 for a weak passphrase, 409 while a backups job runs', async () => {
    assert.equal(
      await status(setup({ snapshots: [] }).service.request({ service: 'pad', passphrase: PASSPHRASE })),
      400,
    );
    assert.equal(await status(setup().service.request({ service: 'files', passphrase: PASSPHRASE })), 400);
    assert.equal(await status(setup().service.request({ service: 'pad', passphrase: '🔑'.repeat(11) })), 400);
    const busy = setup({ active: { kind: 'backup' } });
    assert.equal(await status(busy.service.request({ service: 'pad', passphrase: PASSPHRASE })), 409);
    assert.equal(busy.exportFiles.hasPassphrase(), false);
  });

  it('removes the passphrase when the job cannot be queued (a backup started meanwhile)', async () => {
    const { service, exportFiles } = setup({ create: () => Promise.reject(new ApiException(409, 'busy')) });
    assert.equal(await status(service.request({ service: 'pad', passphrase: PASSPHRASE })), 409);
    assert.equal(exportFiles.hasPassphrase(), false);
  });
});

describe('backup export service: the archive kept', () => {
  const keep = async (exportFiles: ExportFiles, madeAt: string) => {
    const out = exportFiles.createArchive();
    out.end('tar');
    await once(out, 'close');
    exportFiles.saveRecord({ jobId: 'job-1', filename: 'fabrique-pad-2026-11-30.tar', sizeBytes: 3, madeAt });
  };

  it('serves this export’s archive only, 404 for another export or once a day old', async () => {
    const { service, exportFiles } = setup();
    await keep(exportFiles, '2026-11-30T09:00:00.000Z');
    const served = service.download('job-1');
    const chunks: Buffer[] = [];
    for await (const chunk of served.stream) chunks.push(chunk as Buffer);
    assert.deepEqual([served.filename, served.sizeBytes], ['fabrique-pad-2026-11-30.tar', 3]);
    assert.equal(Buffer.concat(chunks).toString(), 'tar');
    assert.throws(
      () => service.download('job-2'),
      (err: ApiException) => err.getStatus() === 404,
    );
    await keep(exportFiles, '2026-11-29T10:00:00.000Z');
    assert.throws(
      () => service.download('job-1'),
      (err: ApiException) => err.getStatus() === 404,
    );
  });

  it('sweeps a day-old archive and a passphrase no export waits for; keeps both while an export is under way', async () => {
    const idle = setup();
    await keep(idle.exportFiles, '2026-11-29T09:00:00.000Z');
    idle.exportFiles.writePassphrase(PASSPHRASE);
    await idle.service.sweep();
    assert.equal(idle.exportFiles.hasArchive(), false);
    assert.equal(idle.exportFiles.hasPassphrase(), false);

    const busy = setup({ active: { kind: 'backupExport' } });
    await keep(busy.exportFiles, '2026-11-29T09:00:00.000Z');
    busy.exportFiles.writePassphrase(PASSPHRASE);
    await busy.service.sweep();
    assert.equal(busy.exportFiles.hasPassphrase(), true);
  });

  it('keeps a fresh archive, and drops one without its record (a killed export)', async () => {
    const fresh = setup();
    await keep(fresh.exportFiles, '2026-11-30T09:00:00.000Z');
    await fresh.service.sweep();
    assert.equal(fresh.exportFiles.hasArchive(), true);

    const orphan = setup();
    orphan.files.ensureDir(orphan.files.exportsDir);
    writeFileSync(orphan.exportFiles.archiveFile, 'half');
    await orphan.service.sweep();
    assert.equal(orphan.exportFiles.hasArchive(), false);
  });
});
