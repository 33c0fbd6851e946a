import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AdminNotice,
  composeNotice,
  fill,
  formatWhen,
  type NoticeContext,
  roomTexts,
} from './admin-notice.messages';

const AT = new Date('2026-11-30T02:05:00.000Z');
const context = (language: 'fr' | 'en'): NoticeContext => ({
  language,
  communityName: 'La Fabrique du Coin',
  dashboardUrl: 'https://admin.fabrique.example.org/',
  timeZone: 'Europe/Paris',
});
const dumpFailed: AdminNotice = {
  operation: 'backup',
  key: 'backupDumpFailed',
  params: { service: 'synapse', database: 'synapse' },
  at: AT,
};

describe('admin room notices', () => {
  it('tells a failed backup in French: what, when (the server’s time zone), why, where to look', () => {
    assert.equal(
      composeNotice(dumpFailed, context('fr')),
      [
        'La sauvegarde de La Fabrique du Coin a échoué le 30 novembre 2026 à 03:05 (Europe/Paris).',
        'Raison : la base de données synapse n’a pas pu être lue ; les sauvegardes précédentes sont intactes.',
        'Ouvrez le tableau de bord (https://admin.fabrique.example.org/), section Sauvegardes, pour les détails et pour réessayer.',
      ].join('\n'),
    );
  });

  it('tells the same failure in English', () => {
    assert.equal(
      composeNotice(dumpFailed, context('en')),
      [
        'The backup of La Fabrique du Coin failed on 30 November 2026 at 03:05 (Europe/Paris).',
        'Reason: the synapse database could not be read; earlier backups are untouched.',
        'Open the dashboard (https://admin.fabrique.example.org/), Backups section, for the details and to try again.',
      ].join('\n'),
    );
  });

  it('names the operation: a failed check and a failed retention run', () => {
    const check = composeNotice(
      { operation: 'backupCheck', key: 'backupTimeout', params: { seconds: 600 }, at: AT },
      context('fr'),
    );
    assert.match(check, /^La vérification des sauvegardes de La Fabrique du Coin a échoué le 30 novembre 2026/);
    assert.match(check, /\nRaison : le stockage des sauvegardes ne répondait plus\.\n/);
    const forget = composeNotice(
      { operation: 'backupForget', key: 'backupForgetFailed', params: {}, at: AT },
      context('en'),
    );
    assert.match(forget, /^Removing the old backups of La Fabrique du Coin failed on 30 November 2026 at 03:05/);
    assert.match(forget, /\nReason: the old backups could not be removed\.\n/);
  });

  it('says something short for a key it does not know, never the key or a detail', () => {
    const text = composeNotice(
      { operation: 'backup', key: 'somethingNew', params: { detail: 'x' }, at: AT },
      context('fr'),
    );
    assert.match(text, /\nRaison : un problème inattendu est survenu\.\n/);
    assert.doesNotMatch(text, /somethingNew/);
    // A key from the prototype chain is not a reason.
    const odd = composeNotice({ operation: 'backup', key: 'constructor', params: {}, at: AT }, context('en'));
    assert.match(odd, /\nReason: something unexpected went wrong\.\n/);
  });

  it('fills known parameters once and leaves unknown ones visible', () => {
    assert.equal(fill('{a} and {b}', { a: '{b}' }), '{b} and {b}');
    assert.equal(fill('{n} points', { n: 3 }), '3 points');
  });

  it('writes the time in the given zone, with the 24-hour clock', () => {
    assert.equal(formatWhen(new Date('2026-07-01T21:30:00Z'), 'en', 'UTC'), 'on 1 July 2026 at 21:30 (UTC)');
    assert.equal(
      formatWhen(new Date('2026-07-01T21:30:00Z'), 'fr', 'Europe/Paris'),
      'le 1 juillet 2026 à 23:30 (Europe/Paris)',
    );
  });

  it('names the room for the community’s administration', () => {
    assert.deepEqual(roomTexts('fr', 'La Fabrique du Coin').name, 'Administration de La Fabrique du Coin');
    assert.deepEqual(roomTexts('en', 'La Fabrique du Coin').name, 'La Fabrique du Coin administration');
  });
});
