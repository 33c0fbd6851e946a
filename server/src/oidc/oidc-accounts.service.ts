import { Injectable } from '@nestjs/common';
import { UserRepository } from '../users/user.repository';

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
  constructor(private readonly users: UserRepository) {}

  async find(sub: string): Promise<OidcAccount | undefined> {
    const user = await this.users.findById(sub);
    if (!user || user.status !== 'active') return undefined;
    const claims: OidcClaims = {
      sub: user.id,
      name: user.displayName ?? user.username,
      preferred_username: user.username,
    };
    return { accountId: user.id, claims: () => Promise.resolve(claims) };
  }
}
