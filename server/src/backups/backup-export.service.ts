import {
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ReadStream } from 'node:fs';
import { ApiException } from '../common/api-error';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import { JobRepository } from '../jobs/job.repository';
import { JobsService } from '../jobs/jobs.service';
import { Clock } from '../platform/clock';
import { InstallationRepository } from '../setup/installation.repository';
import { featureSnapshots, isExpired, latestPointWith, passphraseProblem } from './backup-export';
import { ExportFiles } from './backup-export.files';
import { backupPoints } from './backup-overview';
import { BackupRunRepository } from './backup-run.repository';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { refuseWhileBackupsBusy } from './backups-busy';
import { BACKUP_TARGET_JOB, tag } from './backup.types';
import type { ExportRequestDto } from './dto/export.dto';
import { ResticError, type BackupTarget, type ResticPort } from './restic.types';

const SWEEP_MS = 60 * 60 * 1000;
const GONE = 'This export is no longer available: only the latest one is kept, for a day. Make a new one.';

/**
 * Portable exports: checks a request (the feature has a backup point, the passphrase is strong
 * enough), leaves the passphrase in its 0600 file and queues `backupExport` on the backups target
 * (409 while another backups job runs); serves the archive; drops it after a day (hourly sweep).
 * Requests run one after the other, so two of them never write the one passphrase file at once.
 */
@Injectable()
export class BackupExportService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backups');
  private queue: Promise<unknown> = Promise.resolve();
  private sweeping: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: JobsService,
    private readonly jobRows: JobRepository,
    private readonly runs: BackupRunRepository,
    private readonly installation: InstallationRepository,
    private readonly exportFiles: ExportFiles,
    @Inject(RESTIC_PORT) private readonly restic: ResticPort,
    @Inject(BACKUP_TARGET) private readonly target: BackupTarget,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sweep = () => this.sweep().catch((err: unknown) => this.logger.warn(`export sweep failed: ${String(err)}`));
    this.sweeping = setInterval(() => void sweep(), SWEEP_MS);
    this.sweeping.unref();
    await sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeping);
  }

  request(dto: ExportRequestDto): Promise<JobAcceptedDto> {
    return this.serially(async () => {
      if (!(await this.installation.get())) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
      if (passphraseProblem(dto.passphrase)) {
        throw new ApiException(
          HttpStatus.BAD_REQUEST,
          'Choose a passphrase of at least 12 characters, with no space at either end.',
        );
      }
      await refuseWhileBackupsBusy(this.jobRows);
      const point = await this.pointFor(dto);
      this.exportFiles.writePassphrase(dto.passphrase);
      try {
        const job = await this.jobs.create('backupExport', BACKUP_TARGET_JOB, { feature: dto.service, point });
        return { jobId: job.id };
      } catch (err) {
        this.exportFiles.removePassphrase();
        throw err;
      }
    });
  }

  /** The kept archive, if it is this export's and not expired. */
  download(jobId: string): { stream: ReadStream; filename: string; sizeBytes: number } {
    const record = this.exportFiles.record();
    if (!record || record.jobId !== jobId || isExpired(record, this.clock.now()) || !this.exportFiles.hasArchive()) {
      throw new ApiException(HttpStatus.NOT_FOUND, GONE);
    }
    return { stream: this.exportFiles.openArchive(), filename: record.filename, sizeBytes: record.sizeBytes };
  }

  /**
   * Drops an archive past its day (or without a record: a killed export's), and a passphrase whose
   * export will not run (none is queued or running: the manager restarted meanwhile). Not while an
   * export runs or a request is being queued.
   */
  async sweep(): Promise<void> {
    await this.serially(async () => {
      const active = await this.jobRows.findActiveFor(BACKUP_TARGET_JOB);
      if (active?.kind === 'backupExport') return;
      this.exportFiles.removePassphrase();
      const record = this.exportFiles.record();
      if (!record || isExpired(record, this.clock.now())) this.exportFiles.dropArchive();
    });
  }

  /** The point asked for, or the latest holding the feature; 400 when there is none with its data. */
  private async pointFor(dto: ExportRequestDto): Promise<string> {
    const noPoint = (message: string) => new ApiException(HttpStatus.BAD_REQUEST, message);
    const snapshots = await this.restic
      .snapshots(this.target, dto.pointId ? [tag('run', dto.pointId)] : [])
      .catch((err: unknown) => {
        if (err instanceof ResticError && err.reason === 'noRepository') return [];
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The backup repository cannot be read right now.');
      });
    if (dto.pointId) {
      const points = backupPoints(snapshots, await this.runs.byId());
      if (points.length === 0) throw noPoint(`No backup point ${dto.pointId}.`);
      if (featureSnapshots(snapshots, dto.service).length === 0) {
        throw noPoint(`This backup point holds no data of ${dto.service}.`);
      }
      return dto.pointId;
    }
    const latest = latestPointWith(backupPoints(snapshots, await this.runs.byId()), dto.service);
    if (!latest) throw noPoint(`No backup holds data of ${dto.service} yet: back it up first.`);
    return latest.id;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
