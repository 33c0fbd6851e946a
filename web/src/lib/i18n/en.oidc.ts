/** English messages of the community's single sign-on (issue 11): the sign-in page on a service's behalf. */
export const enOidc = {
  'login.oidcContinue': 'Sign in to continue to your community’s service.',
  'login.oidcExpired': 'That sign-in took too long and has expired. Go back to the service and start again.',
};
