import type { enMembers } from './en.members';

/** French messages of the community's members (issue 11): must provide exactly the keys of enMembers. */
export const frMembers: Record<keyof typeof enMembers, string> = {
  'admins.role.member': 'Membre',
};
