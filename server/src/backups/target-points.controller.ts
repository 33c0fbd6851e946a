import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { BackupTargetParams } from './dto/backup-target.dto';
import { TargetPointsDto } from './dto/target-points.dto';
import { TargetPointsService } from './target-points.service';

/** Restoring from another place: what it holds (then POST /api/backups/:snapshotId/restore with its targetId). */
@ApiTags('backups')
@Controller('backups/targets')
export class TargetPointsController {
  constructor(private readonly points: TargetPointsService) {}

  /** 404: no such place, or nothing there (`errors[].code`); 502: the place cannot be read. */
  @Get(':id/points')
  @ApiOkResponse({ type: TargetPointsDto })
  @ApiErrors(400, 401, 404, 502, 503)
  list(@Param() params: BackupTargetParams): Promise<TargetPointsDto> {
    return this.points.points(params.id);
  }
}
