import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '../common/api-error';
import { Clock } from '../platform/clock';
import { randomToken, sha256 } from '../common/tokens';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthContext, IssuedSession, SESSION_TTL_MS } from './auth.types';
import { HashGate } from './hash-gate';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH, verifyPassword } from './password.hasher';
import { readSessionCookie } from './session-cookie';
import { SessionRepository } from './session.repository';
import { SessionStreams } from './session-streams';

const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The throttle's name for an account: a fingerprint of the password hash is part of it, so that a
 * new password (`appliance reset-password`, the recovery path) starts from a clean slate.
 */
function accountKey(username: string, user: UserEntity | null): string {
  return user ? `${user.username}#${sha256(user.passwordHash).slice(0, 12)}` : username.toLowerCase();
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottleService,
    private readonly hashing: HashGate,
    private readonly streams: SessionStreams,
    private readonly clock: Clock,
  ) {}

  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ user: UserEntity; session: IssuedSession }> {
    const user = await this.users.findByUsername(username.toLowerCase());
    const attempt = this.throttle.reserve(accountKey(username, user), address);
    if (!attempt.ok) {
      const wait = attempt.retryAfterSeconds;
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, `Too many failed logins. Try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    const slot = await this.hashing.enter(address);
    if (!slot) {
      this.throttle.release(attempt.reservation);
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'A login is already being checked; try again in a moment.', {
        retryAfterSeconds: 1,
      });
    }
    let ok: boolean;
    try {
      // Verify against a dummy hash for unknown users so response time does not reveal who exists.
      ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    } finally {
      slot.release();
    }
    if (!user || !ok) throw new ApiException(HttpStatus.UNAUTHORIZED, 'Wrong username or password.');
    this.throttle.succeeded(attempt.reservation);
    return { user, session: await this.createSession(user.id) };
  }

  async createSession(userId: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const issued: IssuedSession = {
      token: randomToken(),
      csrfToken: randomToken(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    };
    await this.sessions.deleteExpired(now);
    await this.sessions.insert({
      tokenHash: sha256(issued.token),
      userId,
      csrfToken: issued.csrfToken,
      createdAt: now,
      expiresAt: issued.expiresAt,
    });
    return issued;
  }

  /** Resolves a session cookie; sliding expiry, refreshed at most once a day. */
  async authenticate(token: string): Promise<AuthContext | null> {
    const now = this.clock.now();
    const session = await this.sessions.findByHash(sha256(token));
    if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
    const user = await this.users.findById(session.userId);
    if (!user) return null;
    if (session.expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - REFRESH_AFTER_MS) {
      session.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await this.sessions.extend(session.tokenHash, session.expiresAt);
    }
    return { user, session };
  }

  /** The session a request carries, if any and valid: for public routes that show more to admins. */
  fromRequest(req: Request): Promise<AuthContext | null> {
    const token = readSessionCookie(req);
    return token ? this.authenticate(token) : Promise.resolve(null);
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete(sha256(token));
    this.streams.endSession(sha256(token));
  }

  /** Signs a user out everywhere: every session of theirs stops working at once. */
  async revokeSessions(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
    this.streams.endUser(userId);
  }

  /** After a user was removed (their sessions went with them): their live views end at once too. */
  userRemoved(userId: string): void {
    this.streams.endUser(userId);
  }
}
