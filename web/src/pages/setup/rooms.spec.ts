import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCustomRooms, roomAlias, roomNames } from './rooms';

describe('wizard: the chat starting rooms', () => {
  it('sends the ticked suggestions in the wizard language, then the names filled in', () => {
    assert.deepEqual(roomNames(['general', 'announcements'], ['', ''], 'fr'), ['Général', 'Annonces']);
    assert.deepEqual(roomNames(['events', 'general'], [' Café ', ''], 'en'), ['General', 'Events', 'Café']);
  });

  it('makes the aliases the server makes', () => {
    assert.equal(roomAlias('Général'), 'general');
    assert.equal(roomAlias('Café & Co'), 'cafe-co');
    assert.equal(roomAlias('!!!'), '');
  });

  it('flags a name of one own that is too long, alias-less, or taken by a suggestion or an earlier name', () => {
    const problems = checkCustomRooms(['general'], ['GENERAL', 'x'.repeat(41), '???', 'Atelier', 'atelier', ''], 'fr');
    assert.deepEqual(Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problem?.key])), {
      'rooms.0': 'wizard.rooms.duplicate',
      'rooms.1': 'wizard.rooms.tooLong',
      'rooms.2': 'wizard.rooms.noAlias',
      'rooms.3': undefined,
      'rooms.4': 'wizard.rooms.duplicate',
      'rooms.5': undefined,
    });
  });
});
