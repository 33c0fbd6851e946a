import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BackupRunState } from './backup.types';

/** One backup run of ours: its restic snapshots carry `run=<id>`. The error is a key, as a job's. */
@Entity('backup_run')
export class BackupRunEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'job_id' })
  jobId: string;

  @Column('text')
  state: BackupRunState;

  /** JSON array of the scopes asked (features, `appliance`). */
  @Column('text')
  scopes: string;

  @Column('datetime', { name: 'started_at' })
  startedAt: Date;

  @Column('datetime', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** Bytes restic read for the run's parts (before deduplication), once it succeeded. */
  @Column('integer', { name: 'size_bytes', default: 0 })
  sizeBytes: number;

  @Column('text', { name: 'error_key', nullable: true })
  errorKey: string | null;

  @Column('text', { name: 'error_params', nullable: true })
  errorParams: string | null;

  @Column('text', { name: 'error_detail', nullable: true })
  errorDetail: string | null;
}
