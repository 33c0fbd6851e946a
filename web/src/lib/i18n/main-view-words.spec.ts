import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en';
import { fr } from './fr';

/**
 * Issue 14: the dashboard and the wizard speak plainly. These are their sections of the dictionaries
 * (the account pages, the portal and the member's own page are not the main view).
 */
const MAIN_VIEW = [
  'app',
  'wizard',
  'setup',
  'recovery',
  'dashboard',
  'system',
  'features',
  'feature',
  'disable',
  'logs',
  'jobs',
  'selfUpdate',
  'admins',
  'invite',
  'pending',
  'manage',
  'members',
  'backups',
  'restoreOffsite',
  'chatAdmin',
  'mail',
  'federation',
  'fleet',
  'imageTrust',
  'title',
  'error',
  'validation',
];

/** Developer words for what a volunteer calls « le serveur », « les services », « les tâches ». */
const FORBIDDEN: Record<'fr' | 'en', RegExp[]> = {
  fr: [/\bappliances?\b/i, /\bconteneurs?\b/i, /\bjobs?\b/i, /file de tâches/i, /moteur docker/i],
  en: [/\bappliances?\b/i, /\bcontainers?\b/i, /\bjobs?\b/i, /\b(job|task) queue\b/i, /docker engine/i],
};

/** Text shown under « Détails techniques » may name things as the engine does: `<…>.technical.<…>` or `<…>.details`. */
const technical = (key: string) => key.split('.').some((part) => part === 'technical' || part === 'details');

function offending(messages: Record<string, string>, words: RegExp[]): string[] {
  return Object.entries(messages)
    .filter(([key]) => MAIN_VIEW.includes(key.split('.')[0]) && !technical(key))
    .filter(([, text]) => words.some((word) => word.test(text)))
    .map(([key, text]) => `${key}: ${text}`);
}

describe('plain words in the main view (dashboard and wizard)', () => {
  it('has no « appliance », « conteneur », « job », « File de tâches » or « Moteur Docker » in French', () => {
    assert.deepEqual(offending(fr, FORBIDDEN.fr), []);
  });

  it('has no "appliance", "container", "job", "task queue" or "Docker engine" in English', () => {
    assert.deepEqual(offending(en, FORBIDDEN.en), []);
  });

  it('checks the words it claims to (a jargon text in a main-view section is caught)', () => {
    assert.deepEqual(offending({ 'system.queue': 'File de tâches' }, FORBIDDEN.fr), ['system.queue: File de tâches']);
    assert.deepEqual(offending({ 'system.docker': 'Docker engine' }, FORBIDDEN.en), ['system.docker: Docker engine']);
    assert.deepEqual(offending({ 'jobs.technical.reason': 'container exited' }, FORBIDDEN.en), []);
    assert.deepEqual(offending({ 'login.title': 'Les conteneurs' }, FORBIDDEN.fr), []);
  });

  it('covers sections that exist in the dictionaries', () => {
    const sections = new Set(Object.keys(en).map((key) => key.split('.')[0]));
    for (const section of ['wizard', 'dashboard', 'system', 'jobs', 'features'])
      assert.ok(sections.has(section), section);
  });
});
