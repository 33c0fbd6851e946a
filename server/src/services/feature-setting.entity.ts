import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Feature } from '../setup/setup.types';

/** Desired state per feature: what the admins asked to run. */
@Entity('feature_setting')
export class FeatureSettingEntity {
  @PrimaryColumn('text')
  id: Feature;

  @Column('boolean')
  enabled: boolean;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
