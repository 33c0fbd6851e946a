import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';
import type { ServiceId } from '../catalog/catalog.types';

/** The image a catalog component was installed with; the reconciler runs this, not the catalog's latest. */
@Entity('component')
export class ComponentEntity {
  @KeyColumn() id: ServiceId;
  @TextColumn() image: string;
  @TextColumn() version: string;
  @DateColumn() updatedAt: Date;
}
