/**
 * English messages. Its key set is the reference: every other language must provide the same keys
 * (see `Messages`). Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
import { enAccounts } from './en.accounts';
import { enBackups } from './en.backups';
import { enExports } from './en.exports';
import { enBackupTargets } from './en.backup-targets';
import { enRestoreOffsite } from './en.restore-offsite';
import { enJobs } from './en.jobs';
import { enMembers } from './en.members';
import { enOidc } from './en.oidc';
import { enMail } from './en.mail';
import { enPortal } from './en.portal';
import { enFleet } from './en.fleet';
import { enFederation } from './en.federation';
import { enMe } from './en.me';
import { enErrors } from './en.errors';
import { enEngine } from './en.engine';
import { enFirstSteps } from './en.first-steps';
import { enRooms } from './en.rooms';
import { enSetupChecks } from './en.setup-checks';
import { enSignup } from './en.signup';
import { enDiagnosis } from './en.diagnosis';

export const en = {
  ...enAccounts,
  ...enBackups,
  ...enExports,
  ...enBackupTargets,
  ...enRestoreOffsite,
  ...enJobs,
  ...enMembers,
  ...enOidc,
  ...enMail,
  ...enPortal,
  ...enFleet,
  ...enFederation,
  ...enMe,
  ...enErrors,
  ...enEngine,
  ...enFirstSteps,
  ...enRooms,
  ...enSetupChecks,
  ...enSignup,
  ...enDiagnosis,
  'app.name': 'Tiers-lieu',
  'app.loading': 'Loading…',
  'app.bootError': 'The server cannot be reached right now.',
  'app.retry': 'Try again',
  // Page titles and accessibility (issue 14)
  'title.step': 'Step {current} of {total}: {step}',
  'title.dashboard': 'Dashboard',

  'lang.label': 'Language',
  'lang.fr': 'Français',
  'lang.en': 'English',

  'password.hint':
    'At least 12 characters, without the username. A sentence of a few words is easy to remember and hard to guess.',
  'password.strength': 'Strength: {level}',
  'password.level0': 'too short',
  'password.level1': 'weak, make it longer or mix letters, digits and symbols',
  'password.level2': 'good',
  'password.level3': 'strong',

  'feature.chat.name': 'Chat',
  'feature.chat.description': 'Matrix chat: the Synapse server and the Element web app.',
  'feature.pad.name': 'Pad',
  'feature.pad.description': 'Notes written together in real time (HedgeDoc).',
  'feature.files.name': 'Files',
  'feature.files.description': 'Shared files, calendars and contacts (Nextcloud).',

  'wizard.title': 'Set up your tiers-lieu',
  'wizard.stepOf': 'Step {current} of {total}',
  'wizard.steps': 'Setup steps',
  'wizard.back': 'Back',
  'wizard.next': 'Next',
  'wizard.submit': 'Set up',
  'wizard.submitting': 'Setting up… this can take a few seconds.',
  'wizard.fixErrors': 'Some values need your attention.',
  'wizard.step.language': 'Language',
  'wizard.step.token': 'Setup token',
  'wizard.step.community': 'Community',
  'wizard.step.domain': 'Domain',
  'wizard.step.admin': 'Administrator',
  'wizard.step.features': 'Services',
  'wizard.step.review': 'Review',
  'wizard.language.title': 'Choose your language',
  'wizard.language.intro': 'This is the language of the setup and of the dashboard. You can change it at any time.',
  'wizard.token.title': 'Setup token',
  'wizard.token.intro':
    'To prove that you are the person who installed this server, paste its setup token. The server prints it in its log when it first starts.',
  'wizard.token.label': 'Setup token',
  'wizard.token.rejected': 'This setup token was refused. Copy it again with one of the commands below.',
  'wizard.community.title': 'Your community',
  'wizard.community.intro': 'Its name, colour and logo appear on every page.',
  'wizard.community.name': 'Community name',
  'wizard.community.color': 'Main colour',
  'wizard.community.logo': 'Logo (optional)',
  'wizard.community.logoHint': 'PNG, JPEG or WebP, 256 KB at most.',
  'wizard.community.logoRemove': 'Remove the logo',
  'wizard.community.logoPreview': 'Logo preview',
  'wizard.domain.title': 'Domain name',
  'wizard.domain.intro':
    'The address under which your services will be reachable, for example tiers-lieu.example.org. It must point at this server.',
  'wizard.domain.label': 'Domain',
  'wizard.domain.warning':
    'The Matrix chat server name is derived from this domain (addresses such as @alice:{domain}). It can never be changed later.',
  'wizard.admin.title': 'First administrator',
  'wizard.admin.intro': 'This account manages the server. You can invite other administrators later.',
  'wizard.admin.username': 'Username',
  'wizard.admin.usernameHint': 'Lowercase letters, digits, dot, underscore or hyphen.',
  'wizard.admin.email': 'Email address',
  'wizard.admin.password': 'Password',
  'wizard.admin.passwordConfirm': 'Confirm the password',
  'wizard.features.title': 'Services',
  'wizard.features.intro': 'Choose the services your community needs.',
  'wizard.review.title': 'Check and confirm',
  'wizard.review.intro': 'Nothing is saved until you press “Set up”.',
  'wizard.review.token': 'Setup token',
  'wizard.review.tokenGiven': 'provided',
  'wizard.review.noLogo': 'no logo',
  'wizard.review.none': 'none',
  'wizard.review.edit': 'Edit',
  'setup.alreadyCompleted': 'This server is already set up. Sign in with an administrator account.',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.badCredentials': 'Wrong username or password.',
  'login.tooMany': 'Too many attempts. Wait {minutes} minutes and try again.',
  'login.tooManyOne': 'Too many attempts. Wait 1 minute and try again.',
  'login.tooManyUnknown': 'Too many attempts. Wait a few minutes and try again.',
  'login.sessionExpired': 'Your session has expired. Please sign in again.',
  'login.signedOut': 'You are signed out.',

  'dashboard.logout': 'Sign out',
  'dashboard.signedInAs': 'Signed in as {username}',
  'dashboard.loadError': 'This section could not be loaded. {reason}',
  'dashboard.refresh': 'Refresh',

  'features.title': 'Services',
  'features.disabled': 'Not enabled',
  'features.state.not-installed': 'Not installed yet',
  'features.state.installing': 'Installing',
  'features.state.running': 'Running',
  'features.state.stopped': 'Stopped',
  'features.state.updating': 'Updating',
  'features.state.error': 'Error',
  'features.health.healthy': 'healthy',
  'features.health.unhealthy': 'unhealthy',
  'features.health.starting': 'starting',
  'features.health.unknown': 'health unknown',
  'features.version': 'Version {version}',
  'features.memory': 'Memory: {size}',
  'features.actions': 'Actions for {name}',
  'features.action.enable': 'Enable',
  'features.action.start': 'Start',
  'features.action.stop': 'Stop',
  'features.action.restart': 'Restart',
  'features.action.update': 'Update',
  'features.action.disable': 'Disable',
  'features.action.logs': 'Logs',
  'features.busy': 'An operation on this service is already under way. Wait for it to finish, then try again.',
  'features.actionFailed': 'The action could not be started. {reason}',

  'selfUpdate.title': 'Manager update',
  'selfUpdate.current': 'Running version {version}',
  'selfUpdate.image': 'Image {image}',
  'selfUpdate.unsupported': 'This manager cannot update itself: {reason}.',
  'selfUpdate.notInImage':
    'The manager updates itself only when it runs from its Docker image; here, update the installation it runs from.',
  'selfUpdate.upToDate': 'Up to date.',
  'selfUpdate.available': 'Version {version} is available.',
  'selfUpdate.start': 'Update the manager',
  'selfUpdate.confirmTitle': 'Update the manager to version {version}?',
  'selfUpdate.confirmText':
    'The manager restarts on the new version: the dashboard is unavailable for a minute or two, your services keep running. If the new version does not start correctly, the current one is put back automatically.',
  'selfUpdate.confirm': 'Update now',
  'selfUpdate.cancel': 'Cancel',
  'selfUpdate.running': 'Updating the manager',
  'selfUpdate.restarting':
    'The manager is restarting on the new version. This page reloads as soon as it answers again.',
  'selfUpdate.finishing': 'The update is finishing…',
  'selfUpdate.last.succeeded': 'Last update ({date}): from {from} to {to}, succeeded.',
  'selfUpdate.last.rolled-back': 'Last update ({date}) to {to} was rolled back; {from} runs again. Why: {reason}',
  'selfUpdate.last.failed': 'Last update ({date}) to {to} failed: {reason}',
  'selfUpdate.failed': 'The update could not be started: {reason}',

  'disable.title': 'Disable {name}?',
  'disable.intro':
    'Its services are stopped and removed. Its data (database and files) is kept, so enabling it again later brings everything back.',
  'disable.keep': 'Disable, keep the data',
  'disable.cancel': 'Cancel',
  'disable.deleteTitle': 'Or delete the data too',
  'disable.deleteWarning':
    'Everything {name} stored is deleted for good: its database and its files. This cannot be undone.',
  'disable.confirmLabel': 'To confirm, type “{id}”',
  'disable.delete': 'Disable and delete the data',

  'logs.title': 'Logs: {name}',
  'logs.follow': 'Follow',
  'logs.close': 'Close',
  'logs.status.loading': 'Loading…',
  'logs.status.live': 'Following new lines',
  'logs.status.reconnecting': 'Reconnecting…',
  'logs.status.paused': 'Paused',
  'logs.status.error': 'The live stream stopped',
  'logs.tailHint': 'the last {count} lines of each service first',
  'logs.loadError': 'The logs could not be loaded. {reason}',
  'logs.empty': 'No log lines yet.',

  'system.title': 'System status',
  'system.database': 'Database',
  'system.queue': 'Tasks in progress',
  'system.docker': 'Docker',
  'system.up': 'Up',
  'system.down': 'Down',
  'system.disk': 'Disk',
  'system.memory': 'Memory',
  'system.freeOfTotal': '{free} free of {total}',

  'admins.title': 'Administrators',
  'admins.role.admin': 'Administrator',
  'admins.since': 'since {date}',
  'admins.you': '(you)',
  'admins.empty': 'No administrators yet.',

  'invite.title': 'Invite an administrator',
  'invite.email': 'Their email address',
  'invite.submit': 'Create an invitation',
  'invite.submitting': 'Creating…',
  'invite.link': 'Invitation link',
  'invite.linkHint': 'Send this link to {email}. It works once and expires on {date}.',
  'invite.copy': 'Copy',
  'invite.copied': 'Copied',

  'accept.title': 'Become an administrator',
  'accept.intro': 'You were invited as {email}. Choose a username and a password.',
  'accept.expires': 'This invitation expires on {date}.',
  'accept.username': 'Username',
  'accept.password': 'Password',
  'accept.passwordConfirm': 'Confirm the password',
  'accept.submit': 'Create my account',
  'accept.submitting': 'Creating your account…',
  'accept.invalid': 'This invitation is invalid or has expired. Ask an administrator for a new one.',
  'accept.conflict': 'This username is already taken.',
  'accept.goLogin': 'Go to the sign-in page',

  // Image digests (supply chain): a changed image behind a known name is refused.
  'imageTrust.digest': 'Digest {digest}',
  'imageTrust.serviceRefused':
    'A changed image for {component} was refused: {reference} now holds {offered}, not {recorded} as recorded. The service keeps running as it was.',
  'imageTrust.updateRefused':
    'Update refused: another image with version {version} was recorded before, with a different digest. Ask whoever publishes the update channel.',

  'unit.b': 'B',
  'unit.kb': 'KB',
  'unit.mb': 'MB',
  'unit.gb': 'GB',
  'unit.tb': 'TB',

  // Disaster recovery: the wizard's "Restore from a backup".
  'recovery.choice':
    'Replacing a server that was lost? Take back its settings, administrators and services from a backup.',
  'recovery.title': 'Restore from a backup',
  'recovery.intro':
    'Give the setup token of this new server, where the backup repository is, and the recovery key you saved when backups began. The administrators then sign in with their usual passwords while the services are restored.',
  'recovery.repository': 'Repository folder (optional)',
  'recovery.repositoryHint':
    'A folder on this machine, such as a mounted disk. Leave empty if the repository was copied into DATA_DIR/backups/repository.',
  'recovery.key': 'Recovery key',
  'recovery.submit': 'Restore',
  'recovery.submitting': 'Restoring the settings… this can take a minute.',
  'recovery.cancel': 'Back to a new installation',
  'recovery.missing': 'The setup token and the recovery key are both needed.',
  'recovery.wrongKey': 'This recovery key does not open the repository.',
  'recovery.wrongToken': 'The setup token is not valid: copy it again from the server log.',
  'recovery.notFound': 'No backup was found at this location.',
  'recovery.failed': 'The restore could not start. Check the server log.',
  'recovery.started': 'The settings and administrators are back. Sign in: the services are being restored.',
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
