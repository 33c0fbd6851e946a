/**
 * English messages of the diagnosis page and the wizard's DNS check (issue 14). A check's sentence is
 * its server key (`diagnosis.dns.missing`); what to do, when there is something, is `<key>.todo`.
 */
export const enDiagnosis = {
  'title.diagnosis': 'Diagnosis',
  'diagnosis.link': 'Diagnosis',
  'diagnosis.intro':
    'Everything this server checks about itself: its disk, its memory, the tools you turned on, the domain names and the security certificate. Each line says what to do when something needs fixing.',
  'diagnosis.back': 'Back to the dashboard',
  'diagnosis.rerun': 'Check again',
  'diagnosis.running': 'Checking…',
  'diagnosis.checkedAt': 'Checked on {at}.',
  'diagnosis.summary': '{errors} to fix, {warnings} to watch, {ok} fine.',
  'diagnosis.copy': 'Copy the report',
  'diagnosis.copied': 'Report copied. Paste it in your message to whoever helps you.',
  'diagnosis.copyFailed': 'Copying is not possible here: the report is selected below, copy it by hand.',
  'diagnosis.reportLabel': 'Report to send when asking for help (no password in it)',
  'diagnosis.reportHeading': 'Diagnosis of {domain}, {at}',
  'diagnosis.status.ok': 'Fine',
  'diagnosis.status.warning': 'To watch',
  'diagnosis.status.error': 'To fix',
  'diagnosis.status.unknown': 'Unknown',
  'diagnosis.label.engine': 'Service engine',
  'diagnosis.label.disk': 'Disk space',
  'diagnosis.label.memory': 'Memory',
  'diagnosis.label.feature': '{feature}',
  'diagnosis.label.dns': 'Address {name}',
  'diagnosis.label.certificate': 'Security certificate (HTTPS)',
  'diagnosis.label.backup': 'Last backup',
  'diagnosis.label.other': 'Check {id}',
  'diagnosis.unknownMessage': 'This check has no description in this version of the page.',

  'diagnosis.engine.ok': 'The engine that runs the tools answers.',
  'diagnosis.engine.down': 'The engine that runs the tools (Docker) does not answer: no tool can start or stop.',
  'diagnosis.engine.down.todo':
    'Check that Docker runs on the machine (« systemctl status docker »), and that the manager was started with the Docker socket mounted (-v /var/run/docker.sock:/var/run/docker.sock). Then restart the manager.',
  'diagnosis.disk.ok': '{free} GB free of {total} GB ({percent} %).',
  'diagnosis.disk.low': 'Only {free} GB free of {total} GB ({percent} %).',
  'diagnosis.disk.low.todo': 'Plan for more room: delete old files in the tools, or give the machine a larger disk.',
  'diagnosis.disk.full': 'The disk is almost full: {free} GB left. Backups and updates may fail.',
  'diagnosis.disk.full.todo': 'Free some room now (old files, unused tools), or add disk space to the machine.',
  'diagnosis.memory.ok': '{free} GB available of {total} GB.',
  'diagnosis.memory.low': 'Little memory left: {free} GB available of {total} GB. Tools may be stopped by the system.',
  'diagnosis.memory.low.todo': 'Turn off a tool you do not use, or give the machine more memory.',
  'diagnosis.feature.healthy': 'Works.',
  'diagnosis.feature.starting': 'Starting or being updated.',
  'diagnosis.feature.starting.todo': 'Wait a few minutes, then check again.',
  'diagnosis.feature.stopped': 'Stopped by an administrator.',
  'diagnosis.feature.stopped.todo': 'Start it again from the dashboard when you need it.',
  'diagnosis.feature.unhealthy': 'Does not work right now.',
  'diagnosis.feature.unhealthy.todo':
    'Try « Restart » on the dashboard. If it stays so, copy the report and send it to whoever helps you.',
  'diagnosis.feature.unknown': 'Its state cannot be read right now.',
  'diagnosis.dns.ok': '{name} points to this server ({addresses}).',
  'diagnosis.dns.missing': '{name} does not exist yet.',
  'diagnosis.dns.missing.todo':
    'At your domain registrar, create a record of type A for {name} with the value {expected}.',
  'diagnosis.dns.elsewhere': '{name} points to {addresses}, not to this server ({expected}).',
  'diagnosis.dns.elsewhere.todo':
    'At your domain registrar, change the record of {name} to {expected}. Changes can take a few hours to be seen everywhere.',
  'diagnosis.dns.partly': '{name} points to {addresses}: only part of it is this server ({expected}).',
  'diagnosis.dns.partly.todo': 'At your domain registrar, keep only {expected} for {name}.',
  'diagnosis.dns.unverified': '{name} points to {addresses}; whether that is this server cannot be told from here.',
  'diagnosis.dns.unverified.todo':
    'If this server is behind a router, check that {addresses} is your public address (the one your Internet box shows).',
  'diagnosis.dns.failed': 'The name {name} could not be looked up right now.',
  'diagnosis.dns.failed.todo': 'Check the machine’s Internet connection, then check again.',
  'diagnosis.tls.off': 'HTTPS is handled by another server in front of this one: its certificate is not checked here.',
  'diagnosis.tls.ok': 'Valid for {days} more days (until {expiresAt}); it renews itself.',
  'diagnosis.tls.internal':
    'A certificate of this server’s own (local network name), valid for {days} more days; browsers ask to trust it once.',
  'diagnosis.tls.expiring': 'Expires in {days} days ({expiresAt}) and has not been renewed.',
  'diagnosis.tls.expiring.todo':
    'Renewal needs every address above to point to this server and ports 80 and 443 to reach it: fix those, then check again.',
  'diagnosis.tls.expired': 'Expired on {expiresAt}: browsers show a warning to everyone.',
  'diagnosis.tls.expired.todo':
    'Check that every address above points to this server and that ports 80 and 443 reach it; a new certificate is then requested by itself.',
  'diagnosis.tls.untrusted': 'Browsers do not trust the certificate of {name}.',
  'diagnosis.tls.untrusted.todo':
    'This usually means the addresses do not point here yet, or ports 80 and 443 are closed: fix the lines above, then check again.',
  'diagnosis.tls.unreachable': 'The secure address of {name} does not answer.',
  'diagnosis.tls.unreachable.todo':
    'Check on the dashboard that the tools are started, and that nothing else on the machine uses port 443.',
  'diagnosis.backup.none': 'No backup has been made yet.',
  'diagnosis.backup.none.todo': 'Start a first backup from the dashboard, « Backups » section.',
  'diagnosis.backup.ok': 'Last successful backup: {at}.',
  'diagnosis.backup.overdue': 'The last successful backup is old: {at}.',
  'diagnosis.backup.overdue.todo': 'Start a backup from the dashboard and look at why the scheduled ones did not run.',
  'diagnosis.backup.failed': 'The last backup failed.',
  'diagnosis.backup.failed.todo': 'Open the « Backups » section of the dashboard to see why, then start one again.',
  'diagnosis.backup.running': 'A first backup is under way.',

  'dnsCheck.button': 'Check',
  'dnsCheck.running': 'Checking the addresses…',
  'dnsCheck.hint': 'Looks up each address below and says whether it already points to this server.',
  'dnsCheck.allGood': 'Every address points to this server.',
};
