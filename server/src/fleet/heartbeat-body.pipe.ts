import { Injectable, type PipeTransform } from '@nestjs/common';
import type { Heartbeat } from '../fleet-link/link.types';
import { checkHeartbeat } from './heartbeat-body';

/** The heartbeat's body, validated by hand (heartbeat-body.ts) rather than by class-validator. */
@Injectable()
export class HeartbeatBodyPipe implements PipeTransform<unknown, Heartbeat> {
  transform(value: unknown): Heartbeat {
    return checkHeartbeat(value);
  }
}
