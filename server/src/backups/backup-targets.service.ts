import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobFailure } from '../jobs/job-handler';
import { Clock } from '../platform/clock';
import { parseLocation, retentionOf, type LocationField, type LocationProblem } from './backup-target-location';
import type { BackupTargetEntity } from './backup-target.entity';
import { BackupTargetRepository } from './backup-target.repository';
import type {
  BackupTargetChangeDto,
  BackupTargetDto,
  BackupTargetListDto,
  BackupSshKeyDto,
  NewBackupTargetDto,
} from './dto/backup-target.dto';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import { ResticError } from './restic.types';

/** What each refusal of a location says (the web app translates `errors[].code`). */
const LOCATION_SENTENCES: Record<LocationProblem, string> = {
  notAbsolute: 'The directory must be an absolute path, such as /mnt/usb-disk/backups.',
  systemPath: 'This directory belongs to the system: choose a directory of a mounted disk.',
  notHttpUrl: 'The address must be an http:// or https:// URL of a restic REST server.',
  notSftpLocation: 'The SFTP place must be sftp://user@host[:port]/absolute/path (plain characters, no spaces).',
  notHostKey: 'Paste the server’s host public key (a line such as “ssh-ed25519 AAAA…”).',
  notS3Location: 'The S3 place must be https://endpoint/bucket[/path].',
  notS3Keys: 'Give the access key id and the secret key (printable characters, no backquote).',
};

/** A person waits on the answer: a place that says nothing for this long is reported as not answering. */
const PROBE_TIMEOUT_SEC = 120;

/** Why a place could not be reached or opened; reading one to restore from it fails the same ways. */
export type ProbeProblem =
  | 'targetWrongPassword'
  | 'targetMissingDirectory'
  | 'targetHostKeyMismatch'
  | 'targetSshDenied'
  | 'targetS3Denied'
  | 'targetUnreachable'
  | 'targetFailed';
const PROBE_SENTENCES: Record<ProbeProblem, [HttpStatus, string]> = {
  targetHostKeyMismatch: [
    HttpStatus.BAD_REQUEST,
    'The server did not show the host key given: check its fingerprint (another server, or a changed key).',
  ],
  targetSshDenied: [
    HttpStatus.BAD_REQUEST,
    'The server refused this appliance’s key: add its public key to the user’s authorized_keys.',
  ],
  targetS3Denied: [
    HttpStatus.BAD_REQUEST,
    'The S3 service refused these keys (unknown key, wrong secret or no access).',
  ],
  targetWrongPassword: [
    HttpStatus.BAD_REQUEST,
    'This place already holds a backup repository that this server cannot open (another password).',
  ],
  targetMissingDirectory: [HttpStatus.BAD_REQUEST, 'This directory does not exist on the host.'],
  targetUnreachable: [HttpStatus.BAD_GATEWAY, 'This place does not answer: check the address and that it is on.'],
  targetFailed: [HttpStatus.BAD_GATEWAY, 'This place could not be opened or prepared for backups.'],
};

/** An S3 service's refusals of the keys (unknown key id, wrong secret, no right on the bucket). */
const S3_DENIED =
  /access key id you provided does not exist|signature we calculated does not match|access denied|invalidaccesskeyid|signaturedoesnotmatch/i;

/** A restic failure while opening a new target, as what a person can act on. */
export function probeProblem(error: unknown): ProbeProblem {
  if (error instanceof JobFailure && error.key === 'backupTimeout') return 'targetUnreachable';
  if (!(error instanceof ResticError)) return 'targetFailed';
  if (error.reason === 'wrongPassword') return 'targetWrongPassword';
  if (/host key verification failed/i.test(error.detail)) return 'targetHostKeyMismatch';
  if (/permission denied \(publickey/i.test(error.detail)) return 'targetSshDenied';
  if (S3_DENIED.test(error.detail)) return 'targetS3Denied';
  if (error.reason === 'unreachable' || error.reason === 'timeout') return 'targetUnreachable';
  if (/bind source path does not exist|no such file or directory/i.test(error.detail)) return 'targetMissingDirectory';
  return 'targetFailed';
}

function refusal(status: HttpStatus, code: string, message: string, field: LocationField = 'location'): ApiException {
  return new ApiException(status, message, { errors: [{ field, code, message }] });
}

export function targetView(row: BackupTargetEntity, hostKeyFingerprint: string | null = null): BackupTargetDto {
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
    hostKeyFingerprint,
    s3PathStyle: row.kind === 's3' ? row.s3PathStyle === true : null,
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
    return { targets: (await this.targets.list()).map((row) => this.view(row)) };
  }

  /** The appliance's SSH public key, for the admin to add to an SFTP server's authorized_keys. */
  sshKey(): BackupSshKeyDto {
    return { publicKey: this.targets.sshPublicKey() };
  }

  async add(dto: NewBackupTargetDto): Promise<BackupTargetDto> {
    const parsed = parseLocation(dto.kind, dto.location, dto);
    if ('problem' in parsed) {
      throw refusal(HttpStatus.BAD_REQUEST, parsed.problem, LOCATION_SENTENCES[parsed.problem], parsed.field);
    }
    // An SFTP place is reached with the appliance's key: made now if the admin never asked for it.
    if (dto.kind === 'sftp') this.targets.sshPublicKey();
    const id = randomUUID();
    const fields = {
      id,
      label: dto.label.trim(),
      kind: dto.kind,
      location: parsed.location,
      retention: dto.retention,
      s3PathStyle: dto.kind === 's3' ? dto.pathStyle === true : null,
    };
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
    return this.view(await this.targets.insert(fields, this.clock.now()));
  }

  async change(id: string, dto: BackupTargetChangeDto): Promise<BackupTargetDto> {
    await this.existing(id);
    await this.targets.update(id, dto, this.clock.now());
    return this.view(await this.existing(id));
  }

  private view(row: BackupTargetEntity): BackupTargetDto {
    return targetView(row, this.targets.hostKeyFingerprint(row));
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
