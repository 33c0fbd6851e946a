/**
 * English messages of open sign-up (issue 11): the portal's link, the sign-up page, the sign-in
 * refusal while a request waits, and the admins' side in the members card.
 */
export const enSignup = {
  'portal.askToJoin': 'Ask to join',
  'signup.pageTitle': 'Ask to join',
  'signup.title': 'Ask to join {community}',
  'signup.intro':
    'Choose your account. An administrator of the community reads each request; you can sign in once it is accepted.',
  'signup.email': 'Email (optional)',
  'signup.emailHint': 'To be told by mail when your request is accepted, and to reset a forgotten password.',
  'signup.submit': 'Send my request',
  'signup.submitting': 'Sending…',
  'signup.sentTitle': 'Request sent',
  'signup.sent':
    'Thank you, {username}. Your request now waits for an administrator. You can sign in once it is accepted.',
  'signup.sentMail': 'If you gave an email address and the community sends mail, you will get a message then.',
  'signup.closed': 'This community does not take requests to join right now. Ask someone who belongs to it.',
  'signup.full': 'Too many requests are already waiting for an administrator. Try again in a few days.',
  'signup.taken': 'This username is already taken; choose another.',
  'signup.backToPortal': 'Back to the home page',
  'signup.goLogin': 'Already have an account? Sign in',
  'login.awaitingApproval':
    'Your request to join is still waiting for an administrator. You can sign in once it is accepted.',
  'members.signUp.title': 'Requests to join',
  'members.signUp.open': 'Open sign-up, approved by an admin',
  'members.signUp.openHint':
    'When on, the home page shows “Ask to join”: anyone can ask for an account, and it works only once an admin approves it.',
  'members.signUp.savedOn': 'Open sign-up is on: the home page shows “Ask to join”.',
  'members.signUp.savedOff': 'Open sign-up is off.',
  'members.signUp.none': 'No request waiting.',
  'members.signUp.requested': 'asked on {date}',
  'members.signUp.actions': 'Request of {name}',
  'members.signUp.approve': 'Approve',
  'members.signUp.refuse': 'Refuse',
  'members.signUp.approveLabel': 'Approve the request of {name}',
  'members.signUp.refuseLabel': 'Refuse the request of {name}',
  'members.signUp.approved': '{name} is now a member and can sign in.',
  'members.signUp.refused': 'The request of {name} is refused and deleted.',
  'members.signUp.gone': 'This request was already handled; the list is up to date again.',
};
