/**
 * English messages of a member's own page (issue 11): the name others see and the password.
 */
export const enMe = {
  'me.pageTitle': 'My account',
  'me.loadError': 'Your account could not be loaded: {reason}',
  'me.name.title': 'Your name',
  'me.name.label': 'Name shown to others',
  'me.name.hint': 'How the other members see you. Your username ({username}) stays the same.',
  'me.name.invalid': 'Use between 1 and 64 characters.',
  'me.name.save': 'Save the name',
  'me.name.saving': 'Saving…',
  'me.name.saved': 'Saved: the other members now see you as {name}.',
  'me.name.failed': 'Your name was not saved: {reason}',
  'me.password.title': 'Change your password',
  'me.password.current': 'Current password',
  'me.password.new': 'New password',
  'me.password.confirm': 'New password, once more',
  'me.password.save': 'Change the password',
  'me.password.saving': 'Changing the password…',
  'me.password.done':
    'Your password is changed. You stay signed in here; anywhere else (another browser or device), sign in again with the new one.',
  'me.password.wrong': 'This is not your current password.',
  'me.password.wrongAlert':
    'Your password was not changed: the current password you typed is not right. Type it again.',
  'me.password.failed': 'Your password was not changed: {reason}',
};
