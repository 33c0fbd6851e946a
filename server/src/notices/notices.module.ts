import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { SetupModule } from '../setup/setup.module';
import { AdminNoticeService } from './admin-notice.service';
import { AdminRoomService } from './admin-room.service';

/** Notices to the community's admin room on Matrix (a bot account, a private room). */
@Module({
  imports: [ServicesModule, SetupModule],
  providers: [AdminNoticeService, AdminRoomService],
  exports: [AdminNoticeService],
})
export class NoticesModule {}
