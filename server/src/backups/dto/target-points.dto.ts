import { ApiProperty } from '@nestjs/swagger';
import { BackupPointDto } from './backup.dto';

/** The backup points a place holds, newest first; each restores with its id and the place's (targetId). */
export class TargetPointsDto {
  @ApiProperty({ type: BackupPointDto, isArray: true })
  points: BackupPointDto[];
}
