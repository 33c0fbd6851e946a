/** English messages of the dashboard's first-run checklist. */
export const enFirstSteps = {
  'firstSteps.title': 'And now?',
  'firstSteps.intro': 'A few steps to get your community going. Each one ticks itself once it is done.',
  'firstSteps.done': 'Done',
  'firstSteps.todo': 'To do',
  'firstSteps.domainReached': 'Your domain points to this server and the secure address (HTTPS) works',
  'firstSteps.domainReachedHint':
    'Create the DNS records of your domain at your registrar, then open this dashboard at https://{domain}.',
  'firstSteps.featureRunning': 'At least one tool is installed and running',
  'firstSteps.featureRunningHint': 'Turn on the chat, the pad or the files in « {section} ».',
  'firstSteps.peopleInvited': 'An invitation was made or a member joined',
  'firstSteps.peopleInvitedHint':
    'Create an invitation link in « {section} » and send it to the people of your community.',
  'firstSteps.backedUp': 'A first backup was made',
  'firstSteps.backedUpHint': 'Press « {action} » in « {section} ».',
  'firstSteps.dismiss': 'Hide this list',
  'firstSteps.dismissHint': 'Hidden for every administrator of this community.',
};
