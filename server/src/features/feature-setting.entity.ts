import { Entity } from 'typeorm';
import { BooleanColumn, DateColumn, KeyColumn } from '../database/columns';
import type { Feature } from '../setup/setup.types';

/** Desired state per feature: what the admins asked to run. */
@Entity('feature_setting')
export class FeatureSettingEntity {
  @KeyColumn() id: Feature;
  @BooleanColumn() enabled: boolean;

  /** False after an admin stopped the feature; enabled features are otherwise kept running. */
  @BooleanColumn({ default: true }) desiredRunning: boolean;

  /** Disabled with its data to delete: the reconciler removes its volumes and databases, then clears this. */
  @BooleanColumn({ default: false }) deleteData?: boolean;

  /** A restart asked for and not yet carried out (the reconciler restarts the running containers). */
  @DateColumn({ nullable: true, default: null }) restartRequestedAt?: Date | null;

  @DateColumn() updatedAt: Date;
}
