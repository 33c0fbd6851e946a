/** English messages of the chat's starting rooms, chosen in the wizard (issue 11). */
export const enRooms = {
  'wizard.rooms.title': 'Chat: starting rooms',
  'wizard.rooms.intro':
    'Every new member joins these rooms. They are made by the chat admin; you can add others later.',
  'wizard.rooms.announcements': 'Only admins post here; members read and react.',
  'wizard.rooms.custom': 'Another room (optional, {n})',
  'wizard.rooms.tooLong': 'Use at most {max} characters.',
  'wizard.rooms.noAlias': 'Use at least one letter or digit.',
  'wizard.rooms.duplicate': 'Another room already has this name (accents and capitals aside).',
  'wizard.rooms.review': 'Chat rooms',
} as const;
