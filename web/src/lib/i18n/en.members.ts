/** English messages of the community's members (issue 11): the admins' Members card and the join page. */
export const enMembers = {
  'admins.role.member': 'Member',
};
