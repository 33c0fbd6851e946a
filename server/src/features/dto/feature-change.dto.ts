import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString } from 'class-validator';
import { IsOmittable } from '../../common/validation';
import { ACTIONS, type Action } from '../operations.service';
import { ApiEnum } from '../../common/api-properties';

export class FeatureChangeDto {
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

export class FeatureActionParams {
  @ApiProperty({ example: 'chat' })
  @IsString()
  id: string;

  @ApiEnum(ACTIONS)
  @IsIn(ACTIONS, { message: 'action must be start, stop, restart or update' })
  action: Action;
}
