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
 * The community's starting Matrix rooms, made by the chat admin once chat is up, which every new
 * account joins (Synapse `auto_join_rooms`). A fixed list for now; the wizard's choice comes later.
 */
export const STARTING_ROOMS: ReadonlyArray<{ name: string; announcements: boolean }> = [
  { name: 'Général', announcements: false },
  { name: 'Annonces', announcements: true },
];

/** Every starting room with its alias on `domain` (`Général` → `#general:<domain>`), in order. Pure. */
export function startingRooms(domain: string): StartingRoom[] {
  return STARTING_ROOMS.map(({ name, announcements }) => {
    const localpart = roomAliasLocalpart(name);
    return { name, localpart, alias: `#${localpart}:${domain}`, announcements };
  });
}
