import { Entity } from 'typeorm';
import { BooleanColumn, DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * The backup schedule, its retention policy and the last integrity check: one row (id 1), absent until
 * an admin first saves a schedule (DEFAULT_SCHEDULE applies until then).
 */
@Entity('backup_settings')
export class BackupSettingsEntity {
  @KeyColumn('integer') id: number;
  @BooleanColumn() enabled: boolean;

  /** HH:MM in the server's time zone. */
  @TextColumn() time: string;

  /** Weekdays, comma-separated (`mon,tue`). */
  @TextColumn() days: string;

  @IntegerColumn() keepDaily: number;
  @IntegerColumn() keepWeekly: number;
  @IntegerColumn() keepMonthly: number;

  /** The last integrity check that ended: when, which slice, and its error key (null: it passed). */
  @DateColumn({ nullable: true }) checkedAt: Date | null;
  @TextColumn({ nullable: true }) checkSubset: string | null;
  @TextColumn({ nullable: true }) checkJobId: string | null;
  @TextColumn({ nullable: true }) checkError: string | null;
}
