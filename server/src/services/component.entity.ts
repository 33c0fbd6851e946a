import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceId } from '../catalog/catalog.types';

/** The image a catalog component was installed with; the reconciler runs this, not the catalog's latest. */
@Entity('component')
export class ComponentEntity {
  @PrimaryColumn('text')
  id: ServiceId;

  @Column('text')
  image: string;

  @Column('text')
  version: string;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
