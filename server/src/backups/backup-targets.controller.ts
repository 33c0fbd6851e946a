import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { BackupTargetsService } from './backup-targets.service';
import {
  BackupTargetChangeDto,
  BackupTargetDto,
  BackupTargetListDto,
  BackupTargetParams,
  BackupSshKeyDto,
  NewBackupTargetDto,
} from './dto/backup-target.dto';

/** Off-site backup targets ("other places"): each backup run is copied to the enabled ones. */
@ApiTags('backups')
@Controller('backups/targets')
export class BackupTargetsController {
  constructor(private readonly targets: BackupTargetsService) {}

  @Get()
  @ApiOkResponse({ type: BackupTargetListDto })
  list(): Promise<BackupTargetListDto> {
    return this.targets.list();
  }

  /** The appliance's SSH public key for SFTP places (made on first need): the admin adds it to the server. */
  @Get('ssh-key')
  @ApiOkResponse({ type: BackupSshKeyDto })
  sshKey(): BackupSshKeyDto {
    return this.targets.sshKey();
  }

  /** Opens the repository there (or creates it): 400 for a bad location, 502 when the place does not answer. */
  @Post()
  @ApiCreatedResponse({ type: BackupTargetDto })
  @ApiErrors(400, 502, 503)
  add(@Body() dto: NewBackupTargetDto): Promise<BackupTargetDto> {
    return this.targets.add(dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: BackupTargetDto })
  @ApiErrors(400, 404)
  change(@Param() params: BackupTargetParams, @Body() dto: BackupTargetChangeDto): Promise<BackupTargetDto> {
    return this.targets.change(params.id, dto);
  }

  /** Forgets the configuration only: the backups already stored there are never deleted. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  remove(@Param() params: BackupTargetParams): Promise<void> {
    return this.targets.remove(params.id);
  }
}
