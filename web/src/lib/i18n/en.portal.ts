/**
 * English messages of the member portal and the join page's refusals (issue 11): the community's home
 * page with a tile per running feature, and what a refused invitation link says.
 */
export const enPortal = {
  'join.pageTitle': 'Join {community}',
  'join.refusedTitle.invalid': 'This invitation link does not work',
  'join.refusedTitle.spent': 'This invitation link was already used',
  'join.refusedTitle.expired': 'This invitation link has expired',
  'join.refusedNext':
    'Ask the person who invited you for a new link. If you already joined with this link, sign in instead.',

  'portal.welcome': 'Welcome to the space of {community}.',
  'portal.signedInAs': 'Signed in as {name}',
  'portal.myAccount': 'My account',
  'portal.dashboard': 'Administration',
  'portal.signIn': 'Sign in',
  'portal.signOut': 'Sign out',
  'portal.services': 'Our tools',
  'portal.none': 'No tool is open yet. Come back soon!',
  'portal.visitorHint': 'Sign in with your community account to use these tools.',
  'portal.loadError': 'The list of tools could not be loaded.',
  'portal.feature.chat': 'Chat',
  'portal.feature.chat.hint': 'Talk with the members, in rooms or one to one.',
  'portal.feature.pad': 'Pad',
  'portal.feature.pad.hint': 'Write notes together, live.',
  'portal.feature.files': 'Files',
  'portal.feature.files.hint': 'Share documents and folders.',
  'portal.open': 'Open {feature}',
  'dashboard.portal': 'Members’ portal',
};
