import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobFailure } from '../jobs/job-handler';
import { Clock } from '../platform/clock';
import { parseLocation, retentionOf, type LocationProblem } from './backup-target-location';
import type { BackupTargetEntity } from './backup-target.entity';
import { BackupTargetRepository } from './backup-target.repository';
import type {
  BackupTargetChangeDto,
  BackupTargetDto,
  BackupTargetListDto,
  NewBackupTargetDto,
} from './dto/backup-target.dto';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import { ResticError } from './restic.types';

/** What each refusal of a location says (the web app translates `errors[].code`). */
const LOCATION_SENTENCES: Record<LocationProblem, string> = {
  kindNotYet: 'SFTP and S3 places are not supported yet: use a directory or a restic REST server.',
  notAbsolute: 'The directory must be an absolute path, such as /mnt/usb-disk/backups.',
  systemPath: 'This directory belongs to the system: choose a directory of a mounted disk.',
  notHttpUrl: 'The address must be an http:// or https:// URL of a restic REST server.',
};

/** A person waits on the answer: a place that says nothing for this long is reported as not answering. */
const PROBE_TIMEOUT_SEC = 120;

type ProbeProblem = 'targetWrongPassword' | 'targetMissingDirectory' | 'targetUnreachable' | 'targetFailed';
const PROBE_SENTENCES: Record<ProbeProblem, [HttpStatus, string]> = {
  targetWrongPassword: [
    HttpStatus.BAD_REQUEST,
    'This place already holds a backup repository that this server cannot open (another password).',
  ],
  targetMissingDirectory: [HttpStatus.BAD_REQUEST, 'This directory does not exist on the host.'],
  targetUnreachable: [HttpStatus.BAD_GATEWAY, 'This place does not answer: check the address and that it is on.'],
  targetFailed: [HttpStatus.BAD_GATEWAY, 'This place could not be opened or prepared for backups.'],
};

/** A restic failure while opening a new target, as what a person can act on. */
export function probeProblem(error: unknown): ProbeProblem {
  if (error instanceof JobFailure && error.key === 'backupTimeout') return 'targetUnreachable';
  if (!(error instanceof ResticError)) return 'targetFailed';
  if (error.reason === 'wrongPassword') return 'targetWrongPassword';
  if (error.reason === 'unreachable' || error.reason === 'timeout') return 'targetUnreachable';
  if (/bind source path does not exist|no such file or directory/i.test(error.detail)) return 'targetMissingDirectory';
  return 'targetFailed';
}

function refusal(status: HttpStatus, code: string, message: string): ApiException {
  return new ApiException(status, message, { errors: [{ field: 'location', code, message }] });
}

export function targetView(row: BackupTargetEntity): BackupTargetDto {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    location: row.location,
    enabled: row.enabled,
    retention: retentionOf(row),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastError: row.lastErrorKey ? { key: row.lastErrorKey, detail: row.lastErrorDetail } : null,
    recoveryKeyAt: row.recoveryKeyAt?.toISOString() ?? null,
  };
}

/**
 * Off-site backup targets: added once restic opened (or created) the repository there with this
 * server's backup password, changed (label, enabled, retention), and forgotten (never their data).
 */
@Injectable()
export class BackupTargetsService {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly targets: BackupTargetRepository,
    private readonly restic: ResticRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<BackupTargetListDto> {
    return { targets: (await this.targets.list()).map(targetView) };
  }

  async add(dto: NewBackupTargetDto): Promise<BackupTargetDto> {
    const parsed = parseLocation(dto.kind, dto.location);
    if ('problem' in parsed) {
      throw refusal(HttpStatus.BAD_REQUEST, parsed.problem, LOCATION_SENTENCES[parsed.problem]);
    }
    const id = randomUUID();
    const fields = { id, label: dto.label.trim(), kind: dto.kind, location: parsed.location, retention: dto.retention };
    // The secret file first: restic reads the repository from it during the probe.
    this.targets.writeSecret(id, dto.kind, parsed.secret);
    try {
      const { target } = this.targets.candidate(fields, this.clock.now());
      await watched(Math.min(this.config.backupTargetTimeoutSec, PROBE_TIMEOUT_SEC), () =>
        this.restic.ensureRepository(target),
      );
    } catch (error) {
      this.targets.removeSecret(id);
      const problem = probeProblem(error);
      this.logger.warn(`backup target ${parsed.location} refused (${problem}): ${String(error)}`);
      const [status, sentence] = PROBE_SENTENCES[problem];
      throw refusal(status, problem, sentence);
    }
    return targetView(await this.targets.insert(fields, this.clock.now()));
  }

  async change(id: string, dto: BackupTargetChangeDto): Promise<BackupTargetDto> {
    await this.existing(id);
    await this.targets.update(id, dto, this.clock.now());
    return targetView(await this.existing(id));
  }

  async remove(id: string): Promise<void> {
    await this.existing(id);
    await this.targets.remove(id);
  }

  private async existing(id: string): Promise<BackupTargetEntity> {
    const row = await this.targets.find(id);
    if (!row) throw new ApiException(HttpStatus.NOT_FOUND, 'No such backup place.');
    return row;
  }
}
