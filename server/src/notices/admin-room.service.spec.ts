import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SecretsRepository } from '../secrets/secrets.repository';
import { ServiceHttpError, type ServiceHttpRepository } from '../services/service-http.repository';
import { AdminRoomService, type ChatEndpoint, staleRecord } from './admin-room.service';
import { transient } from './admin-notice.service';

type Call = { path: string; method: string; body?: Record<string, unknown>; bearer?: string };
type Answer = (call: Call) => unknown;

const CHAT: ChatEndpoint = { address: '10.0.0.5', serverName: 'example.org', registrationSecret: 'shared' };
const ROOM = { name: 'Administration de La Fabrique', topic: 'Messages automatiques' };
const refused = (status: number, errcode: string) =>
  new ServiceHttpError(`answered ${status}`, status, JSON.stringify({ errcode }));

/** Rooms made by every fake of a test, numbered from 1. */
let rooms = 0;

/** Synapse's registration, admin and client APIs as far as the room service uses them; `answers` overrides. */
function fakeSynapse(answers: Array<[RegExp, Answer]> = []) {
  const calls: Call[] = [];
  const http = {
    json: (url: string, init: { method?: string; body?: string; bearer?: string } = {}) => {
      const call: Call = {
        path: url.replace('http://10.0.0.5:8008', ''),
        method: init.method ?? 'GET',
        body: init.body ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
        bearer: init.bearer,
      };
      calls.push(call);
      const override = answers.find(([pattern]) => pattern.test(`${call.method} ${call.path}`));
      if (override) {
        answers.splice(answers.indexOf(override), 1);
        const answer = override[1](call);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      }
      if (call.method === 'GET') return Promise.resolve({ nonce: 'n1' });
      if (call.path.endsWith('/register')) return Promise.resolve({ access_token: 'bot_token' });
      if (call.path.endsWith('/createRoom')) return Promise.resolve({ room_id: `!room${++rooms}:example.org` });
      return Promise.resolve({});
    },
  };
  return { calls, http: http as unknown as ServiceHttpRepository };
}

describe('AdminRoomService', () => {
  let dataDir: string;
  let secrets: SecretsRepository;

  beforeEach(() => {
    rooms = 0;
    dataDir = mkdtempSync(join(tmpdir(), 'tl-admin-room-'));
    secrets = new SecretsRepository(new DataDirRepository(dataDir));
    secrets.saveMatrixAdmin({ username: 'camille', userId: '@camille:example.org', accessToken: 'admin_token' });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers a non-admin bot, makes an invite-only unencrypted room with the chat admin, posts an m.notice', async () => {
    const synapse = fakeSynapse();
    await new AdminRoomService(secrets, synapse.http).post(CHAT, ROOM, 'La sauvegarde a échoué.', 'tl-1');
    assert.deepEqual(
      synapse.calls.map((c) => `${c.method} ${c.path}`),
      [
        'GET /_synapse/admin/v1/register',
        'POST /_synapse/admin/v1/register',
        'POST /_matrix/client/v3/createRoom',
        'PUT /_matrix/client/v3/rooms/!room1%3Aexample.org/send/m.room.message/tl-1',
      ],
    );
    const [, register, create, send] = synapse.calls;
    assert.equal(register.body?.username, 'tiers-lieux');
    assert.equal(register.body?.admin, false);
    assert.equal(create.bearer, 'bot_token');
    assert.equal(create.body?.preset, 'trusted_private_chat');
    assert.deepEqual(create.body?.invite, ['@camille:example.org']);
    assert.equal(create.body?.name, ROOM.name);
    assert.equal(create.body?.initial_state, undefined, 'no encryption: the bot has no keys');
    assert.deepEqual(send.body, { msgtype: 'm.notice', body: 'La sauvegarde a échoué.' });
    assert.deepEqual(secrets.noticeBot(), {
      userId: '@tiers-lieux:example.org',
      accessToken: 'bot_token',
      roomId: '!room1:example.org',
      invited: ['@camille:example.org'],
    });
    assert.equal(statSync(join(dataDir, 'secrets', 'notice-bot.json')).mode & 0o777, 0o600);
  });

  it('posts the next notice straight into the known room', async () => {
    const service = new AdminRoomService(secrets, fakeSynapse().http);
    await service.post(CHAT, ROOM, 'first', 'tl-1');
    const synapse = fakeSynapse();
    await new AdminRoomService(secrets, synapse.http).post(CHAT, ROOM, 'second', 'tl-2');
    assert.deepEqual(
      synapse.calls.map((c) => c.method),
      ['PUT'],
    );
  });

  it('invites a chat admin registered after the room was made', async () => {
    secrets.saveMatrixAdmin({ username: 'camille' });
    await new AdminRoomService(secrets, fakeSynapse().http).post(CHAT, ROOM, 'first', 'tl-1');
    secrets.saveMatrixAdmin({ username: 'camille', userId: '@camille:example.org', accessToken: 'admin_token' });
    const synapse = fakeSynapse();
    await new AdminRoomService(secrets, synapse.http).post(CHAT, ROOM, 'second', 'tl-2');
    assert.deepEqual(
      synapse.calls.map((c) => `${c.method} ${c.path}`),
      [
        'POST /_matrix/client/v3/rooms/!room1%3Aexample.org/invite',
        'PUT /_matrix/client/v3/rooms/!room1%3Aexample.org/send/m.room.message/tl-2',
      ],
    );
    assert.deepEqual(synapse.calls[0].body, { user_id: '@camille:example.org' });
  });

  it('gets the bot a new token through the admin API when Synapse forgot it (a restored database)', async () => {
    await new AdminRoomService(secrets, fakeSynapse().http).post(CHAT, ROOM, 'first', 'tl-1');
    const synapse = fakeSynapse([
      [/^PUT /, () => refused(401, 'M_UNKNOWN_TOKEN')],
      [/^POST .*\/register$/, () => refused(400, 'M_USER_IN_USE')],
      [/\/login$/, () => ({ access_token: 'new_token' })],
    ]);
    await new AdminRoomService(secrets, synapse.http).post(CHAT, ROOM, 'second', 'tl-2');
    const login = synapse.calls.find((c) => c.path.endsWith('/login'))!;
    assert.equal(login.path, '/_synapse/admin/v1/users/%40tiers-lieux%3Aexample.org/login');
    assert.equal(login.bearer, 'admin_token');
    const last = synapse.calls.at(-1)!;
    assert.equal(last.method, 'PUT');
    assert.equal(last.bearer, 'new_token');
    assert.match(last.path, /rooms\/!room1%3Aexample.org\/send\/m.room.message\/tl-2$/, 'the same room');
  });

  it('makes the room again when the bot is no longer in it, once', async () => {
    await new AdminRoomService(secrets, fakeSynapse().http).post(CHAT, ROOM, 'first', 'tl-1');
    const synapse = fakeSynapse([[/^PUT /, () => refused(403, 'M_FORBIDDEN')]]);
    await new AdminRoomService(secrets, synapse.http).post(CHAT, ROOM, 'second', 'tl-2');
    assert.deepEqual(
      synapse.calls.map((c) => c.method),
      ['PUT', 'POST', 'PUT'],
    );
    assert.equal(secrets.noticeBot()?.roomId, '!room2:example.org');
    assert.match(synapse.calls[2].path, /rooms\/!room2%3Aexample.org\/send/);
    const always = fakeSynapse([
      [/^PUT /, () => refused(403, 'M_FORBIDDEN')],
      [/^PUT /, () => refused(403, 'M_FORBIDDEN')],
    ]);
    await assert.rejects(new AdminRoomService(secrets, always.http).post(CHAT, ROOM, 'third', 'tl-3'));
  });

  it('tells a stale token or room from other refusals, and what is worth trying again', () => {
    assert.equal(staleRecord(refused(401, 'M_UNKNOWN_TOKEN')), 'token');
    assert.equal(staleRecord(refused(403, 'M_FORBIDDEN')), 'room');
    assert.equal(staleRecord(refused(400, 'M_BAD_JSON')), undefined);
    assert.equal(staleRecord(new Error('engine')), undefined);
    assert.equal(transient(new ServiceHttpError('unreachable', undefined, '')), true);
    assert.equal(transient(refused(502, 'M_UNKNOWN')), true);
    assert.equal(transient(refused(429, 'M_LIMIT_EXCEEDED')), true);
    assert.equal(transient(refused(400, 'M_BAD_JSON')), false);
  });
});
