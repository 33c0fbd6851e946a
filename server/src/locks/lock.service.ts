import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock';
import type { LockHolder, LockName } from './lock.types';

interface Waiter {
  holder: string;
  since: Date;
}

/**
 * In-process named locks (one manager process owns the engine). FIFO per name: a queued reconcile
 * cannot starve an admin's operation. Re-entrancy is explicit: callers already holding the lock run
 * their inner work directly rather than taking it again (see `holds`).
 */
@Injectable()
export class LockService {
  private readonly tails = new Map<LockName, Promise<unknown>>();
  private readonly holding = new Map<LockName, Waiter>();
  private readonly waiting = new Map<LockName, Waiter[]>();

  constructor(private readonly clock: Clock) {}

  run<T>(name: LockName, holder: string, work: () => Promise<T>): Promise<T> {
    const waiter: Waiter = { holder, since: this.clock.now() };
    this.waiting.set(name, [...(this.waiting.get(name) ?? []), waiter]);
    const tail = this.tails.get(name) ?? Promise.resolve();
    const result = tail.then(async () => {
      this.waiting.set(
        name,
        (this.waiting.get(name) ?? []).filter((w) => w !== waiter),
      );
      this.holding.set(name, { holder, since: this.clock.now() });
      try {
        return await work();
      } finally {
        this.holding.delete(name);
      }
    });
    this.tails.set(
      name,
      result.catch(() => undefined),
    );
    return result;
  }

  /** Whether `holder` holds `name` right now. */
  holds(name: LockName, holder: string): boolean {
    return this.holding.get(name)?.holder === holder;
  }

  /** Current holders, then waiters in order, for the status API. */
  snapshot(): { held: LockHolder[]; waiting: LockHolder[] } {
    const held = [...this.holding].map(([lock, w]) => ({ lock, holder: w.holder, since: w.since }));
    const waiting = [...this.waiting].flatMap(([lock, list]) =>
      list.map((w) => ({ lock, holder: w.holder, since: w.since })),
    );
    return { held, waiting };
  }
}
