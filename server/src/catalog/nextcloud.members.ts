const OCC = ['php', '/var/www/html/occ', '--no-interaction'];

/** How a member's change reaches Nextcloud. */
export type NextcloudMemberChange = 'suspended' | 'resumed' | 'removed';

/** `occ user:info <uid>`: exit code 0 when the account exists (the member signed in to files once). */
export function nextcloudUserExistsCommand(uid: string): string[] {
  return [...OCC, 'user:info', '--', uid];
}

/**
 * The `occ` calls (argv, no shell; as nextcloud.sso's NEXTCLOUD_OCC_USER) for a member's change, in order. The uid is
 * the member's username (user_oidc's --mapping-uid=preferred_username, --unique-uid=0). As documented
 * in Nextcloud's admin manual (occ, user commands): `user:disable` stops any further sign-in and
 * request, `user:auth-tokens:delete <uid> --last-used-before=<date>` deletes the account's tokens
 * (browser sessions are tokens too) last used before that date, here a minute ahead of now, so all of
 * them (a Unix time is one of its accepted formats). Removal keeps the account and its files, disabled.
 */
export function nextcloudMemberCommands(uid: string, change: NextcloudMemberChange, now: Date): string[][] {
  if (change === 'resumed') return [[...OCC, 'user:enable', '--', uid]];
  const before = String(Math.floor(now.getTime() / 1000) + 60);
  return [
    [...OCC, 'user:disable', '--', uid],
    [...OCC, 'user:auth-tokens:delete', `--last-used-before=${before}`, '--', uid],
  ];
}
