import { Injectable } from '@nestjs/common';

/** The clock is an outside system too: injected so throttling and expiry are testable. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
