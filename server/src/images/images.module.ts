import { Module } from '@nestjs/common';
import { ImageRecordRepository } from './image-record.repository';
import { ImageTrustService } from './image-trust.service';

/** Recorded image ids and digests, shared by the services and the manager's self-update. */
@Module({
  providers: [ImageRecordRepository, ImageTrustService],
  exports: [ImageRecordRepository, ImageTrustService],
})
export class ImagesModule {}
