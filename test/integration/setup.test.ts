import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

describe('setup wizard API (real SQLite, real redis)', () => {
  const server = new ServerProcess(tempDataDir('setup'));
  const bodies: string[] = [];
  let token = '';

  before(async () => {
    await server.start();
    token = server.setupTokenFromLog();
  });
  after(async () => {
    await server.dispose();
  });

  const post = async (body: unknown) => {
    const res = await request(server.url)
      .post('/api/setup')
      .send(body as object);
    bodies.push(res.text);
    return res;
  };

  it('writes the setup token to DATA_DIR/setup-token with mode 0600, matching the log', () => {
    const path = join(server.dataDir, 'setup-token');
    assert.equal(readFileSync(path, 'utf8').trim(), token);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('reports setup as not completed', async () => {
    const res = await request(server.url).get('/api/setup/status').expect(200);
    assert.deepEqual(res.body, { completed: false });
  });

  it('refuses a missing token with 401 and a wrong one with 403', async () => {
    const { setupToken: _omit, ...noToken } = setupPayload(token);
    assert.equal((await post(noToken)).status, 401);
    assert.equal((await post(setupPayload('not-the-token'))).status, 403);
  });

  const invalid: [string, (p: ReturnType<typeof setupPayload>) => unknown][] = [
    ['language', (p) => ({ ...p, language: 'de' })],
    ['community.name', (p) => ({ ...p, community: { ...p.community, name: '' } })],
    ['community.color', (p) => ({ ...p, community: { ...p.community, color: 'green' } })],
    ['community.logo', (p) => ({ ...p, community: { ...p.community, logo: 'data:image/svg+xml;base64,PHN2Zz4=' } })],
    ['domain', (p) => ({ ...p, domain: 'not a domain' })],
    ['admin.username', (p) => ({ ...p, admin: { ...p.admin, username: 'No Spaces!' } })],
    ['admin.email', (p) => ({ ...p, admin: { ...p.admin, email: 'nope' } })],
    ['admin.password', (p) => ({ ...p, admin: { ...p.admin, password: 'short' } })],
    ['admin.password', (p) => ({ ...p, admin: { ...p.admin, password: 'camille-is-my-password' } })],
    ['features', (p) => ({ ...p, features: ['chat', 'bitcoin'] })],
    ['rooms', (p) => ({ ...p, rooms: ['Général', 'general'] })],
    ['rooms', (p) => ({ ...p, rooms: ['x'.repeat(41)] })],
    ['extra', (p) => ({ ...p, extra: 'unknown field' })],
  ];
  for (const [field, mutate] of invalid) {
    it(`answers 400 naming ${field} when it is invalid`, async () => {
      const res = await post(mutate(setupPayload(token)));
      assert.equal(res.status, 400, res.text);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      assert.ok(fields.includes(field), `expected ${field} in ${JSON.stringify(res.body.errors)}`);
      assert.match(res.body.message, new RegExp(field.replace('.', '\\.')));
    });
  }

  const postTo = async (path: string, body: object, host?: string) => {
    const req = request(server.url).post(path).send(body);
    const res = await (host ? req.set('Host', host) : req);
    bodies.push(res.text);
    return res;
  };

  it('checks the token on its own route: 204 when right, 403 naming the field when wrong', async () => {
    assert.equal((await postTo('/api/setup/token', { setupToken: token })).status, 204);
    const wrong = await postTo('/api/setup/token', { setupToken: 'not-the-token' });
    assert.equal(wrong.status, 403, wrong.text);
    assert.deepEqual(
      wrong.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['setupToken', 'rejected']],
    );
    assert.equal((await postTo('/api/setup/token', { setupToken: '' })).status, 400);
  });

  it('throttles token guesses before comparing: even the right token waits, then passes', async () => {
    // One wrong token above; four more reach the free attempts of one address.
    for (let i = 0; i < 4; i += 1)
      assert.equal((await postTo('/api/setup/token', { setupToken: `x${i}` })).status, 403);
    const throttled = await postTo('/api/setup/token', { setupToken: token });
    assert.equal(throttled.status, 429, throttled.text);
    assert.ok(throttled.body.retryAfterSeconds >= 1);
    await new Promise((resolve) => setTimeout(resolve, throttled.body.retryAfterSeconds * 1000 + 100));
    assert.equal((await postTo('/api/setup/token', { setupToken: token })).status, 204);
  });

  it('runs the pre-flight only with the token: engine, disk, memory and ports, each a message key', async () => {
    assert.equal((await postTo('/api/setup/preflight', { setupToken: 'nope', features: ['chat'] })).status, 403);
    const res = await postTo('/api/setup/preflight', { setupToken: token, features: ['chat', 'pad'] });
    assert.equal(res.status, 200, res.text);
    const checks = res.body.checks as { id: string; status: string; key: string; params: object }[];
    assert.deepEqual(
      checks.map((c) => c.id),
      ['engine', 'disk', 'memory', 'ports'],
    );
    assert.equal(checks[0].status, 'ok', 'the real engine answers');
    for (const check of checks) assert.match(check.key, new RegExp(`^preflight\\.${check.id}\\.`));
    const blocked = checks.some((c) => c.status === 'failed' && (c as { blocking?: boolean }).blocking);
    assert.equal(res.body.ready, !blocked);
    assert.deepEqual(
      res.body.plan.map((p: { feature: string }) => p.feature),
      ['base', 'chat', 'pad'],
    );
    assert.ok(res.body.plan.every((p: { minutes: number }) => p.minutes > 0));
  });

  it("lists the DNS records from the proxy's hosts, with the address the server was reached at when public", async () => {
    const res = await postTo('/api/setup/dns-records', { domain: 'Fabrique.example.org', features: ['chat', 'pad'] });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.address, null, '127.0.0.1 is no public address');
    assert.deepEqual(
      res.body.records.map((r: { name: string }) => r.name),
      [
        'fabrique.example.org',
        'admin.fabrique.example.org',
        'matrix.fabrique.example.org',
        'chat.fabrique.example.org',
        'pad.fabrique.example.org',
      ],
    );
    const byIp = await postTo(
      '/api/setup/dns-records',
      { domain: 'fabrique.example.org', features: [] },
      '203.0.113.7',
    );
    assert.equal(byIp.body.address, '203.0.113.7');
    assert.deepEqual(byIp.body.records, [
      { name: 'fabrique.example.org', type: 'A' },
      { name: 'admin.fabrique.example.org', type: 'A' },
    ]);
    assert.equal((await postTo('/api/setup/dns-records', { domain: 'mon asso', features: [] })).status, 400);
  });

  it('completes once with the token, sets a session cookie and logs the admin in', async () => {
    const res = await post(setupPayload(token));
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.user, { username: 'camille', email: 'camille@example.org', role: 'admin' });
    const setCookie = res.headers['set-cookie'] as unknown as string[];
    const session = setCookie.find((c) => c.startsWith('tl_session='));
    assert.ok(session, 'session cookie');
    assert.match(session, /HttpOnly/i);
    assert.match(session, /SameSite=Strict/i);
    const { cookie } = sessionFrom(setCookie);
    const me = await request(server.url).get('/api/auth/me').set('Cookie', cookie).expect(200);
    bodies.push(me.text);
    assert.equal(me.body.username, 'camille');
    const settings = await request(server.url).get('/api/settings').set('Cookie', cookie).expect(200);
    bodies.push(settings.text);
    assert.equal(settings.body.domain, 'fabrique.example.org');
    assert.deepEqual(settings.body.startingRooms, ['Général', 'Annonces'], 'the default list when none was chosen');
    assert.deepEqual(
      settings.body.features.filter((s: { enabled: boolean }) => s.enabled).map((s: { id: string }) => s.id),
      ['chat', 'pad'],
    );
  });

  it('consumes the token: the file is gone and a second setup gets 409', async () => {
    assert.throws(() => statSync(join(server.dataDir, 'setup-token')));
    assert.equal((await post(setupPayload(token))).status, 409);
    for (const path of ['/api/setup/token', '/api/setup/preflight', '/api/setup/dns-records']) {
      const res = await postTo(path, { setupToken: token, domain: 'fabrique.example.org', features: [] });
      assert.equal(res.status, 409, `${path}: ${res.text}`);
    }
    const status = await request(server.url).get('/api/setup/status').expect(200);
    assert.equal(status.body.completed, true);
    assert.equal(status.body.community.name, 'La Fabrique du Coin');
  });

  it('never returns the password hash or the setup token, and logs the token only in the boot banner', () => {
    const password = setupPayload(token).admin.password;
    for (const body of bodies) {
      assert.ok(!body.includes('scrypt$'), 'a response contains a password hash');
      assert.ok(!body.includes(token), 'a response contains the setup token');
      assert.ok(!body.includes(password), 'a response contains the password');
    }
    const tokenLines = server.lines.filter((l) => l.includes(token));
    assert.equal(tokenLines.length, 1, tokenLines.join('\n'));
    assert.match(tokenLines[0], /Setup wizard: http:\/\/127\.0\.0\.1:\d+\/ {2}setup token:/);
    assert.ok(!server.log.includes(password), 'the log contains the password');
    assert.ok(!server.log.includes('scrypt$'), 'the log contains a password hash');
  });
});
