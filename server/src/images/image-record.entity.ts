import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImageRecordKind } from './image-trust';

/**
 * The image (id, and registry digest when it has one) first seen behind a reference: a catalog
 * service's reference as run, or for the appliance itself its repository and version label. A
 * different image behind the same reference later is refused and the refusal kept for the status API.
 */
@Entity('image_record')
export class ImageRecordEntity {
  @PrimaryColumn('text')
  kind: ImageRecordKind;

  @PrimaryColumn('text')
  reference: string;

  /** The catalog service that last ran it (services only), to show a refusal where it matters. */
  @Column('text', { name: 'service_id', nullable: true })
  serviceId: string | null;

  @Column('text', { name: 'image_id' })
  imageId: string;

  @Column('text', { name: 'repo_digest', nullable: true })
  repoDigest: string | null;

  @Column('datetime', { name: 'recorded_at' })
  recordedAt: Date;

  /** The other image last offered behind this reference and refused; null when none is pending. */
  @Column('text', { name: 'refused_image_id', nullable: true })
  refusedImageId: string | null;

  @Column('text', { name: 'refused_repo_digest', nullable: true })
  refusedRepoDigest: string | null;

  @Column('datetime', { name: 'refused_at', nullable: true })
  refusedAt: Date | null;
}
