import { Injectable, Logger } from '@nestjs/common';
import { UserRepository } from '../users/user.repository';

/**
 * The Matrix localpart characters (Matrix spec, user identifiers: `[a-z0-9._=/+-]`). Synapse makes the
 * localpart from `preferred_username` unchanged (`localpart_template`), so the provider hands out no
 * other. Usernames (`USERNAME_PATTERN`, `[a-z0-9._-]{3,32}`) are a subset: this is a guard, not a filter.
 */
export const MATRIX_LOCALPART = /^[a-z0-9._=/+-]{1,255}$/;

/** The claims a service learns about a member: stable id, shown name, username (Matrix localpart). */
export interface OidcClaims {
  sub: string;
  name: string;
  preferred_username: string;
}

export interface OidcAccount {
  accountId: string;
  claims(): Promise<OidcClaims>;
}

/**
 * oidc-provider's findAccount: members and admins, active only. A suspended or removed account is
 * no account, so the provider asks for a sign-in again and a code issued before is refused.
 */
@Injectable()
export class OidcAccountsService {
  private readonly logger = new Logger('OIDC');

  constructor(private readonly users: UserRepository) {}

  async find(sub: string): Promise<OidcAccount | undefined> {
    const user = await this.users.findById(sub);
    if (!user || user.status !== 'active') return undefined;
    if (!MATRIX_LOCALPART.test(user.username)) {
      this.logger.warn(`"${user.username}" is no Matrix localpart: that account cannot sign in to the services`);
      return undefined;
    }
    const claims: OidcClaims = {
      sub: user.id,
      name: user.displayName ?? user.username,
      preferred_username: user.username,
    };
    return { accountId: user.id, claims: () => Promise.resolve(claims) };
  }
}
