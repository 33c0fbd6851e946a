import { roomAliasLocalpart } from '../catalog/synapse.sso';

/** A starting room: its display name and its local alias. */
export interface StartingRoom {
  name: string;
  localpart: string;
  alias: string;
  /** Only the admins post (members read). */
  announcements: boolean;
}

/**
 * The starting rooms when the wizard was given none (setups made before the choice existed, and API
 * clients that leave the field out): what every community had until then.
 */
export const DEFAULT_ROOM_NAMES: readonly string[] = ['Général', 'Annonces'];
/** At most this many rooms (the wizard offers four suggestions and three names of one's own). */
export const MAX_STARTING_ROOMS = 8;
export const ROOM_NAME_MAX_LENGTH = 40;
/** Rooms with these aliases are announcement rooms: the admins post, members read and react. */
const ANNOUNCEMENT_LOCALPARTS: readonly string[] = ['annonces', 'announcements'];

/** The alias localpart of a room name, or undefined when none can be made (`!!!`). Pure. */
export function aliasOf(name: string): string | undefined {
  try {
    return roomAliasLocalpart(name);
  } catch {
    return undefined;
  }
}

/** Whether no two names give the same alias (`Général` and `general` do). Linear; pure. */
export function distinctAliases(names: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const name of names) {
    const alias = aliasOf(name);
    if (alias === undefined) continue;
    if (seen.has(alias)) return false;
    seen.add(alias);
  }
  return true;
}

/** The stored choice (a JSON list of names, or null for the default list), read back. Pure. */
export function storedRoomNames(stored: string | null | undefined): readonly string[] {
  if (!stored) return DEFAULT_ROOM_NAMES;
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === 'string'))
    throw new TypeError('the stored starting rooms are not a list of names');
  return parsed;
}

/**
 * The community's starting Matrix rooms, made by the chat admin once chat is up, which every new
 * account joins (Synapse `auto_join_rooms`): the names chosen in the wizard (`Général` →
 * `#general:<domain>`), in order. Pure.
 */
export function startingRooms(domain: string, names: readonly string[] = DEFAULT_ROOM_NAMES): StartingRoom[] {
  return names.map((name) => {
    const localpart = roomAliasLocalpart(name);
    return {
      name,
      localpart,
      alias: `#${localpart}:${domain}`,
      announcements: ANNOUNCEMENT_LOCALPARTS.includes(localpart),
    };
  });
}
