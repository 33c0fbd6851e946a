import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApplianceStatus } from './fleet-appliance.entity';
import { FleetApplianceEntity } from './fleet-appliance.entity';
import { OffsiteCredentialEntity } from './offsite-credential.entity';

/** The off-site credentials' table, and the one thing of an appliance's row they need: its status. */
@Injectable()
export class OffsiteCredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One credential per appliance: a new one replaces the last. */
  async save(applianceId: string, secretHash: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(OffsiteCredentialEntity).save({ applianceId, secretHash, issuedAt: at });
  }

  async find(applianceId: string): Promise<{ secretHash: string; status: ApplianceStatus } | null> {
    const credential = await this.dataSource.getRepository(OffsiteCredentialEntity).findOneBy({ applianceId });
    if (!credential) return null;
    const appliance = await this.dataSource
      .getRepository(FleetApplianceEntity)
      .findOne({ where: { id: applianceId }, select: { id: true, status: true } });
    return appliance ? { secretHash: credential.secretHash, status: appliance.status } : null;
  }
}
