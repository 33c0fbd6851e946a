import type { enRooms } from './en.rooms';

/** Messages en français des salons de départ du chat, choisis dans l'assistant (issue 11). */
export const frRooms: Record<keyof typeof enRooms, string> = {
  'wizard.rooms.title': 'Chat : salons de départ',
  'wizard.rooms.intro':
    'Chaque nouveau membre rejoint ces salons. Ils sont créés par l’administrateur du chat ; vous pourrez en ajouter d’autres ensuite.',
  'wizard.rooms.announcements': 'Seuls les administrateurs y écrivent ; les membres lisent et réagissent.',
  'wizard.rooms.custom': 'Autre salon (facultatif, {n})',
  'wizard.rooms.tooLong': 'Utilisez au plus {max} caractères.',
  'wizard.rooms.noAlias': 'Utilisez au moins une lettre ou un chiffre.',
  'wizard.rooms.duplicate': 'Un autre salon porte déjà ce nom (aux accents et majuscules près).',
  'wizard.rooms.review': 'Salons du chat',
};
