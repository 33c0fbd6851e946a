/**
 * English messages of the link to a mutualised host (issue 12): the dashboard's Mutualised host
 * card, its errors (federation.*, from the server's errors[0].code) and the link's last problem (link.error.*).
 */
export const enFederation = {
  'federation.title': 'Mutualised host',
  'federation.intro':
    'Optional. A hosting co-op can look after the technical side of this server for you: it watches its health, runs a few tasks you allow, and keeps encrypted copies of your backups. You can leave at any time.',
  'federation.code': 'Code given by the host',
  'federation.codeHint': 'It starts with tlup1. Paste it whole.',
  'federation.codeMissing': 'Paste the code the host gave you.',
  'federation.check': 'Check this host',
  'federation.checking': 'Checking…',
  'federation.preview.title': 'Check who you are about to join',
  'federation.preview.name': 'Host',
  'federation.preview.url': 'Address',
  'federation.preview.fingerprint': 'Key fingerprint',
  'federation.preview.fingerprintHint':
    'Compare it with the fingerprint the host gave you by another way (phone, in person). If they differ, do not join.',
  'federation.sees.title': 'What the host will see and do',
  'federation.sees.status':
    'The state of your services (chat, pad, files), the free disk space and the date of the last backup.',
  'federation.sees.work':
    'Ask for a short list of tasks only: a backup, a restart or an update of a service, a diagnostic report.',
  'federation.sees.backups': 'Keep encrypted copies of your backups, which it cannot read.',
  'federation.never.title': 'What it never gets',
  'federation.never.list': 'Your keys, your community’s data and content, your passwords.',
  'federation.consent': 'I agree: join this host',
  'federation.joining': 'Joining…',
  'federation.cancel': 'Cancel',
  'federation.joined': 'This server now follows {name}.',
  'federation.awaiting.intro':
    'This server was prepared to be looked after by {name}. Nothing is sent to it until you confirm. Check the address and the key’s fingerprint with the co-op.',
  'federation.awaiting.confirm': 'Confirm: be looked after by this host',
  'federation.awaiting.refuse': 'Refuse',
  'federation.awaiting.refusing': 'Refusing…',
  'federation.awaiting.refused': 'You refused {name}. This server follows no host; nothing was sent to it.',
  'federation.notAwaiting': 'No link awaits confirmation: reload the page.',
  'federation.state.enrolled': 'This server is looked after by {name}.',
  'federation.state.revoked': '{name} no longer accepts this server. You can leave it.',
  'federation.lastContact': 'Last contact: {date}',
  'federation.noContact': 'No contact yet.',
  'federation.lastError': 'Last problem: {error}',
  'federation.nextAttempt': 'Next try: {date}',
  'federation.leave': 'Leave',
  'federation.leave.title': 'Leave {name}?',
  'federation.leave.body':
    'The host will no longer see or do anything on this server. Everything stays here: services, data, backups.',
  'federation.leave.confirm': 'Leave the host',
  'federation.leave.leaving': 'Leaving…',
  'federation.left': 'This server left the host. Everything stays here.',
  'federation.leftAlone':
    'The host did not answer: this server left on its side all the same. Everything stays here; tell the host.',
  'federation.codeUnreadable': 'This is not a code from a mutualised host. Check that you pasted it whole.',
  'federation.fingerprintMismatch':
    'The host at this address does not have the key the code names. Do not join: contact the host.',
  'federation.alreadyEnrolled': 'This server already follows a mutualised host.',
  'federation.notEnrolled': 'This server follows no mutualised host.',
  'federation.unreachable': 'The host does not answer at this address. Try again later.',
  'federation.codeRefused':
    'The host refused this code: it was already used, has expired or was withdrawn. Ask for a new one.',
  'federation.signatureRefused': 'The host refused this server’s signature. Check that this server’s clock is right.',
  'federation.revoked': 'The host refuses this server.',
  'federation.notAnUpstream': 'This address does not answer as a mutualised host.',
  'federation.upstreamFailed': 'The host failed to answer. Try again later.',
  'link.error.unreachable': 'the host does not answer',
  'link.error.refused': 'the host refused this server’s signature (check the clock)',
  'link.error.revoked': 'the host no longer accepts this server',
  'link.error.codeRefused': 'the host refused the request',
  'link.error.invalid': 'the host’s answer was not understood',
  'link.error.failed': 'the host failed to answer',
  'wizard.link.title': 'A host prepared this server',
  'wizard.link.confirm': 'Confirm: {name} looks after this server once it is set up',
  'wizard.link.refuse': 'Refuse: leave {name}; nothing is sent to it',
  'wizard.link.choose': 'Choose whether this server follows this host.',
};
