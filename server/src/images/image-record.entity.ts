import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';
import type { ImageRecordKind } from './image-trust';

/**
 * The image (id, and registry digest when it has one) first seen behind a reference: a catalog
 * service's reference as run, or for the appliance itself its repository and version label. A
 * different image behind the same reference later is refused and the refusal kept for the status API.
 */
@Entity('image_record')
export class ImageRecordEntity {
  @KeyColumn() kind: ImageRecordKind;
  @KeyColumn() reference: string;

  /** The catalog service that last ran it (services only), to show a refusal where it matters. */
  @TextColumn({ nullable: true }) serviceId: string | null;
  @TextColumn() imageId: string;
  @TextColumn({ nullable: true }) repoDigest: string | null;
  @DateColumn() recordedAt: Date;

  /** The other image last offered behind this reference and refused; null when none is pending. */
  @TextColumn({ nullable: true }) refusedImageId: string | null;
  @TextColumn({ nullable: true }) refusedRepoDigest: string | null;
  @DateColumn({ nullable: true }) refusedAt: Date | null;
}
