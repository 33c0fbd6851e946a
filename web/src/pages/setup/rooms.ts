import type { Problem } from '../../lib/errors';
import type { Locale } from '../../lib/i18n';

/** The chat's suggested starting rooms; the first two are ticked, as the server's default list. */
export const ROOM_SUGGESTIONS = [
  { id: 'general', names: { fr: 'Général', en: 'General' }, ticked: true },
  { id: 'announcements', names: { fr: 'Annonces', en: 'Announcements' }, ticked: true },
  { id: 'help', names: { fr: 'Entraide', en: 'Mutual help' }, ticked: false },
  { id: 'events', names: { fr: 'Événements', en: 'Events' }, ticked: false },
] as const;
export type RoomSuggestion = (typeof ROOM_SUGGESTIONS)[number]['id'];
/** Names of one's own, besides the suggestions. */
export const CUSTOM_ROOMS = 3;
export const ROOM_NAME_MAX_LENGTH = 40;

/** The Matrix alias a name gives (`Général` → `general`), as the server makes it; '' when none. */
export function roomAlias(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._=-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The names sent: the ticked suggestions in the wizard's language, then the filled-in names of one's own. */
export function roomNames(ticked: readonly string[], custom: readonly string[], language: Locale): string[] {
  const suggested = ROOM_SUGGESTIONS.filter((s) => ticked.includes(s.id)).map((s) => s.names[language]);
  return [...suggested, ...custom.map((name) => name.trim()).filter(Boolean)];
}

/**
 * Problems of the names of one's own, keyed `rooms.<index>`: too long, no letter or digit, or the same
 * alias as a ticked suggestion or an earlier name (the server would refuse the whole list).
 */
export function checkCustomRooms(
  ticked: readonly string[],
  custom: readonly string[],
  language: Locale,
): Record<string, Problem | undefined> {
  const taken = new Set(roomNames(ticked, [], language).map(roomAlias));
  return Object.fromEntries(
    custom.map((raw, index) => {
      const name = raw.trim();
      const alias = roomAlias(name);
      let problem: Problem | undefined;
      if (!name) problem = undefined;
      else if (name.length > ROOM_NAME_MAX_LENGTH)
        problem = { key: 'wizard.rooms.tooLong', params: { max: ROOM_NAME_MAX_LENGTH } };
      else if (!alias) problem = { key: 'wizard.rooms.noAlias' };
      else if (taken.has(alias)) problem = { key: 'wizard.rooms.duplicate' };
      if (alias) taken.add(alias);
      return [`rooms.${index}`, problem];
    }),
  );
}
