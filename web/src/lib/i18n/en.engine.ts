/** English messages for an unreachable Docker engine (the banner, the cards, the logs) and the health reasons. */
export const enEngine = {
  'error.engineUnreachable':
    'The service manager cannot reach Docker right now; nothing was changed. See the notice at the top of the page.',
  'jobs.error.engineUnreachable':
    'The service manager could not reach Docker, so this could not be done. Nothing else was changed.',
  'system.reason.engineUnreachable': 'The service manager cannot reach Docker.',
  'system.reason.noAnswer': 'No answer within {seconds} s.',
  'system.reason.failed': 'This check failed.',
  'engine.banner.title': 'The service manager cannot reach Docker',
  'engine.banner.body':
    'Your tools cannot be installed, started, updated or backed up until it can. The data already saved is safe.',
  'engine.banner.mount':
    'Most often the manager was started without access to Docker. Add this option to your docker run command:',
  'engine.banner.restart':
    'Then stop and remove the manager (docker stop, docker rm) and start it again with that option; your data stays in its volume. If Docker itself is stopped, start it (for example: sudo systemctl start docker).',
  'engine.banner.retry': 'Check again',
  'engine.banner.checking': 'Checking…',
  'engine.featureUnavailable': 'Unavailable while Docker cannot be reached',
  'engine.actionsDisabled': 'These actions wait until the service manager can reach Docker again.',
  'engine.logsUnavailable':
    'The logs cannot be read while the service manager cannot reach Docker. Try again once the notice at the top of the page is gone.',
  'engine.logsRetry': 'Try again',
};
