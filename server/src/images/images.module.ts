import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ImageRecordRepository } from './image-record.repository';
import { ImageTrustService } from './image-trust.service';

/** Recorded image ids and digests, shared by the services and the manager's self-update. */
@Module({
  providers: [ImageRecordRepository, ImageTrustService, Clock],
  exports: [ImageRecordRepository, ImageTrustService],
})
export class ImagesModule {}
