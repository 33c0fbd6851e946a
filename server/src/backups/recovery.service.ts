import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { sameSecret } from '../common/tokens';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import { JobsService } from '../jobs/jobs.service';
import { LockService } from '../locks/lock.service';
import { DataDirRepository } from '../platform/data-dir.repository';
import { InstallationRepository } from '../setup/installation.repository';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import { ApplianceImportRepository, ImportRefusedError } from './appliance-import.repository';
import { APPLIANCE_PART, BACKUP_TARGET_JOB, tag } from './backup.types';
import type { RecoveryRequestDto } from './dto/recovery.dto';
import { ResticRepository } from './restic.repository';
import { ResticError, type BackupTarget, type ResticSnapshot } from './restic.types';
import { pointParts } from './restore.plan';

/** Where restic puts the manager's restored files, under the data directory, before they are imported. */
export const RECOVERY_DIR = 'backups/recovered';

const RUN_TAG = tag('run', '');
const runOf = (snapshot: ResticSnapshot) => snapshot.tags.find((t) => t.startsWith(RUN_TAG))?.slice(RUN_TAG.length);

/**
 * Disaster recovery, the new manager's first choice in its wizard: with the setup token, the old
 * repository's location and its recovery key, the manager's own part of the newest backup point
 * (settings, admins, secrets) is restored and imported, then every feature of that point is restored by
 * a `backupRestore` job. The admins then log in with their old passwords.
 */
@Injectable()
export class RecoveryService {
  private readonly logger = new Logger('Recovery');

  constructor(
    private readonly restic: ResticRepository,
    private readonly files: DataDirRepository,
    private readonly tokens: SetupTokenRepository,
    private readonly installation: InstallationRepository,
    private readonly imports: ApplianceImportRepository,
    private readonly jobs: JobsService,
    private readonly locks: LockService,
  ) {}

  /**
   * Under the data lock: two browsers racing on a fresh box must not both import, and the boot clean-up
   * (BackupRecoveryService) removes every restic container of this appliance, so it must not overlap.
   */
  recover(dto: RecoveryRequestDto): Promise<JobAcceptedDto> {
    return this.locks.run('data', 'recovery', () => this.recoverNow(dto));
  }

  private async recoverNow(dto: RecoveryRequestDto): Promise<JobAcceptedDto> {
    if (await this.installation.get())
      throw new ApiException(HttpStatus.CONFLICT, 'Setup was already completed; log in instead.');
    const expected = this.tokens.read();
    if (!expected || !sameSecret(dto.setupToken, expected))
      throw new ApiException(HttpStatus.FORBIDDEN, 'The setup token is not valid: copy it again from the server log.');
    const target: BackupTarget = dto.repository ? { kind: 'directory', path: dto.repository } : { kind: 'local' };

    // restic takes any of the repository's keys: the recovery key opens it like the lost password did.
    this.files.writeAtomic(this.files.backupPasswordFile, dto.recoveryKey);
    const parts = await this.restic.snapshots(target, [tag('kind', 'appliance')]).catch((err: unknown) => {
      throw this.refusal(err);
    });
    const mine = parts.filter((s) => s.tags.includes(tag('service', APPLIANCE_PART)) && runOf(s));
    const newest = [...mine].sort((a, b) => b.time.localeCompare(a.time))[0];
    if (!newest) throw new ApiException(HttpStatus.NOT_FOUND, 'This repository holds no backup of a manager.');
    const run = runOf(newest)!;

    // The manager's part may be several snapshots (the staged database, the secrets): all of this run's.
    this.files.remove(`${this.files.root}/${RECOVERY_DIR}`);
    for (const part of mine.filter((s) => runOf(s) === run))
      await this.restic.restoreDataPath(target, part.id, RECOVERY_DIR);
    const found = this.imports.findRestored(RECOVERY_DIR);
    if (!found.database) throw new ApiException(HttpStatus.NOT_FOUND, 'The backup holds no manager database.');
    // Secrets first: the restored backup password replaces the recovery key as the one the manager uses.
    if (found.secrets) this.imports.importSecrets(found.secrets);
    try {
      await this.imports.importDatabase(found.database);
    } catch (err) {
      if (err instanceof ImportRefusedError) throw new ApiException(HttpStatus.CONFLICT, err.message);
      throw err;
    }
    this.files.remove(`${this.files.root}/${RECOVERY_DIR}`);
    this.tokens.remove();

    const point = pointParts(await this.restic.snapshots(target, [tag('run', run)]));
    const options = {
      snapshot: run,
      services: point.features,
      ...(dto.repository ? { repository: dto.repository } : {}),
    };
    const job = await this.jobs.create('backupRestore', BACKUP_TARGET_JOB, options);
    this.logger.log(`Recovered the manager from backup ${run}; restoring ${point.features.join(', ') || 'no feature'}`);
    return { jobId: job.id };
  }

  private refusal(err: unknown): unknown {
    if (!(err instanceof ResticError)) return err;
    if (err.reason === 'wrongPassword')
      return new ApiException(HttpStatus.BAD_REQUEST, 'The recovery key does not open this repository.');
    if (err.reason === 'noRepository' || err.reason === 'unreachable')
      return new ApiException(HttpStatus.NOT_FOUND, 'No backup repository at this location.');
    return err;
  }
}
