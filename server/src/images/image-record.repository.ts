import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImageRecordEntity } from './image-record.entity';
import type { ImageRecord, ImageRecordKind } from './image-trust';

/** The recorded images (TypeORM); trust decisions are made in image-trust.ts. */
@Injectable()
export class ImageRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get table() {
    return this.dataSource.getRepository(ImageRecordEntity);
  }

  async get(kind: ImageRecordKind, reference: string): Promise<ImageRecord | undefined> {
    return (await this.table.findOneBy({ kind, reference })) ?? undefined;
  }

  async list(kind: ImageRecordKind): Promise<ImageRecord[]> {
    return this.table.find({ where: { kind }, order: { reference: 'ASC' } });
  }

  /** Records the first image seen; an existing record is never overwritten here. */
  async recordFirst(
    kind: ImageRecordKind,
    reference: string,
    image: { imageId: string; repoDigest: string | null; serviceId?: string },
    at: Date,
  ): Promise<void> {
    const { serviceId, ...seen } = image;
    await this.table
      .createQueryBuilder()
      .insert()
      .into(ImageRecordEntity)
      .values({
        kind,
        reference,
        serviceId: serviceId ?? null,
        ...seen,
        recordedAt: at,
        refusedImageId: null,
        refusedRepoDigest: null,
        refusedAt: null,
      })
      .orIgnore()
      .execute();
  }

  async refused(
    kind: ImageRecordKind,
    reference: string,
    image: { imageId: string; repoDigest: string | null },
    at: Date,
  ): Promise<void> {
    await this.table.update(
      { kind, reference },
      { refusedImageId: image.imageId, refusedRepoDigest: image.repoDigest, refusedAt: at },
    );
  }

  async clearRefusal(kind: ImageRecordKind, reference: string): Promise<void> {
    await this.table.update({ kind, reference }, { refusedImageId: null, refusedRepoDigest: null, refusedAt: null });
  }
}
