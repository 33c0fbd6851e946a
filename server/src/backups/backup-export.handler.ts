import { Inject, Injectable, Logger } from '@nestjs/common';
import { once } from 'node:events';
import { join } from 'node:path';
import { isFeature } from '../catalog/catalog';
import type { Feature } from '../catalog/catalog.types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { InstallationRepository } from '../setup/installation.repository';
import { serverTimeZone } from './backup-calendar';
import { exportFilename, featureSnapshots, type ExportRecord } from './backup-export';
import { ExportFiles } from './backup-export.files';
import { exportReadme } from './backup-export.readme';
import { maintenanceFailure } from './backup-maintenance.handler';
import { BackupStaleLocks } from './backup-stale-locks.service';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { tag } from './backup.types';
import { ResticExportRepository } from './restic-export.repository';
import { watched } from './restic-watchdog';
import { ResticError, type BackupTarget, type ResticPort } from './restic.types';

/** Job options of `backupExport` (the passphrase is never one: it waits in a 0600 file, see ExportFiles). */
export function exportOptions(options: JobContext['options']): { feature: Feature; point: string } {
  const feature = typeof options.feature === 'string' && isFeature(options.feature) ? options.feature : undefined;
  const point = typeof options.point === 'string' ? options.point : '';
  if (!feature || !/^[a-f0-9-]{8,64}$/.test(point)) throw new JobFailure('backupExportFailed', {}, 'bad job options');
  return { feature, point };
}

/**
 * `backupExport`: one feature of one backup point, copied (`restic copy`, no second dump, the running
 * feature untouched) into a new restic repository encrypted with the admin's passphrase, packed with
 * a README as one .tar that anyone opens later with plain restic. Under the `data` lock as every
 * backups job (one at a time per repository); the previous archive is dropped first (one on disk),
 * the passphrase file and the work directory are removed whatever happens. The archive is packed
 * once into a file rather than tarred at each download: the download is then a plain file (its length
 * known, a broken one retried without a restic container), for twice the export's size on disk while
 * packing and once afterwards (one archive, a day at most).
 */
@Injectable()
@HandlesJobs('backupExport')
export class BackupExportHandler implements JobHandler {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly exports: ResticExportRepository,
    private readonly exportFiles: ExportFiles,
    @Inject(RESTIC_PORT) private readonly restic: ResticPort,
    @Inject(BACKUP_TARGET) private readonly target: BackupTarget,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: DataDirRepository,
    private readonly staleLocks: BackupStaleLocks,
    private readonly installation: InstallationRepository,
    private readonly locks: LockService,
    private readonly clock: Clock,
  ) {}

  run(job: JobContext): Promise<JobOutcome> {
    const holder = `job:${job.jobId}`;
    return this.locks.run('data', holder, async () => {
      try {
        return await this.export(job, holder);
      } catch (err) {
        this.exportFiles.dropArchive();
        if (err instanceof ResticError && err.reason === 'diskFull') {
          throw new JobFailure('backupExportDiskFull', {}, err.detail);
        }
        throw maintenanceFailure(err, 'backupExportFailed');
      } finally {
        this.exportFiles.removePassphrase();
        await this.exports.removeWork().catch((err: unknown) => {
          this.logger.warn(`could not remove the export's work directory: ${String(err)}`);
        });
      }
    });
  }

  private async export(job: JobContext, holder: string): Promise<JobOutcome> {
    const { feature, point } = exportOptions(job.options);
    if (!this.exportFiles.hasPassphrase()) throw new JobFailure('backupExportNoPassphrase');
    this.exportFiles.dropArchive();
    job.progress({ stage: 'backupUnlock', params: {}, percent: 2 });
    await this.staleLocks.clear(this.target, holder);
    const chosen = featureSnapshots(await this.restic.snapshots(this.target, [tag('run', point)]), feature);
    if (chosen.length === 0) throw new JobFailure('backupExportNotInPoint', { feature });

    // A killed export's leftovers first: restic init wants an empty place.
    await this.exports.removeWork();
    this.files.ensureDir(this.exportFiles.workDir);
    job.progress({ stage: 'exportCopy', params: { feature }, percent: 10 });
    const timeout = this.config.backupTargetTimeoutSec;
    await watched(timeout, (options) => this.exports.init(this.target, options));
    await watched(timeout, (options) =>
      this.exports.copy(
        this.target,
        chosen.map((s) => s.id),
        options,
      ),
    );
    const copied = await this.exports.snapshots();
    if (copied.length !== chosen.length) {
      throw new JobFailure('backupExportFailed', {}, `${copied.length} of ${chosen.length} snapshots were copied`);
    }

    const community = (await this.installation.get())?.communityName ?? '';
    const pointTime = new Date(Math.min(...chosen.map((s) => Date.parse(s.time))));
    const readme = exportReadme({ community, feature, pointTime: pointTime.toISOString(), snapshots: copied });
    this.files.writeAtomic(join(this.exportFiles.workDir, 'README.txt'), readme);
    job.progress({ stage: 'exportPack', params: { feature }, percent: 80 });
    const sizeBytes = await this.pack(timeout);
    const record: ExportRecord = {
      jobId: job.jobId,
      filename: exportFilename(community, feature, pointTime, serverTimeZone()),
      sizeBytes,
      madeAt: this.clock.now().toISOString(),
    };
    this.exportFiles.saveRecord(record);
    return { kind: 'done', result: 'backupExported', params: { feature, filename: record.filename, sizeBytes } };
  }

  /** tar streamed into the archive file (never whole in memory); a failed write stops tar at once. */
  private async pack(timeoutSec: number): Promise<number> {
    const out = this.exportFiles.createArchive();
    const stop = new AbortController();
    let writeError: Error | undefined;
    out.on('error', (err) => {
      writeError = err;
      stop.abort(err);
    });
    try {
      await watched(timeoutSec, (options) =>
        this.exports.pack(out, { signal: AbortSignal.any([options.signal ?? stop.signal, stop.signal]) }),
      );
    } catch (err) {
      if (writeError) throw this.writeFailure(writeError);
      throw err;
    } finally {
      if (!out.destroyed) out.end();
      if (!out.closed) await once(out, 'close').catch(() => undefined);
    }
    if (writeError) throw this.writeFailure(writeError);
    return out.bytesWritten;
  }

  private writeFailure(err: Error): JobFailure {
    const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
    return new JobFailure(full ? 'backupExportDiskFull' : 'backupExportFailed', {}, err.message);
  }
}
