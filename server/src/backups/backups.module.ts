import { Module } from '@nestjs/common';
import { JobKinds } from '../jobs/job-registry';
import { JOB_KIND_GROUPS } from '../jobs/job.types';
import { JobsModule } from '../jobs/jobs.module';
import { NoticesModule } from '../notices/notices.module';
import { ServicesModule } from '../services/services.module';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import { SetupModule } from '../setup/setup.module';
import { ApplianceImportRepository } from './appliance-import.repository';
import { BackupExportController } from './backup-export.controller';
import { ExportFiles } from './backup-export.files';
import { BackupExportHandler } from './backup-export.handler';
import { BackupExportService } from './backup-export.service';
import { ResticExportRepository } from './restic-export.repository';
import { BackupMaintenanceHandler } from './backup-maintenance.handler';
import { BackupMaintenanceService } from './backup-maintenance.service';
import { BackupRecoveryService } from './backup-recovery.service';
import { BackupRunRepository } from './backup-run.repository';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupSettingsRepository } from './backup-settings.repository';
import { BackupStaleLocks } from './backup-stale-locks.service';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { BackupRunner } from './backup.runner';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryKeyService } from './recovery-key.service';
import { RecoveryService } from './recovery.service';
import { ResticRepository } from './restic.repository';
import { RestoreRequestService } from './restore-request.service';
import { RestoreRunner } from './restore.runner';
import type { BackupTarget } from './restic.types';
// Off-site targets (issue 10).
import { BackupOffsite } from './backup-offsite.service';
import { BackupTargetRepository } from './backup-target.repository';
import { BackupTargetsController } from './backup-targets.controller';
import { BackupTargetsService } from './backup-targets.service';
// Restoring from another place (issue 10).
import { TargetPointsController } from './target-points.controller';
import { TargetPointsService } from './target-points.service';

/**
 * Backups (appliance mode): restic runs, their records, the overview; one handler per backups job kind
 * (restores: RestoreRunner). Disaster recovery from the setup wizard: RecoveryController.
 */
@JobKinds(...JOB_KIND_GROUPS.backups)
@Module({
  imports: [SetupModule, JobsModule, ServicesModule, NoticesModule],
  controllers: [
    BackupsController,
    RecoveryController,
    BackupExportController,
    BackupTargetsController,
    TargetPointsController,
  ],
  providers: [
    BackupsService,
    BackupScheduleService,
    ResticRepository,
    BackupRunRepository,
    BackupRunner,
    BackupRecoveryService,
    BackupSettingsRepository,
    BackupMaintenanceService,
    BackupMaintenanceHandler,
    BackupStaleLocks,
    { provide: RESTIC_PORT, useExisting: ResticRepository },
    { provide: BACKUP_TARGET, useValue: { kind: 'local' } satisfies BackupTarget },
    RestoreRunner,
    RestoreRequestService,
    RecoveryService,
    RecoveryKeyService,
    ApplianceImportRepository,
    SetupTokenRepository,
    // Portable exports of one feature.
    ExportFiles,
    ResticExportRepository,
    BackupExportHandler,
    BackupExportService,
    // Other places (off-site targets).
    BackupTargetRepository,
    BackupTargetsService,
    BackupOffsite,
    TargetPointsService,
  ],
  // BackupsService: the mutualised host's backup.run queues the dashboard's own backup (federation/).
  // BackupTargetRepository: joining a mutualised host adds its off-site repository as a place.
  exports: [ResticRepository, BackupRunRepository, BackupsService, BackupTargetRepository],
})
export class BackupsModule {}
