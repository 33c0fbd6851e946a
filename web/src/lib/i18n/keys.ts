import { en, type MessageKey } from './en';

/** Whether `key` has a text: for keys that come from the server (job results and errors). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
