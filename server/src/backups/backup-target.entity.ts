import { Entity } from 'typeorm';
import { BooleanColumn, DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';
import type { TargetKind } from './backup-target-location';

/**
 * An off-site place a backup run is copied to (the local repository under the data directory is not a
 * row: it is always there). Credentials never live here: they are a 0600 file under the data directory's
 * secrets (see BackupTargetRepository); `location` is what a person may read (a URL without its password).
 */
@Entity('backup_target')
export class BackupTargetEntity {
  @KeyColumn() id: string;
  @TextColumn() label: string;
  @TextColumn() kind: TargetKind;
  @TextColumn() location: string;
  @BooleanColumn() enabled: boolean;
  /** S3 places: path-style requests (`endpoint/bucket`) rather than a bucket's own host name; else null. */
  @BooleanColumn({ nullable: true }) s3PathStyle: boolean | null;

  /** The target's own retention; all three null: keep everything (an append-only server refuses `forget`). */
  @IntegerColumn({ nullable: true }) keepDaily: number | null;
  @IntegerColumn({ nullable: true }) keepWeekly: number | null;
  @IntegerColumn({ nullable: true }) keepMonthly: number | null;

  /** The last copy of a run to this target: when it ended, when it last worked, and its error key. */
  @DateColumn({ nullable: true }) lastAttemptAt: Date | null;
  @DateColumn({ nullable: true }) lastSuccessAt: Date | null;
  @TextColumn({ nullable: true }) lastErrorKey: string | null;
  @TextColumn({ nullable: true }) lastErrorDetail: string | null;

  /** When the recovery key last made was added here too (null: it does not open this place). */
  @DateColumn({ nullable: true }) recoveryKeyAt: Date | null;

  @DateColumn() createdAt: Date;
  @DateColumn() updatedAt: Date;
}
