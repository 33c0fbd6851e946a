/**
 * Whether outgoing mail is set up, as the dashboard last saw it: the Outgoing mail card keeps it up
 * to date, and the members' invitation form offers to send a link by mail only when it is.
 */
export const mailState = $state<{ configured: boolean }>({ configured: false });
