import { ApiProperty } from '@nestjs/swagger';
import { JOB_KINDS, JOB_STATES, type JobKind, type JobState } from '../job.types';

export class JobDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: JOB_KINDS })
  kind: JobKind;

  @ApiProperty({ example: 'chat' })
  target: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  @ApiProperty({ type: String, nullable: true })
  detail: string | null;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;
}

export class JobAcceptedDto {
  @ApiProperty()
  jobId: string;
}
