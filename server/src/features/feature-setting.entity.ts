import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Feature } from '../setup/setup.types';

/** Desired state per feature: what the admins asked to run. */
@Entity('feature_setting')
export class FeatureSettingEntity {
  @PrimaryColumn('text')
  id: Feature;

  @Column('boolean')
  enabled: boolean;

  /** False after an admin stopped the feature; enabled features are otherwise kept running. */
  @Column('boolean', { name: 'desired_running', default: true })
  desiredRunning: boolean;

  /** Disabled with its data to delete: the reconciler removes its volumes and databases, then clears this. */
  @Column('boolean', { name: 'delete_data', default: false })
  deleteData?: boolean;

  /** A restart asked for and not yet carried out (the reconciler restarts the running containers). */
  @Column('datetime', { name: 'restart_requested_at', nullable: true, default: null })
  restartRequestedAt?: Date | null;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
