import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeatureSettingEntity } from '../features/feature-setting.entity';
import { UserEntity } from '../users/user.entity';
import { InstallationEntity } from './installation.entity';

@Injectable()
export class InstallationRepository {
  constructor(private readonly dataSource: DataSource) {}

  get(): Promise<InstallationEntity | null> {
    return this.dataSource.getRepository(InstallationEntity).findOneBy({ id: 1 });
  }

  features(): Promise<FeatureSettingEntity[]> {
    return this.dataSource.getRepository(FeatureSettingEntity).find();
  }

  /** Setup lands whole or not at all: installation, feature choices and first admin in one transaction. */
  async complete(installation: InstallationEntity, features: FeatureSettingEntity[], admin: UserEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(InstallationEntity).insert(installation);
      await manager.getRepository(FeatureSettingEntity).insert(features);
      await manager.getRepository(UserEntity).insert(admin);
    });
  }
}
