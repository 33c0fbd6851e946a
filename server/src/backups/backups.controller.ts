import { Body, Controller, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { JobAcceptedDto } from '../jobs/dto/job.dto';
import { BackupMaintenanceService } from './backup-maintenance.service';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupsService } from './backups.service';
import { RestoreRequestService } from './restore-request.service';
import { BackupOverviewDto, BackupRequestDto, RestoreRequestDto, SnapshotParams } from './dto/backup.dto';
import { RecoveryKeyDto } from './dto/recovery-key.dto';
import { BackupScheduleDto } from './dto/schedule.dto';
import { RecoveryKeyService } from './recovery-key.service';

/** Backups: what exists, back up now, restore, the schedule and retention, integrity checks. */
@ApiTags('backups')
@ApiErrors(401, 503)
@Controller('backups')
export class BackupsController {
  constructor(
    private readonly backups: BackupsService,
    private readonly schedule: BackupScheduleService,
    private readonly restores: RestoreRequestService,
    private readonly maintenance: BackupMaintenanceService,
    private readonly recoveryKeys: RecoveryKeyService,
  ) {}

  @Get()
  @ApiOkResponse({ type: BackupOverviewDto })
  overview(): Promise<BackupOverviewDto> {
    return this.backups.overview();
  }

  @Post()
  @HttpCode(202)
  // No body backs up everything.
  @ApiBody({ type: BackupRequestDto, required: false })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiErrors(400, 409)
  backUp(@Body() dto: BackupRequestDto): Promise<JobAcceptedDto> {
    return this.backups.backUp(dto.services);
  }

  @Post('check')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiErrors(409)
  check(): Promise<JobAcceptedDto> {
    return this.maintenance.queueCheck();
  }

  /** A new recovery key, in this answer only (409: no backup yet, or a backup operation under way). */
  @Post('recovery-key')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: RecoveryKeyDto })
  @ApiErrors(409)
  makeRecoveryKey(): Promise<RecoveryKeyDto> {
    return this.recoveryKeys.make();
  }

  @Get('schedule')
  @ApiOkResponse({ type: BackupScheduleDto })
  getSchedule(): Promise<BackupScheduleDto> {
    return this.schedule.get();
  }

  @Put('schedule')
  @ApiOkResponse({ type: BackupScheduleDto })
  @ApiErrors(400)
  setSchedule(@Body() dto: BackupScheduleDto): Promise<BackupScheduleDto> {
    return this.schedule.set(dto);
  }

  @Post(':snapshotId/restore')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  // From another place (targetId): 404 no such place or point there, 502 the place cannot be read.
  @ApiErrors(400, 404, 409, 502)
  restore(@Param() params: SnapshotParams, @Body() dto: RestoreRequestDto): Promise<JobAcceptedDto> {
    return this.restores.restore(params.snapshotId, dto.services, dto.targetId);
  }
}
