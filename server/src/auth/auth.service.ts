import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException, fieldErrors } from '../common/api-error';
import { Clock } from '../platform/clock';
import { randomToken, sha256 } from '../common/tokens';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthContext, IssuedSession, SESSION_TTL_MS } from './auth.types';
import { HashGate } from './hash-gate';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.hasher';
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
    // Said only after the right password, so it tells nothing to someone guessing.
    if (user.status === 'pending') {
      const message = 'This account is awaiting approval by an administrator of the community.';
      throw new ApiException(HttpStatus.FORBIDDEN, message, {
        errors: [{ field: 'username', code: 'awaitingApproval', message }],
      });
    }
    if (user.status !== 'active') {
      throw new ApiException(HttpStatus.FORBIDDEN, 'This account is suspended; ask an administrator of the community.');
    }
    return { user, session: await this.createSession(user.id) };
  }

  /**
   * Changes one's own password. The current one is checked like a login (same throttle and hashing
   * gate), so a session left open on a shared computer cannot be used to guess it; every other
   * session of the account ends.
   */
  async changePassword(auth: AuthContext, current: string, next: string, address: string): Promise<void> {
    const { user } = auth;
    const attempt = this.throttle.reserve(accountKey(user.username, user), address);
    if (!attempt.ok) {
      const wait = attempt.retryAfterSeconds;
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, `Too many wrong passwords. Try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    const slot = await this.hashing.enter(address);
    if (!slot) {
      this.throttle.release(attempt.reservation);
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'A password is already being checked; try again in a moment.',
        {
          retryAfterSeconds: 1,
        },
      );
    }
    let passwordHash: string | null = null;
    try {
      if (await verifyPassword(current, user.passwordHash)) passwordHash = await hashPassword(next);
    } finally {
      slot.release();
    }
    if (!passwordHash) {
      throw fieldErrors([
        { field: 'currentPassword', code: 'wrong', message: 'currentPassword is not the current password' },
      ]);
    }
    this.throttle.succeeded(attempt.reservation);
    await this.users.updatePasswordHash(user.id, passwordHash);
    await this.revokeOtherSessions(user.id, auth.session.tokenHash);
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
    // A suspended member's sessions were deleted with the suspension; this also covers a CLI change.
    if (!user || user.status !== 'active') return null;
    if (session.expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - REFRESH_AFTER_MS) {
      session.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await this.sessions.extend(session.tokenHash, session.expiresAt);
    }
    return { user, session };
  }

  /** The admin session a request carries, if any and valid: for public routes that show more to admins. */
  async fromRequest(req: Request): Promise<AuthContext | null> {
    const token = readSessionCookie(req);
    const auth = token ? await this.authenticate(token) : null;
    return auth?.user.role === 'admin' ? auth : null;
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

  /** Ends every session of a user but the one given (after a password change). */
  async revokeOtherSessions(userId: string, keepTokenHash: string): Promise<void> {
    await this.sessions.deleteForUserExcept(userId, keepTokenHash);
    this.streams.endUserExcept(userId, keepTokenHash);
  }

  /** After a user was removed (their sessions went with them): their live views end at once too. */
  userRemoved(userId: string): void {
    this.streams.endUser(userId);
  }
}
