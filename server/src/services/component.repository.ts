import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceId } from '../catalog/catalog.types';
import { ComponentEntity } from './component.entity';

export type Pins = Partial<Record<ServiceId, { image: string; version: string }>>;

@Injectable()
export class ComponentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async pins(): Promise<Pins> {
    const rows = await this.dataSource.getRepository(ComponentEntity).find();
    return Object.fromEntries(rows.map((r) => [r.id, { image: r.image, version: r.version }]));
  }

  async pin(id: ServiceId, image: string, version: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ComponentEntity).save({ id, image, version, updatedAt: at });
  }

  async unpin(id: ServiceId): Promise<void> {
    await this.dataSource.getRepository(ComponentEntity).delete({ id });
  }
}
