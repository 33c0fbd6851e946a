import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Feature } from '../setup/setup.types';

/** Desired state per feature: what the admins asked to run. */
@Entity('feature_setting')
export class FeatureSettingEntity {
  @PrimaryColumn('text')
  id: Feature;

  @Column('boolean')
  enabled: boolean;

  /** False after an admin stopped the service; enabled services are otherwise kept running. */
  @Column('boolean', { name: 'desired_running', default: true })
  desiredRunning: boolean;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
