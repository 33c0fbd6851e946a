import { Injectable } from '@nestjs/common';

/** At most this many password hashes at once (scrypt takes 32 MiB and a core for ~100 ms each). */
export const MAX_CONCURRENT_HASHES = 2;
/** Attempts waiting for a slot beyond that; more are refused at once rather than queued forever. */
export const MAX_WAITING_HASHES = 8;

export type Slot = { release(): void };

/**
 * Caps password hashing globally and per client: one attempt in flight per address, a few at a
 * time overall. Refusing early keeps memory bounded on a 1 GB board and keeps the dashboard
 * responsive while someone hammers the login form.
 */
@Injectable()
export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly clients = new Set<string>();

  /** A slot, or null when this client already has an attempt in flight or the queue is full. */
  async enter(client: string): Promise<Slot | null> {
    if (this.clients.has(client)) return null;
    if (this.running >= MAX_CONCURRENT_HASHES && this.waiting.length >= MAX_WAITING_HASHES) return null;
    this.clients.add(client);
    if (this.running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.clients.delete(client);
        const next = this.waiting.shift();
        // The slot passes straight to the next waiter; `running` only drops when nobody waits.
        if (next) next();
        else this.running -= 1;
      },
    };
  }
}
