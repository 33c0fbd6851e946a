import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { SECRET_KEYS } from '../../server/src/catalog/catalog.types';
import {
  ADMIN_PASSWORD,
  applianceEnv,
  applianceIdOf,
  completeSetup,
  matrixLogin,
  newChatAdminPassword,
  type Session,
  startAppliance,
  waitFeature,
} from '../support/appliance';
import { docker, dockerOk } from '../support/docker-cli';
import { filesUnder } from '../support/files';
import { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();

describe('secrets: none in container env, command or labels; the chat admin has its own password', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';

  const inContainer = async (serviceId: string, cmd: string[], extraEnv: string[] = []) => {
    const [container] = (await engine.listManaged(applianceId)).filter((c) => c.serviceId === serviceId);
    assert.ok(container, `no ${serviceId} container`);
    const args = ['exec', ...extraEnv.flatMap((e) => ['-e', e]), container.id, ...cmd];
    const { code, stdout } = await docker(args);
    return { code, out: stdout };
  };

  before(async () => {
    await requireEngineAndImages();
    env = await applianceEnv();
    server = await startAppliance('secrets', env);
  });

  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('runs chat, pad and files after setup', async () => {
    session = await completeSetup(server, ['chat', 'pad', 'files']);
    applianceId = await applianceIdOf(server, session);
    for (const id of ['chat', 'pad', 'files']) {
      await waitFeature(server, session, id, (s) => s.state === 'running' && s.health === 'healthy');
    }
  });

  it('puts no stored secret in any managed container’s environment, command, entrypoint or labels', async () => {
    const stored = JSON.parse(readFileSync(join(server.dataDir, 'secrets', 'services.json'), 'utf8')) as Record<
      string,
      string
    >;
    assert.deepEqual(Object.keys(stored).sort(), [...SECRET_KEYS].sort());
    const values = Object.values(stored).concat(ADMIN_PASSWORD);
    const containers = await engine.listManaged(applianceId);
    assert.deepEqual(containers.map((c) => c.serviceId).sort(), [
      'element',
      'hedgedoc',
      'nextcloud',
      'postgres',
      'proxy',
      'synapse',
    ]);
    for (const container of containers) {
      const stdout = await dockerOk(['inspect', container.id]);
      const [inspected] = JSON.parse(stdout) as [
        { Config: { Env: string[] | null; Cmd: string[] | null; Entrypoint: string[] | null; Labels: object } },
      ];
      const { Env, Cmd, Entrypoint, Labels } = inspected.Config;
      const exposed = JSON.stringify({ Env, Cmd, Entrypoint, Labels });
      for (const value of values) {
        assert.ok(!exposed.includes(value), `${container.name} shows a secret in its Env, Cmd, Entrypoint or Labels`);
      }
    }
  });

  it('hands the secrets over as files only the service user and root can read, and Postgres uses its file', async () => {
    const stat = await inContainer('hedgedoc', ['stat', '-c', '%a %u %g', '/run/secrets/dbURL']);
    assert.equal(stat.out.trim(), '440 10000 0');
    const { postgresSuperuserPassword } = JSON.parse(
      readFileSync(join(server.dataDir, 'secrets', 'services.json'), 'utf8'),
    ) as Record<string, string>;
    // Over TCP (password checked): the superuser's password is the one from POSTGRES_PASSWORD_FILE.
    const psql = ['psql', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-tAc', 'select 1'];
    const good = await inContainer('postgres', psql, [`PGPASSWORD=${postgresSuperuserPassword}`]);
    assert.equal(good.out.trim(), '1');
    const bad = await inContainer('postgres', psql, ['PGPASSWORD=not-the-password']);
    assert.notEqual(bad.code, 0);
  });

  it('keeps no file under the data directory that contains the dashboard password', () => {
    const files = filesUnder(server.dataDir);
    assert.ok(
      files.some((f) => f.endsWith('matrix-admin.json')),
      'the chat admin record is missing',
    );
    for (const file of files) {
      assert.ok(!readFileSync(file).includes(ADMIN_PASSWORD), `${file} contains the dashboard password`);
    }
    const record = join(server.dataDir, 'secrets', 'matrix-admin.json');
    assert.equal(statSync(record).mode & 0o777, 0o600);
  });

  it('refuses the dashboard password on Matrix', async () => {
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', ADMIN_PASSWORD);
    assert.equal(login.status, 403, JSON.stringify(login.body));
  });

  it('gives a signed-in admin a new chat admin password that works once shown, and replaces it on request', async () => {
    await request(server.url).post('/api/features/chat/admin-password').send({}).expect(401);
    const first = await newChatAdminPassword(server, session);
    assert.equal(first.userId, '@camille:fabrique.test');
    assert.notEqual(first.password, ADMIN_PASSWORD);
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', first.password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.user_id, first.userId);
    // The manager keeps no copy, and a second request (with its stored token still valid) replaces it.
    for (const file of filesUnder(server.dataDir)) {
      assert.ok(!readFileSync(file).includes(first.password), `${file} contains the chat admin password`);
    }
    const second = await newChatAdminPassword(server, session);
    assert.notEqual(second.password, first.password);
    assert.equal((await matrixLogin(env.PROXY_HTTP_PORT, 'camille', first.password)).status, 403);
    assert.equal((await matrixLogin(env.PROXY_HTTP_PORT, 'camille', second.password)).status, 200);
  });
});
