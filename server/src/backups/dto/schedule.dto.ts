import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsSubsetOf } from '../../common/validation';
import { WEEKDAYS, type Weekday } from '../backup.types';

export class RetentionDto {
  @ApiProperty({ minimum: 0, maximum: 366, example: 7 })
  @IsInt()
  @Min(0)
  @Max(366)
  daily: number;

  @ApiProperty({ minimum: 0, maximum: 520, example: 4 })
  @IsInt()
  @Min(0)
  @Max(520)
  weekly: number;

  @ApiProperty({ minimum: 0, maximum: 240, example: 6 })
  @IsInt()
  @Min(0)
  @Max(240)
  monthly: number;
}

export class BackupScheduleDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ example: '03:00', description: 'HH:MM, 24-hour, in the server time zone' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM (24-hour)' })
  time: string;

  @ApiProperty({ enum: WEEKDAYS, isArray: true })
  @IsSubsetOf(WEEKDAYS)
  days: Weekday[];

  @ApiProperty({ type: RetentionDto })
  // ValidateNested alone lets a missing object through.
  @IsObject()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention: RetentionDto;
}
