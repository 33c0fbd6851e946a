import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Feature } from '../catalog/catalog.types';
import { FeatureSettingEntity } from './feature-setting.entity';

type Patch = Partial<Pick<FeatureSettingEntity, 'enabled' | 'desiredRunning' | 'deleteData' | 'restartRequestedAt'>>;

/** Desired state per feature, including the requests (data deletion, restart) the reconciler carries out. */
@Injectable()
export class FeatureSettingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async set(id: Feature, patch: Patch, at: Date) {
    await this.dataSource.getRepository(FeatureSettingEntity).update({ id }, { ...patch, updatedAt: at });
  }

  get(id: Feature): Promise<FeatureSettingEntity | null> {
    return this.dataSource.getRepository(FeatureSettingEntity).findOneBy({ id });
  }

  /** Clears a restart request, unless a newer one came in meanwhile. */
  async restarted(id: Feature, requestedAt: Date): Promise<void> {
    await this.dataSource
      .getRepository(FeatureSettingEntity)
      .update({ id, restartRequestedAt: requestedAt }, { restartRequestedAt: null });
  }

  /** The deletion is done: nothing remains to delete. */
  async deleted(id: Feature): Promise<void> {
    await this.dataSource.getRepository(FeatureSettingEntity).update({ id, enabled: false }, { deleteData: false });
  }
}
