import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsOmittable } from '../../common/validation';
import { ACTIONS, type Action } from '../operations.service';

export class ServiceChangeDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({
    description: 'With enabled=false: also delete the data (volumes and database). Cannot be undone.',
  })
  @IsOmittable()
  @IsBoolean()
  deleteData?: boolean;
}

export class ServiceActionParams {
  @ApiProperty({ example: 'chat' })
  @IsString()
  id: string;

  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS, { message: 'action must be start, stop, restart or update' })
  action: Action;
}

export class LogsQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 5000, default: 200, description: '0 with follow=1: only new lines' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5000)
  tail?: number;

  @ApiPropertyOptional({ enum: ['0', '1'], description: '1: stream new lines as server-sent events' })
  @IsOptional()
  @IsIn(['0', '1'])
  follow?: '0' | '1';
}

export class LogLineDto {
  @ApiProperty({ example: 'synapse' })
  service: string;

  @ApiProperty({ enum: ['stdout', 'stderr'] })
  stream: 'stdout' | 'stderr';

  @ApiProperty()
  text: string;
}
