import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiEnum } from '../../common/api-properties';

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

  @ApiEnum(['stdout', 'stderr'])
  stream: 'stdout' | 'stderr';

  @ApiProperty()
  text: string;
}
