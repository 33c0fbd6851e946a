import { derived, writable } from 'svelte/store';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export type { MessageKey, Messages } from './en';
export { hasMessage } from './keys';
export type Locale = 'fr' | 'en';
export type Params = Record<string, string | number>;
/** A message to show later, in whatever language is active by then. */
export interface Message {
  key: MessageKey;
  params?: Params;
}
export type Translate = (key: MessageKey, params?: Params) => string;

export const LOCALES: readonly Locale[] = ['fr', 'en'];
const dictionaries: Record<Locale, Messages> = { fr, en };
const STORAGE_KEY = 'tl_locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** The language explicitly chosen on this browser, else the browser's own: French if it starts with "fr". */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be disabled; the browser language is a fine default.
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const locale = writable<Locale>(initialLocale());

locale.subscribe((value) => {
  document.documentElement.lang = value;
});

/** Switch the language everywhere and remember the choice on this browser. */
export function setLocale(value: Locale): void {
  locale.set(value);
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
}

export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `$t('key', { param })` in components; re-renders when the language changes. */
export const t = derived(
  locale,
  (lang): Translate =>
    (key, params) =>
      translate(lang, key, params),
);
