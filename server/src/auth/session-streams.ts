import { HttpStatus, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { Clock } from '../platform/clock';
import type { AuthContext } from './auth.types';
import { SessionRepository } from './session.repository';

/** Live streams (logs, job progress) one session may hold, and all sessions together. */
export const STREAM_LIMITS = { perSession: 6, total: 48 } as const;
/** How often open streams check that their session still exists (revoked, removed, expired). */
export const STREAM_RECHECK_MS = 5_000;

interface OpenStream {
  tokenHash: string;
  userId: string;
  controller: AbortController;
}

export interface StreamHandle {
  /** Aborts when the session ends (logout, revocation, removal, expiry) or the manager stops. */
  signal: AbortSignal;
  close(): void;
}

/**
 * Every server-sent-event stream belongs to a session: it ends with the session, at once on logout
 * and within a few seconds when the session is revoked or expires elsewhere, and the number of open
 * streams is capped so that nobody can pile up engine log followers.
 */
@Injectable()
export class SessionStreams implements OnApplicationShutdown {
  private readonly streams = new Set<OpenStream>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  open(auth: AuthContext): StreamHandle {
    const own = [...this.streams].filter((s) => s.tokenHash === auth.session.tokenHash).length;
    if (own >= STREAM_LIMITS.perSession || this.streams.size >= STREAM_LIMITS.total) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'Too many live views are open; close some and retry.', {
        retryAfterSeconds: 5,
      });
    }
    const stream: OpenStream = {
      tokenHash: auth.session.tokenHash,
      userId: auth.session.userId,
      controller: new AbortController(),
    };
    this.streams.add(stream);
    this.timer ??= setInterval(() => void this.recheck(), STREAM_RECHECK_MS).unref();
    return { signal: stream.controller.signal, close: () => this.end(stream) };
  }

  get count(): number {
    return this.streams.size;
  }

  endSession(tokenHash: string): void {
    for (const stream of this.streams) if (stream.tokenHash === tokenHash) this.end(stream);
  }

  endUser(userId: string): void {
    for (const stream of this.streams) if (stream.userId === userId) this.end(stream);
  }

  endUserExcept(userId: string, keepTokenHash: string): void {
    for (const stream of this.streams)
      if (stream.userId === userId && stream.tokenHash !== keepTokenHash) this.end(stream);
  }

  onApplicationShutdown(): void {
    for (const stream of this.streams) this.end(stream);
  }

  private end(stream: OpenStream): void {
    stream.controller.abort();
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async recheck(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const tokenHash of new Set([...this.streams].map((s) => s.tokenHash))) {
      const session = await this.sessions.findByHash(tokenHash);
      if (!session || session.expiresAt.getTime() <= now) this.endSession(tokenHash);
    }
  }
}
