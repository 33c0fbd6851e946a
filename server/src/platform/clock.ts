import { Injectable } from '@nestjs/common';

/**
 * The clock is an outside system too: injected (provided once, by PlatformModule) so throttling,
 * expiry and timestamps are testable. The only place that reads the wall clock (lint fence).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
