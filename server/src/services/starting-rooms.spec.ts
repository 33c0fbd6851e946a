import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aliasOf, DEFAULT_ROOM_NAMES, distinctAliases, startingRooms, storedRoomNames } from './starting-rooms';

describe('starting rooms chosen in the wizard', () => {
  it('keeps Général and Annonces when nothing was chosen (older setups, clients without the field)', () => {
    assert.deepEqual(storedRoomNames(null), DEFAULT_ROOM_NAMES);
    assert.deepEqual(
      startingRooms('example.org', storedRoomNames(null)).map((r) => r.alias),
      ['#general:example.org', '#annonces:example.org'],
    );
  });

  it('reads back the stored names in order, and an empty choice as no room', () => {
    assert.deepEqual(storedRoomNames('["Entraide","Général"]'), ['Entraide', 'Général']);
    assert.deepEqual(storedRoomNames('[]'), []);
    assert.throws(() => storedRoomNames('{"a":1}'), TypeError);
  });

  it('gives each name an alias on our server; Annonces and Announcements are for the admins to post in', () => {
    assert.deepEqual(
      startingRooms('example.org', ['Événements', 'Announcements', 'Annonces', 'Café & Co']).map((r) => [
        r.alias,
        r.announcements,
      ]),
      [
        ['#evenements:example.org', false],
        ['#announcements:example.org', true],
        ['#annonces:example.org', true],
        ['#cafe-co:example.org', false],
      ],
    );
  });

  it('finds names that would share an alias, and names that give none', () => {
    assert.equal(distinctAliases(['Général', 'Entraide']), true);
    assert.equal(distinctAliases(['Général', 'GENERAL']), false);
    assert.equal(distinctAliases(['Café & co', 'cafe co']), false);
    assert.equal(aliasOf('!!!'), undefined);
    assert.equal(aliasOf('Entr\u2019aide'), 'entr-aide');
  });
});
