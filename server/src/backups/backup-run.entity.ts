import { Entity } from 'typeorm';
import { DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';
import type { BackupRunState } from './backup.types';

/** One backup run of ours: its restic snapshots carry `run=<id>`. The error is a key, as a job's. */
@Entity('backup_run')
export class BackupRunEntity {
  @KeyColumn() id: string;
  @TextColumn() jobId: string;
  @TextColumn() state: BackupRunState;

  /** JSON array of the scopes asked (features, `appliance`). */
  @TextColumn() scopes: string;

  @DateColumn() startedAt: Date;
  @DateColumn({ nullable: true }) finishedAt: Date | null;

  /** Bytes restic read for the run's parts (before deduplication), once it succeeded. */
  @IntegerColumn({ default: 0 }) sizeBytes: number;

  @TextColumn({ nullable: true }) errorKey: string | null;
  @TextColumn({ nullable: true }) errorParams: string | null;
  @TextColumn({ nullable: true }) errorDetail: string | null;
}
