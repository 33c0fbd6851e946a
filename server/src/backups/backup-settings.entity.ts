import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The backup schedule, its retention policy and the last integrity check: one row (id 1), absent until
 * an admin first saves a schedule (DEFAULT_SCHEDULE applies until then).
 */
@Entity('backup_settings')
export class BackupSettingsEntity {
  @PrimaryColumn('integer')
  id: number;

  @Column('boolean')
  enabled: boolean;

  /** HH:MM in the server's time zone. */
  @Column('text')
  time: string;

  /** Weekdays, comma-separated (`mon,tue`). */
  @Column('text')
  days: string;

  @Column('integer', { name: 'keep_daily' })
  keepDaily: number;

  @Column('integer', { name: 'keep_weekly' })
  keepWeekly: number;

  @Column('integer', { name: 'keep_monthly' })
  keepMonthly: number;

  /** The last integrity check that ended: when, which slice, and its error key (null: it passed). */
  @Column('datetime', { name: 'checked_at', nullable: true })
  checkedAt: Date | null;

  @Column('text', { name: 'check_subset', nullable: true })
  checkSubset: string | null;

  @Column('text', { name: 'check_job_id', nullable: true })
  checkJobId: string | null;

  @Column('text', { name: 'check_error', nullable: true })
  checkError: string | null;
}
