import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { HashGate } from '../../server/src/auth/hash-gate';
import { MAX_PENDING_SIGN_UPS, SIGN_UP_RATE } from '../../server/src/members/sign-up.rules';
import { AccountsHttpApp, type Session } from '../support/medium-http';

const PASSWORD = 'a long enough password';

/** Open sign-up over HTTP: the real guard, services and SQLite (issue 11). */
describe('medium: open sign-up with admin approval', () => {
  let app: AccountsHttpApp;
  let admin: Session & { id: string };
  let address = 0;

  before(async () => {
    app = await AccountsHttpApp.start();
    admin = await app.admin('camille');
  });
  after(() => app?.dispose());

  const api = () => request(app.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  /** Each call from its own address unless told: the per-address rate is tested on its own. */
  const signUp = (body: object, from = `10.1.0.${++address}`) =>
    api()
      .post('/api/sign-up')
      .set('X-Forwarded-For', from)
      .send({ password: PASSWORD, ...body });
  const setOpen = (open: boolean) =>
    api().put('/api/members/sign-up-settings').set(as(admin)).send({ open }).expect(200);
  const login = (username: string) => api().post('/api/auth/login').send({ username, password: PASSWORD });

  async function requestId(username: string): Promise<string> {
    const list = (await api().get('/api/members/sign-up-requests').set(as(admin)).expect(200)).body as Array<{
      id: string;
      username: string;
    }>;
    const found = list.find((m) => m.username === username);
    assert.ok(found, `${username} is not among the requests`);
    return found.id;
  }

  it('is off by default: the portal is told so and a sign-up is refused with the key closed', async () => {
    assert.deepEqual((await api().get('/api/sign-up').expect(200)).body, { open: false });
    assert.deepEqual((await api().get('/api/members/sign-up-settings').set(as(admin)).expect(200)).body, {
      open: false,
    });
    const res = await signUp({ username: 'dominique' }).expect(403);
    assert.equal(res.body.errors[0].code, 'closed');
    assert.equal((await app.dataSource.query(`SELECT 1 FROM "user" WHERE "username" = 'dominique'`)).length, 0);
  });

  it('only an admin turns it on; then a sign-up makes a pending account that cannot sign in', async () => {
    await api().put('/api/members/sign-up-settings').send({ open: true }).expect(401);
    assert.deepEqual((await setOpen(true)).body, { open: true });
    assert.deepEqual((await api().get('/api/sign-up').expect(200)).body, { open: true });
    const res = await signUp({ username: ' Dominique ', displayName: 'Dominique L.', email: 'd@example.org' }).expect(
      201,
    );
    assert.deepEqual(res.body, { username: 'dominique', status: 'pending' });
    const refused = await login('dominique').expect(403);
    assert.equal(refused.body.errors[0].code, 'awaitingApproval');
    assert.equal(refused.headers['set-cookie'], undefined);
    // A request is not a member yet: not in the members' list, not changeable by hand.
    const members = (await api().get('/api/members').set(as(admin)).expect(200)).body as Array<{ username: string }>;
    assert.ok(!members.some((m) => m.username === 'dominique'));
    const id = await requestId('dominique');
    await api().patch(`/api/members/${id}`).set(as(admin)).send({ status: 'active' }).expect(404);
    await api().patch(`/api/members/${id}`).set(as(admin)).send({ status: 'pending' }).expect(400);
    // A wrong password still says nothing about the account.
    await api().post('/api/auth/login').send({ username: 'dominique', password: 'not the password!' }).expect(401);
  });

  it('refuses a taken username at its field, and invalid fields', async () => {
    const taken = await signUp({ username: 'dominique' }).expect(409);
    assert.equal(taken.body.errors[0].field, 'username');
    const admins = await signUp({ username: 'camille' }).expect(409);
    assert.equal(admins.body.errors[0].code, 'taken');
    const bad = await signUp({ username: 'No Spaces', password: 'short' }).expect(400);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['password', 'username']);
  });

  it('concurrent approvals touch the row once; the member then signs in', async () => {
    const id = await requestId('dominique');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api().post(`/api/members/sign-up-requests/${id}/approve`).set(as(admin))),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 404, 404, 404, 404, 404]);
    const approved = answers.find((a) => a.status === 200);
    assert.equal(approved?.body.status, 'active');
    const session = await login('dominique').expect(200);
    assert.equal(session.body.user.role, 'member');
    await api().delete(`/api/members/sign-up-requests/${id}`).set(as(admin)).expect(404);
    assert.ok(!((await api().get('/api/members/sign-up-requests').set(as(admin))).body as unknown[]).length);
  });

  it('refusing deletes the request and frees the username', async () => {
    await signUp({ username: 'eli' }).expect(201);
    const id = await requestId('eli');
    await api().delete(`/api/members/sign-up-requests/${id}`).set(as(admin)).expect(204);
    await api().post(`/api/members/sign-up-requests/${id}/approve`).set(as(admin)).expect(404);
    await login('eli').expect(401);
    await signUp({ username: 'eli' }).expect(201);
  });

  it('concurrent sign-ups for one username create exactly one account', async () => {
    const tries = 6;
    // Hold every sign-up at the hashing gate until all got there: each passed the early checks
    // (open, name free, cap), so only the database's UNIQUE constraint can tell them apart.
    const gate = app.app.get(HashGate);
    const enter = gate.enter.bind(gate);
    let arrived = 0;
    let release: () => void = () => undefined;
    const allThere = new Promise<void>((resolve) => (release = resolve));
    gate.enter = async (client: string) => {
      if (++arrived === tries) release();
      await allThere;
      return enter(client);
    };
    try {
      const answers = await Promise.all(Array.from({ length: tries }, () => signUp({ username: 'race' })));
      assert.equal(arrived, tries);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.errors[0].field, 'username');
    } finally {
      gate.enter = enter;
    }
    assert.equal((await app.dataSource.query(`SELECT 1 FROM "user" WHERE "username" = 'race'`)).length, 1);
  });

  it('one address gets a few tries, then waits (before any hashing)', async () => {
    const from = '10.9.9.9';
    for (let i = 0; i < SIGN_UP_RATE.limit; i++) await signUp({ username: 'dominique' }, from).expect(409);
    const res = await signUp({ username: `fresh-${Date.now()}` }, from).expect(429);
    assert.ok(res.body.retryAfterSeconds > 0);
  });

  it('caps the requests waiting for an admin, with the key full, even for racing sign-ups', async () => {
    const [{ n }] = await app.dataSource.query(`SELECT COUNT(*) AS n FROM "user" WHERE "status" = 'pending'`);
    const at = new Date().toISOString().slice(0, 23).replace('T', ' ');
    // Filled up to two below the cap directly: the hashing of fifty real sign-ups would prove nothing more.
    for (let i = Number(n); i < MAX_PENDING_SIGN_UPS - 2; i++) {
      await app.dataSource.query(
        `INSERT INTO "user" ("id","username","email","password_hash","role","status","created_at")
         VALUES (?, ?, '', 'x', 'member', 'pending', ?)`,
        [randomUUID(), `filler-${i}`, at],
      );
    }
    const answers = await Promise.all(['cap-a', 'cap-b', 'cap-c', 'cap-d'].map((username) => signUp({ username })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 429, 429]);
    for (const a of answers.filter((x) => x.status === 429)) assert.equal(a.body.errors[0].code, 'full');
    const [{ pending }] = await app.dataSource.query(
      `SELECT COUNT(*) AS pending FROM "user" WHERE "status" = 'pending'`,
    );
    assert.equal(pending, MAX_PENDING_SIGN_UPS);
  });

  it('turned off again: refused, while the requests already made stay for the admins', async () => {
    assert.deepEqual((await setOpen(false)).body, { open: false });
    assert.equal((await signUp({ username: 'late' }).expect(403)).body.errors[0].code, 'closed');
    const list = (await api().get('/api/members/sign-up-requests').set(as(admin)).expect(200)).body as unknown[];
    assert.equal(list.length, MAX_PENDING_SIGN_UPS);
  });
});
