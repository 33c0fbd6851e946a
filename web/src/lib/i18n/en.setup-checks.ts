/** English messages of the wizard's checks: the token, the DNS records and the pre-flight (issue 14). */
export const enSetupChecks = {
  'wizard.token.help':
    'Lost it? On the server, one of these commands shows it (replace tiers-lieux with the name given to docker run --name):',
  'wizard.token.fromLog': 'In the server log:',
  'wizard.token.fromCli': 'Or ask the server:',
  'wizard.token.checking': 'Checking the token…',
  'wizard.token.tooMany': 'Too many wrong tokens. Wait {seconds} seconds, then try again.',
  'wizard.domain.notHost': 'Use a name without spaces, only letters, digits, dots and hyphens.',
  'wizard.domain.noDot': 'A domain name has at least one dot, for example tiers-lieu.example.org.',
  'wizard.domain.fromUrl': 'Kept from the address you pasted: {domain}',
  'wizard.dns.title': 'DNS records to create',
  'wizard.dns.intro':
    'At your domain name provider, create these records, each pointing to {address}. They are for the services chosen at step 6; the list follows your choice.',
  'wizard.dns.thisServer': 'the public address of this server',
  'wizard.dns.name': 'Name',
  'wizard.dns.type': 'Type',
  'wizard.dns.value': 'Value',
  'wizard.dns.unavailable': 'The list of records could not be loaded: {reason}',
  'preflight.title': 'Before installing',
  'preflight.running': 'Checking this server…',
  'preflight.retry': 'Check again',
  'preflight.failedLoad': 'The checks could not be run: {reason}',
  'preflight.status.ok': 'OK',
  'preflight.status.warning': 'Warning',
  'preflight.status.failed': 'Problem',
  'preflight.status.unknown': 'Cannot tell',
  'preflight.engine.ok': 'The Docker engine answers.',
  'preflight.engine.unreachable':
    'The Docker engine does not answer at {socket}. Start the server with the engine socket mounted (-v /var/run/docker.sock:/var/run/docker.sock), then restart it.',
  'preflight.disk.ok': '{freeGib} GB free on the data disk.',
  'preflight.disk.warning':
    'Only {freeGib} GB free on the data disk: enough to install, but files and backups will soon fill it.',
  'preflight.disk.full': 'Only {freeGib} GB free on the data disk; installing needs at least {neededGib} GB.',
  'preflight.memory.ok': 'Enough memory for the chosen services (about {neededMb} MB of {totalMb} MB).',
  'preflight.memory.warning':
    'The chosen services may use up to {neededMb} MB, this server has {totalMb} MB: they will be slow or restart. Choose fewer services, or a bigger machine.',
  'preflight.memory.arch':
    'This machine ({arch}) is not supported: the services exist for 64-bit x86 and 64-bit ARM only.',
  'preflight.ports.noContainer':
    'No other Docker service uses ports {http} and {https}. A program installed outside Docker could still use them: this cannot be told from here.',
  'preflight.ports.noEngine': 'Cannot tell whether ports {http} and {https} are free without the Docker engine.',
  'preflight.ports.taken': 'Port(s) {ports} are already used by: {containers}. Stop them before installing.',
  'preflight.blocked': 'Installing is not possible yet: {reason}',
  'preflight.plan.title': 'What will happen',
  'preflight.plan.intro':
    'The server downloads and starts each service in the background; you can follow it on the dashboard.',
  'preflight.plan.base': 'The web front and the database: about {minutes} min',
  'preflight.plan.chat': 'Chat: about {minutes} min',
  'preflight.plan.pad': 'Pad: about {minutes} min',
  'preflight.plan.files': 'Files: about {minutes} min',
  'preflight.plan.none': 'No service to install: the dashboard is ready at once.',
  'preflight.plan.total': 'About {minutes} minutes in all, depending on the connection.',
  'wizard.errorSummary': 'Please correct: {count} problem(s) on this step.',
} as const;
