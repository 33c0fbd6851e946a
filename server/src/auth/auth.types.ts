import type { Request } from 'express';
import type { UserEntity } from '../users/user.entity';
import type { SessionEntity } from './session.entity';

export const SESSION_COOKIE = 'tl_session';
export const CSRF_COOKIE = 'tl_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface AuthContext {
  user: UserEntity;
  session: SessionEntity;
}

export type AuthenticatedRequest = Request & { auth?: AuthContext };
