import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

const PUBLIC_ROUTES = new Set([
  'get /api/health',
  'get /api/setup/status',
  'post /api/setup',
  // The wizard's own steps before setup (409 after): the token check, the pre-flight, the DNS records.
  'post /api/setup/token',
  'post /api/setup/preflight',
  'post /api/setup/dns-records',
  // Disaster recovery on a fresh manager: gated by the setup token, like the wizard.
  'post /api/setup/restore',
  // The wizard's « Vérifier » on the domain step (issue 14): the setup token, throttled, closed after setup.
  'post /api/setup/dns-check',
  // The review step's question about a host that prepared this server: the setup token, closed after setup.
  'post /api/setup/link',
  'post /api/auth/login',
  'get /api/invitations/{token}',
  'post /api/invitations/{token}/accept',
  // A member's invitation link (issue 11): what the join page reads, and its form.
  'get /api/members/invitations/{token}',
  'post /api/members/invitations/{token}/accept',
  // "Forgot my password" by mail (issue 11): the request, and the reset link's page and form.
  'post /api/auth/password-reset',
  'get /api/auth/password-reset/{token}',
  'post /api/auth/password-reset/{token}',
  // The member portal (issue 11): the community's name, colour and running features, and its logo.
  'get /api/portal',
  'get /api/portal/logo',
  // Open sign-up (issue 11): whether it is open, and the request to join (refused while it is off).
  'get /api/sign-up',
  'post /api/sign-up',
]);

describe('accounts: login, sessions, CSRF, throttling, invitations', () => {
  const server = new ServerProcess(tempDataDir('auth'));
  const payload = setupPayload('');
  let admin = { cookie: '', csrf: '' };

  before(async () => {
    await server.start();
    const res = await request(server.url)
      .post('/api/setup')
      .send({ ...payload, setupToken: server.setupTokenFromLog() })
      .expect(201);
    admin = sessionFrom(res.headers['set-cookie']);
  });
  after(async () => {
    await server.dispose();
  });

  it('answers 401 on every protected route of the OpenAPI document without a session', async () => {
    const doc = (await request(server.url).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (PUBLIC_ROUTES.has(`${method} ${path}`)) continue;
        const url = path.replace(/\{[^}]+\}/g, 'x');
        const res = await request(server.url)[method as 'get'](url).send({});
        assert.equal(res.status, 401, `${method.toUpperCase()} ${path} answered ${res.status}`);
        checked++;
      }
    }
    assert.ok(checked >= 6, `only ${checked} protected routes found`);
  });

  it('logs in with the right password, refuses a wrong one with 401', async () => {
    const ok = await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'camille', password: payload.admin.password })
      .expect(200);
    assert.equal(ok.body.user.username, 'camille');
    await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'camille', password: 'wrong password!' })
      .expect(401);
    await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'wrong password!' })
      .expect(401);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    await request(server.url)
      .post('/api/invitations')
      .set('Cookie', admin.cookie)
      .send({ email: 'a@b.org' })
      .expect(403);
    await request(server.url)
      .post('/api/invitations')
      .set('Cookie', admin.cookie)
      .set('x-csrf-token', 'forged')
      .send({ email: 'a@b.org' })
      .expect(403);
  });

  it('invites a second admin who accepts once, then the link is spent', async () => {
    const invite = await request(server.url)
      .post('/api/invitations')
      .set('Cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ email: 'dominique@example.org' })
      .expect(201);
    const { token, expiresAt } = invite.body as { token: string; expiresAt: string };
    assert.ok(new Date(expiresAt).getTime() > Date.now());
    const seen = await request(server.url).get(`/api/invitations/${token}`).expect(200);
    assert.equal(seen.body.email, 'dominique@example.org');
    await request(server.url)
      .post(`/api/invitations/${token}/accept`)
      .send({ username: 'camille', password: 'another long password' })
      .expect(409);
    const accepted = await request(server.url)
      .post(`/api/invitations/${token}/accept`)
      .send({ username: 'dominique', password: 'another long password' })
      .expect(201);
    const second = sessionFrom(accepted.headers['set-cookie']);
    const me = await request(server.url).get('/api/auth/me').set('Cookie', second.cookie).expect(200);
    assert.deepEqual(me.body, { username: 'dominique', email: 'dominique@example.org', role: 'admin' });
    await request(server.url).get(`/api/invitations/${token}`).expect(410);
    await request(server.url).get('/api/invitations/not-a-real-token-at-all-000').expect(404);
    const users = await request(server.url).get('/api/users').set('Cookie', admin.cookie).expect(200);
    assert.deepEqual(
      users.body.map((u: { username: string }) => u.username),
      ['camille', 'dominique'],
    );
    assert.ok(!JSON.stringify(users.body).includes('scrypt$'));
  });

  it('logs out: the session cookie no longer works', async () => {
    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'camille', password: payload.admin.password })
      .expect(200);
    const session = sessionFrom(login.headers['set-cookie']);
    await request(server.url)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .expect(204);
    await request(server.url).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
  });

  it('answers 429 with Retry-After after repeated failed logins, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(server.url)
        .post('/api/auth/login')
        .send({ username: 'dominique', password: `guess-${i}-guess` });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    const locked = await request(server.url)
      .post('/api/auth/login')
      .send({ username: 'dominique', password: 'another long password' })
      .expect(429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.ok(locked.body.retryAfterSeconds > 0);
  });

  it('reports health without a session: database and queue up, docker reported either way', async () => {
    const res = await request(server.url).get('/api/health').expect(200);
    assert.equal(res.body.checks.database.status, 'up');
    assert.equal(res.body.checks.queue.status, 'up');
    assert.ok(['up', 'down'].includes(res.body.checks.docker.status));
    assert.equal(res.body.status, res.body.checks.docker.status === 'up' ? 'ok' : 'degraded');
  });

  it('shows system status and features to an admin', async () => {
    const status = await request(server.url).get('/api/system/status').set('Cookie', admin.cookie).expect(200);
    assert.ok(status.body.disk.totalBytes > 0 && status.body.memory.totalBytes > 0);
    const features = await request(server.url).get('/api/features').set('Cookie', admin.cookie).expect(200);
    assert.deepEqual(
      features.body.map((s: { id: string; enabled: boolean }) => [s.id, s.enabled]),
      [
        ['chat', true],
        ['pad', true],
        ['files', false],
      ],
    );
  });

  it('never writes a password into the log', () => {
    assert.ok(!server.log.includes(payload.admin.password));
    assert.ok(!server.log.includes('another long password'));
    assert.ok(!server.log.includes('scrypt$'));
  });
});
