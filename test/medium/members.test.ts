import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildOpenApi } from '../../server/src/app.factory';
import { HashGate } from '../../server/src/auth/hash-gate';
import { type MemberRef, MemberServiceAccounts } from '../../server/src/members/member-service-accounts.port';
import { AccountsHttpApp, type Session } from '../support/medium-http';
import { sessionFrom } from '../support/setup-payload';

const PASSWORD = 'a long enough password';

describe('medium: members over HTTP (real guard, services and SQLite)', () => {
  let app: AccountsHttpApp;
  let admin: Session & { id: string };
  const inServices: string[] = [];

  before(async () => {
    app = await AccountsHttpApp.start();
    admin = await app.admin('camille');
    // The services' side of a member (OIDC slice) is not there yet: record what it is told.
    const accounts = app.app.get(MemberServiceAccounts);
    for (const change of ['suspended', 'resumed', 'removed'] as const) {
      accounts[change] = (m: MemberRef) => {
        inServices.push(`${change} ${m.username}`);
        return Promise.resolve();
      };
    }
  });
  after(() => app?.dispose());

  const api = () => request(app.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });

  async function invite(body: object): Promise<string> {
    const res = await api().post('/api/members/invitations').set(as(admin)).send(body).expect(201);
    assert.equal(res.body.path, `/#/join/${res.body.token}`);
    return res.body.token as string;
  }

  function accept(token: string, username: string, from = '10.0.0.1') {
    return api()
      .post(`/api/members/invitations/${token}/accept`)
      .set('X-Forwarded-For', from)
      .send({ username, password: PASSWORD });
  }

  async function memberId(username: string): Promise<string> {
    const list = (await api().get('/api/members').set(as(admin)).expect(200)).body as Array<{
      id: string;
      username: string;
    }>;
    const found = list.find((m) => m.username === username);
    assert.ok(found, `${username} is not listed`);
    return found.id;
  }

  function login(username: string) {
    return api().post('/api/auth/login').send({ username, password: PASSWORD });
  }

  it('a single-use link: valid, accepted once with a session, then spent', async () => {
    const token = await invite({ kind: 'single', expiresInHours: 48 });
    assert.equal((await api().get(`/api/members/invitations/${token}`).expect(200)).body.state, 'valid');
    const res = await accept(token, 'dominique').expect(201);
    assert.deepEqual(res.body.user, { username: 'dominique', email: '', role: 'member' });
    const me = await api()
      .get('/api/me')
      .set(as(sessionFrom(res.headers['set-cookie'])))
      .expect(200);
    assert.equal(me.body.role, 'member');
    assert.equal((await api().get(`/api/members/invitations/${token}`).expect(200)).body.state, 'spent');
    const again = await accept(token, 'eli', '10.0.0.2').expect(410);
    assert.equal(again.body.errors[0].code, 'spent');
    await api().get('/api/members/invitations/not-a-real-token-at-all-xx').expect(404);
  });

  it('refuses a single-use link with more uses, and a shared link without a count', async () => {
    for (const body of [
      { kind: 'single', expiresInHours: 1, maxUses: 3 },
      { kind: 'shared', expiresInHours: 1 },
      { kind: 'shared', expiresInHours: 0, maxUses: 3 },
      { kind: 'other', expiresInHours: 1 },
    ]) {
      const res = await api().post('/api/members/invitations').set(as(admin)).send(body).expect(400);
      assert.ok(res.body.errors.length > 0, JSON.stringify(body));
    }
  });

  it('a shared link serves exactly maxUses people', async () => {
    const token = await invite({ kind: 'shared', expiresInHours: 24, maxUses: 2 });
    await accept(token, 'fanny', '10.0.1.1').expect(201);
    await accept(token, 'gael', '10.0.1.2').expect(201);
    assert.equal((await accept(token, 'hana', '10.0.1.3').expect(410)).body.errors[0].code, 'spent');
    const listed = (await api().get('/api/members/invitations').set(as(admin)).expect(200)).body as Array<{
      uses: number;
      maxUses: number;
      createdBy: string;
    }>;
    assert.ok(listed.some((l) => l.uses === 2 && l.maxUses === 2 && l.createdBy === 'camille'));
  });

  it('an expired link says so, and cannot be accepted', async () => {
    const token = await invite({ kind: 'shared', expiresInHours: 1, maxUses: 5 });
    app.clock.offsetMs = 60 * 60_000;
    try {
      assert.equal((await api().get(`/api/members/invitations/${token}`).expect(200)).body.state, 'expired');
      assert.equal((await accept(token, 'ines').expect(410)).body.errors[0].code, 'expired');
    } finally {
      app.clock.offsetMs = 0;
    }
  });

  it('concurrent accepts of a single-use link create exactly one account', async () => {
    const token = await invite({ kind: 'single', expiresInHours: 1 });
    const names = ['race-a', 'race-b', 'race-c', 'race-d', 'race-e', 'race-f'];
    // Hold every accept at the hashing gate until all of them got there: each passed the early checks
    // (link valid, username free), so only the conditional UPDATE can tell them apart.
    const gate = app.app.get(HashGate);
    const enter = gate.enter.bind(gate);
    let arrived = 0;
    let open: () => void = () => undefined;
    const allThere = new Promise<void>((resolve) => (open = resolve));
    gate.enter = async (client: string) => {
      if (++arrived === names.length) open();
      await allThere;
      return enter(client);
    };
    try {
      const answers = await Promise.all(names.map((name, i) => accept(token, name, `10.0.2.${i + 1}`)));
      assert.equal(arrived, names.length);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 410, 410, 410, 410, 410]);
    } finally {
      gate.enter = enter;
    }
    const created = await app.dataSource.query(`SELECT "username" FROM "user" WHERE "username" LIKE 'race-%'`);
    assert.equal(created.length, 1);
    assert.equal((await api().get(`/api/members/invitations/${token}`).expect(200)).body.state, 'spent');
  });

  it('a member reaches their own account only: every administrators’ route answers 403', async () => {
    const member = sessionFrom((await login('dominique').expect(200)).headers['set-cookie']);
    await api().get('/api/auth/me').set(as(member)).expect(200);
    const renamed = await api().patch('/api/me').set(as(member)).send({ displayName: '  Dominique L. ' }).expect(200);
    assert.equal(renamed.body.displayName, 'Dominique L.');
    // A blank name is refused at its field (the page shows it there); the name stays as it was.
    const blank = await api().patch('/api/me').set(as(member)).send({ displayName: '   ' }).expect(400);
    assert.equal(blank.body.errors[0].field, 'displayName');
    assert.equal((await api().get('/api/me').set(as(member)).expect(200)).body.displayName, 'Dominique L.');
    const doc = buildOpenApi(app.app) as unknown as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    let refused = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.security?.length === 0) continue; // public
        if (path === '/api/auth/logout') continue; // below, last: it ends the session
        const url = path.replace('{id}', admin.id).replace(/\{[^}]+\}/g, 'x');
        const res = await api()[method as 'get'](url).set(as(member)).send({});
        // One's own account and picture, and the other members' pictures.
        const own = ['/api/me', '/api/auth/me', '/api/me/avatar', '/api/members/{id}/avatar'].includes(path);
        if (own) assert.notEqual(res.status, 403, `${method} ${path}`);
        else {
          assert.equal(res.status, 403, `${method.toUpperCase()} ${path} answered ${res.status} to a member`);
          refused++;
        }
      }
    }
    assert.ok(refused >= 10, `only ${refused} administrators' routes checked`);
    await api().post('/api/auth/logout').set(as(member)).expect(204);
    await api().get('/api/me').set(as(member)).expect(401);
    // Nothing happened to the admin or the members on the way.
    await api().get('/api/auth/me').set(as(admin)).expect(200);
    assert.ok((await memberId('fanny')).length > 0);
  });

  it('an admin cannot remove a member as an admin, nor list them among admins', async () => {
    const id = await memberId('fanny');
    await api().delete(`/api/users/${id}`).set(as(admin)).expect(404);
    await api().delete(`/api/users/${id}/sessions`).set(as(admin)).expect(404);
    const admins = (await api().get('/api/users').set(as(admin)).expect(200)).body as Array<{ username: string }>;
    assert.deepEqual(
      admins.map((a) => a.username),
      ['camille'],
    );
  });

  it('suspending signs the member out and refuses their sign-in; resuming lets them in again', async () => {
    const member = sessionFrom((await login('fanny').expect(200)).headers['set-cookie']);
    const id = await memberId('fanny');
    const res = await api().patch(`/api/members/${id}`).set(as(admin)).send({ status: 'suspended' }).expect(200);
    assert.equal(res.body.status, 'suspended');
    await api().get('/api/me').set(as(member)).expect(401);
    assert.match((await login('fanny').expect(403)).body.message, /suspended/);
    await api().patch(`/api/members/${id}`).set(as(admin)).send({ status: 'active' }).expect(200);
    await login('fanny').expect(200);
    assert.deepEqual(inServices.splice(0), ['suspended fanny', 'resumed fanny']);
  });

  it('removing ends the member’s sessions, refuses their sign-in and tells the services', async () => {
    const member = sessionFrom((await login('gael').expect(200)).headers['set-cookie']);
    const id = await memberId('gael');
    await api().delete(`/api/members/${id}`).set(as(admin)).expect(204);
    await api().get('/api/me').set(as(member)).expect(401);
    await login('gael').expect(401);
    await api().delete(`/api/members/${id}`).set(as(admin)).expect(404);
    await api().patch(`/api/members/${admin.id}`).set(as(admin)).send({ status: 'suspended' }).expect(404);
    assert.deepEqual(inServices.splice(0), ['removed gael']);
  });

  it('a member changes their password with the current one; their other sessions end', async () => {
    const here = sessionFrom((await login('dominique').expect(200)).headers['set-cookie']);
    const elsewhere = sessionFrom((await login('dominique').expect(200)).headers['set-cookie']);
    const next = 'another long password';
    const wrong = await api()
      .patch('/api/me')
      .set(as(here))
      .send({ currentPassword: 'nope', newPassword: next })
      .expect(400);
    // The member's page tells a mistyped current password by its field and code (a 400, not a 401:
    // the session is fine), and nothing changed.
    assert.deepEqual(
      (wrong.body.errors as Array<{ field: string; code: string }>).map(({ field, code }) => ({ field, code })),
      [{ field: 'currentPassword', code: 'wrong' }],
    );
    await api().post('/api/auth/login').send({ username: 'dominique', password: next }).expect(401);
    await api().patch('/api/me').set(as(here)).send({ newPassword: next }).expect(400);
    await api().patch('/api/me').set(as(here)).send({ currentPassword: PASSWORD, newPassword: next }).expect(200);
    await api().get('/api/me').set(as(here)).expect(200);
    await api().get('/api/me').set(as(elsewhere)).expect(401);
    await api().post('/api/auth/login').send({ username: 'dominique', password: next }).expect(200);
  });
});
