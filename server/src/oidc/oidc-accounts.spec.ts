import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USERNAME_PATTERN } from '../users/dto/credentials.rules';
import type { UserRepository } from '../users/user.repository';
import { MATRIX_LOCALPART, OidcAccountsService } from './oidc-accounts.service';

function accounts(user: { id: string; username: string; status: string; displayName: string | null }) {
  const users = { findById: (id: string) => Promise.resolve(id === user.id ? user : null) };
  return new OidcAccountsService(users as unknown as UserRepository);
}

describe('OIDC accounts: preferred_username is a Matrix localpart', () => {
  it('allows in usernames only characters of Matrix localparts', () => {
    // Every character a username may hold (its pattern's class), tried one by one.
    for (let code = 0x20; code < 0x7f; code++) {
      const ch = String.fromCharCode(code);
      if (USERNAME_PATTERN.test(`abc${ch}`)) assert.match(`abc${ch}`, MATRIX_LOCALPART, JSON.stringify(ch));
    }
    for (const bad of ['Camille', 'élise', 'a b', 'a:b', 'a@b']) assert.doesNotMatch(bad, USERNAME_PATTERN, bad);
  });

  it('gives sub, name and preferred_username of an active account', async () => {
    const found = await accounts({ id: 'u1', username: 'dominique', status: 'active', displayName: null }).find('u1');
    assert.deepEqual(await found?.claims(), { sub: 'u1', name: 'dominique', preferred_username: 'dominique' });
  });

  it('refuses an account whose username is no localpart (data from before the rules), and a suspended one', async () => {
    assert.equal(
      await accounts({ id: 'u1', username: 'Dominique', status: 'active', displayName: null }).find('u1'),
      undefined,
    );
    assert.equal(
      await accounts({ id: 'u1', username: 'dominique', status: 'suspended', displayName: null }).find('u1'),
      undefined,
    );
  });

  it('refuses a sign-up request still awaiting approval: no service (chat) gets an account before it', async () => {
    assert.equal(
      await accounts({ id: 'u1', username: 'dominique', status: 'pending', displayName: null }).find('u1'),
      undefined,
    );
  });
});
