import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { LockService } from './lock.service';

@Global()
@Module({ providers: [LockService, Clock], exports: [LockService] })
export class LocksModule {}
