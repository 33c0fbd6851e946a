import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { JOB_STAGES, type JobStage, type JobStageParams } from '../job-progress';
import { JOB_KINDS, JOB_STATES, type JobKind, type JobState } from '../job.types';
import { ApiEnum, ApiNullable } from '../../common/api-properties';

/** Names of things (a service id, an image reference) the translated text puts in. */
const PARAMS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  example: { service: 'synapse' },
};

export class JobProgressDto {
  @ApiEnum(JOB_STAGES, { description: 'Translated by the web app as jobs.stage.<stage>' })
  stage: JobStage;

  @ApiProperty(PARAMS)
  params: JobStageParams;

  @ApiProperty({ minimum: 0, maximum: 100 })
  percent: number;
}

export class JobResultDto {
  @ApiProperty({ example: 'installed', description: 'Translated by the web app as jobs.result.<key>' })
  key: string;

  @ApiProperty(PARAMS)
  params: JobStageParams;
}

export class JobErrorDto {
  @ApiProperty({ example: 'unexpected', description: 'Translated by the web app as jobs.error.<key>' })
  key: string;

  @ApiProperty(PARAMS)
  params: JobStageParams;

  @ApiNullable({ description: 'Technical detail (an engine message), shown apart' })
  detail: string | null;
}

export class JobDto {
  @ApiProperty()
  id: string;

  @ApiEnum(JOB_KINDS)
  kind: JobKind;

  @ApiProperty({ example: 'chat' })
  target: string;

  @ApiEnum(JOB_STATES)
  state: JobState;

  @ApiProperty({ type: JobProgressDto })
  progress: JobProgressDto;

  @ApiNullable({ type: JobResultDto })
  result: JobResultDto | null;

  @ApiNullable({ type: JobErrorDto })
  error: JobErrorDto | null;
}

export class JobAcceptedDto {
  @ApiProperty()
  jobId: string;
}
