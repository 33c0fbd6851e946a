import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  act,
  applianceEnv,
  DOMAIN,
  jobError,
  matrixLogin,
  newChatAdminPassword,
  type Session,
  setUpHealthy,
  startAppliance,
  viaProxy,
  waitFeature,
  waitJob,
} from '../support/appliance';
import { dockerSync as docker } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import type { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();

interface MatrixEvent {
  type: string;
  sender: string;
  content: { msgtype?: string; body?: string };
}

/**
 * Backup failures told in the community's admin room on Matrix: the real manager, real Synapse behind
 * the real Caddy, a backup failed for real (pg_dump refused by Postgres), read as the chat admin.
 */
describe('backup failures in the admin room on Matrix', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let token = '';
  let roomId = '';

  const matrix = (path: string, init: { method?: string; body?: unknown } = {}) =>
    viaProxy(env.PROXY_HTTP_PORT, `matrix.${DOMAIN}`, `/_matrix/client/v3${path}`, { ...init, token });
  const room = () => encodeURIComponent(roomId);
  const noticeLog = () => server.lines.filter((l) => /Notices|Matrix/.test(l)).join('\n') || 'nothing from the notices';
  const notices = async () => {
    const page = await matrix(`/rooms/${room()}/messages?dir=b&limit=100`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    return (page.body.chunk as MatrixEvent[]).filter(
      (e) => e.type === 'm.room.message' && e.content.msgtype === 'm.notice',
    );
  };
  let polls = 0;
  /** The rooms the admin is invited to. Synapse caches identical initial syncs: each poll differs. */
  const invites = async () => {
    const filter = encodeURIComponent(JSON.stringify({ room: { timeline: { limit: ++polls } } }));
    const sync = await matrix(`/sync?timeout=0&filter=${filter}`);
    assert.equal(sync.status, 200, JSON.stringify(sync.body));
    return Object.keys((sync.body.rooms as { invite?: Record<string, unknown> } | undefined)?.invite ?? {});
  };
  const psql = async (sql: string) => {
    const postgres = (await engine.listManaged(applianceId)).find((c) => c.serviceId === 'postgres')!;
    docker('exec', postgres.id, 'psql', '--username', 'postgres', '--dbname', 'postgres', '-c', sql);
  };
  /** A real pg_dump failure (the database refuses new connections; Synapse keeps its open ones). */
  const failedBackup = async () => {
    await psql('ALTER DATABASE synapse ALLOW_CONNECTIONS false');
    try {
      const { job } = await waitJob(
        server,
        session,
        await act(server, session, '/api/backups', { services: ['chat'] }),
      );
      assert.equal(job.state, 'failed');
      assert.equal(job.error?.key, 'backupDumpFailed', jobError(job));
    } finally {
      await psql('ALTER DATABASE synapse ALLOW_CONNECTIONS true');
    }
  };

  before(async () => {
    await requireEngineAndImages();
    env = await applianceEnv();
    server = await startAppliance('notice', env);
    // The wizard's language is French (test/support/setup-payload.ts).
    ({ session, applianceId } = await setUpHealthy(server, 'chat'));
  });

  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('invites the chat admin to a private, unencrypted admin room and posts one notice in French', async () => {
    await failedBackup();
    const { password } = await newChatAdminPassword(server, session);
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    token = login.body.access_token as string;

    roomId = await eventually(
      async () => (await invites())[0],
      () => `the chat admin is invited to the admin room (log: ${noticeLog()})`,
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    const joined = await matrix(`/join/${room()}`, { method: 'POST', body: {} });
    assert.equal(joined.status, 200, JSON.stringify(joined.body));

    const [notice, ...more] = await eventually(async () => {
      const list = await notices();
      return list.length > 0 && list;
    }, 'the notice is in the room');
    assert.deepEqual(more, [], 'one notice for one failure');
    assert.equal(notice.sender, `@tiers-lieux:${DOMAIN}`);
    const body = notice.content.body ?? '';
    assert.match(body, /^La sauvegarde de La Fabrique du Coin a échoué le \d+ \S+ \d{4} à \d\d:\d\d/);
    assert.match(body, /\nRaison : la base de données synapse n’a pas pu être lue/);
    assert.match(body, /Ouvrez le tableau de bord \(http:\/\/admin\.fabrique\.test\/\), section Sauvegardes/);
    assert.doesNotMatch(body, /pg_dump|accepting connections|backupDumpFailed/, 'no technical detail');

    const name = await matrix(`/rooms/${room()}/state/m.room.name`);
    assert.equal(name.body.name, 'Administration de La Fabrique du Coin');
    const rules = await matrix(`/rooms/${room()}/state/m.room.join_rules`);
    assert.equal(rules.body.join_rule, 'invite');
    assert.equal((await matrix(`/rooms/${room()}/state/m.room.encryption`)).status, 404, 'not encrypted');
    // The admin owns the room as much as the bot: a creator in room version 12, else power level 100.
    const create = await matrix(`/rooms/${room()}/state/m.room.create`);
    const levels = await matrix(`/rooms/${room()}/state/m.room.power_levels`);
    const camille = `@camille:${DOMAIN}`;
    assert.ok(
      ((create.body.additional_creators as string[] | undefined) ?? []).includes(camille) ||
        (levels.body.users as Record<string, number>)[camille] === 100,
      JSON.stringify({ create: create.body, levels: levels.body }),
    );

    // The bot's token and the room are secrets of the manager: 0600, with the others.
    const file = join(server.dataDir, 'secrets', 'notice-bot.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { roomId: string }).roomId, roomId);
  });

  it('posts the next failure in the same room', async () => {
    await failedBackup();
    const list = await eventually(async () => {
      const found = await notices();
      return found.length >= 2 && found;
    }, 'a second notice is in the room');
    assert.equal(list.length, 2);
    assert.deepEqual(await invites(), [], 'no second room');
    // Besides the admin room, the admin is only in the community's starting rooms (« Général », « Annonces »).
    const starting = await Promise.all(
      ['general', 'annonces'].map(
        async (alias) =>
          (await matrix(`/directory/room/${encodeURIComponent(`#${alias}:${DOMAIN}`)}`)).body.room_id as string,
      ),
    );
    const joined = (await matrix('/joined_rooms')).body.joined_rooms as string[];
    assert.deepEqual([...joined].sort(), [roomId, ...starting].sort());
  });

  it('with chat stopped, a failing backup still ends failed at once and the notice is only logged', async () => {
    const stop = await waitJob(server, session, await act(server, session, '/api/features/chat/actions/stop'));
    assert.equal(stop.job.state, 'succeeded', jobError(stop.job));
    await waitFeature(server, session, 'chat', (s) => s.state === 'stopped');
    // Chat alone: its database stopped with it, so the dump fails for real (no database container).
    const { job } = await waitJob(server, session, await act(server, session, '/api/backups', { services: ['chat'] }));
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.key, 'backupDumpFailed', jobError(job));
    await eventually(
      () => server.log.includes('No notice posted in the admin room for backup (backupDumpFailed): chat is stopped'),
      'the notice that could not be posted is logged',
    );
  });
});
