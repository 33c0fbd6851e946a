import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { synapseSsoSettings } from '../catalog/synapse.sso';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { membersRenderInput } from '../oidc/oidc-clients';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SecretsRepository } from '../secrets/secrets.repository';
import { MatrixRoomsService } from './matrix-rooms.service';
import { recordingHttp } from './service-http.fixtures.spec';
import { ServiceHttpError } from './service-http.repository';
import { startingRooms } from './starting-rooms';

/** Synapse's room directory and createRoom, with the aliases that exist already. */
function fakeSynapse(existing: string[] = [], inUse: string[] = []) {
  return recordingHttp(({ url, method, body }) => {
    if (method === 'GET') {
      const alias = decodeURIComponent(url.split('/directory/room/')[1]);
      return existing.includes(alias)
        ? Promise.resolve({ room_id: '!old:example.org' })
        : Promise.reject(new ServiceHttpError('404', 404, '{"errcode":"M_NOT_FOUND"}'));
    }
    if (inUse.includes(String(body?.room_alias_name)))
      return Promise.reject(new ServiceHttpError('400', 400, '{"errcode":"M_ROOM_IN_USE"}'));
    return Promise.resolve({ room_id: `!${String(body?.room_alias_name)}:example.org` });
  });
}

describe('starting rooms', () => {
  it('are Général and Annonces, with Matrix-safe aliases on our server', () => {
    assert.deepEqual(
      startingRooms('example.org').map((r) => [r.name, r.alias, r.announcements]),
      [
        ['Général', '#general:example.org', false],
        ['Annonces', '#annonces:example.org', true],
      ],
    );
  });

  it("are what Synapse's auto_join_rooms lists once chat signs members in", () => {
    const aliases = startingRooms('example.org').map((r) => r.alias);
    const members = membersRenderInput({
      features: ['chat'],
      issuer: 'https://example.org/oidc',
      domain: 'example.org',
      secrets: { synapse: 'a', hedgedoc: 'b', nextcloud: 'c' },
      autoJoinRooms: aliases,
    });
    assert.deepEqual(synapseSsoSettings({ ...testContext(), members }).auto_join_rooms, aliases);
  });
});

describe('MatrixRoomsService', () => {
  let dataDir: string;
  let secrets: SecretsRepository;
  const rooms = startingRooms('example.org');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tl-matrix-rooms-'));
    secrets = new SecretsRepository(new DataDirRepository(dataDir));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('needs nothing without the admin token (nobody could make the rooms)', () => {
    const service = new MatrixRoomsService(secrets, fakeSynapse().http);
    assert.equal(service.needed(rooms), false);
    secrets.saveMatrixAdmin({ username: 'camille', taken: true });
    assert.equal(service.needed(rooms), false);
  });

  it('makes the missing rooms as the chat admin, once, and leaves an existing one alone', async () => {
    secrets.saveMatrixAdmin({ username: 'camille', userId: '@camille:example.org', accessToken: 'syt_admin' });
    const synapse = fakeSynapse(['#general:example.org']);
    const service = new MatrixRoomsService(secrets, synapse.http);
    assert.equal(service.needed(rooms), true);
    await service.ensure('10.0.0.5', rooms);
    const created = synapse.calls.filter((c) => c.method === 'POST');
    assert.equal(created.length, 1);
    assert.equal(created[0].url, 'http://10.0.0.5:8008/_matrix/client/v3/createRoom');
    assert.equal(created[0].bearer, 'syt_admin');
    assert.deepEqual(created[0].body, {
      preset: 'public_chat',
      visibility: 'private',
      room_alias_name: 'annonces',
      name: 'Annonces',
      power_level_content_override: { events_default: 50 },
    });
    assert.deepEqual(secrets.matrixAdmin()?.rooms, ['#general:example.org', '#annonces:example.org']);
    assert.equal(secrets.matrixAdmin()?.accessToken, 'syt_admin');
    assert.equal(service.needed(rooms), false);
    const before = synapse.calls.length;
    await service.ensure('10.0.0.5', rooms);
    assert.equal(synapse.calls.length, before, 'no call once both are known');
  });

  it('takes an alias made meanwhile (M_ROOM_IN_USE) as done', async () => {
    secrets.saveMatrixAdmin({ username: 'camille', userId: '@camille:example.org', accessToken: 't' });
    const service = new MatrixRoomsService(secrets, fakeSynapse([], ['general']).http);
    await service.ensure('10.0.0.5', rooms);
    assert.deepEqual(secrets.matrixAdmin()?.rooms, ['#general:example.org', '#annonces:example.org']);
  });
});
