import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Feature } from '../catalog/catalog.types';
import { FeatureSettingEntity } from './feature-setting.entity';

@Injectable()
export class FeatureSettingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async set(id: Feature, patch: Partial<Pick<FeatureSettingEntity, 'enabled' | 'desiredRunning'>>, at: Date) {
    await this.dataSource.getRepository(FeatureSettingEntity).update({ id }, { ...patch, updatedAt: at });
  }
}
