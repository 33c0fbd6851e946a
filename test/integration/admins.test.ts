import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

interface Session {
  cookie: string;
  csrf: string;
}
interface Listed {
  id: string;
  username: string;
}

const PASSWORD = 'another long password';

/** Admins: single-use invitations under concurrency, removal, "sign out everywhere", pending links. */
describe('admins: invitations, removal and sessions under concurrency', () => {
  // No feature chosen at setup: nothing here needs the Docker engine.
  const server = new ServerProcess(tempDataDir('admins'));
  const payload = { ...setupPayload(''), features: [] as string[] };
  let camille: Session = { cookie: '', csrf: '' };

  const api = () => request(server.url);
  const write = (session: Session, call: request.Test) =>
    call.set('Cookie', session.cookie).set('x-csrf-token', session.csrf);

  async function invite(email: string): Promise<string> {
    const res = await write(camille, api().post('/api/invitations')).send({ email }).expect(201);
    return (res.body as { token: string }).token;
  }

  async function users(): Promise<Listed[]> {
    return (await api().get('/api/users').set('Cookie', camille.cookie).expect(200)).body as Listed[];
  }

  async function idOf(username: string): Promise<string> {
    const user = (await users()).find((u) => u.username === username);
    assert.ok(user, `${username} is listed`);
    return user.id;
  }

  async function addAdmin(username: string): Promise<Session> {
    const token = await invite(`${username}@example.org`);
    const res = await api().post(`/api/invitations/${token}/accept`).send({ username, password: PASSWORD }).expect(201);
    return sessionFrom(res.headers['set-cookie']);
  }

  async function login(username: string, password = PASSWORD): Promise<Session> {
    const res = await api().post('/api/auth/login').send({ username, password }).expect(200);
    return sessionFrom(res.headers['set-cookie']);
  }

  before(async () => {
    await server.start();
    const res = await api()
      .post('/api/setup')
      .send({ ...payload, setupToken: server.setupTokenFromLog() })
      .expect(201);
    camille = sessionFrom(res.headers['set-cookie']);
  });
  after(async () => {
    await server.dispose();
  });

  it('lets exactly one of 10 concurrent accepts of one invitation through; the others get 410', async () => {
    const token = await invite('dominique@example.org');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api()
          .post(`/api/invitations/${token}/accept`)
          .send({ username: `racer${i}`, password: PASSWORD }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 410, 410, 410, 410, 410, 410, 410, 410, 410], JSON.stringify(statuses));
    for (const refused of answers.filter((r) => r.status === 410)) {
      assert.equal(refused.body.message, 'This invitation has expired or was already used; ask for a new one.');
    }
    const names = (await users()).map((u) => u.username);
    assert.equal(names.length, 2, JSON.stringify(names));
    assert.equal(names.filter((n) => n.startsWith('racer')).length, 1);
    await api().get(`/api/invitations/${token}`).expect(410);
  });

  it('gives one 201 and one 409 (never a 500) to two invitations accepted at once with one username', async () => {
    const tokens = await Promise.all([invite('eli@example.org'), invite('eli2@example.org')]);
    const answers = await Promise.all(
      tokens.map((t) => api().post(`/api/invitations/${t}/accept`).send({ username: 'eli', password: PASSWORD })),
    );
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409], answers.map((r) => r.text).join('\n'));
    // The refused invitation is not spent: it still works with another name.
    const loser = tokens[answers.findIndex((r) => r.status === 409)];
    await api().post(`/api/invitations/${loser}/accept`).send({ username: 'eli-bis', password: PASSWORD }).expect(201);
    assert.equal((await users()).filter((u) => u.username.startsWith('eli')).length, 2);
  });

  it('validates ids at the edge and answers 404 for an unknown admin', async () => {
    const bad = await write(camille, api().delete('/api/users/not-a-uuid')).expect(400);
    assert.equal(bad.body.errors[0].field, 'id');
    await write(camille, api().delete('/api/users/00000000-0000-4000-8000-000000000000')).expect(404);
    await write(camille, api().delete('/api/users/00000000-0000-4000-8000-000000000000/sessions')).expect(404);
    await write(camille, api().delete('/api/invitations/pending/xyz')).expect(400);
    await write(camille, api().delete(`/api/invitations/pending/${'0'.repeat(64)}`)).expect(404);
  });

  it('removes an admin: their session cookie gets 401 at once, they cannot log in', async () => {
    const fanny = await addAdmin('fanny');
    await api().get('/api/auth/me').set('Cookie', fanny.cookie).expect(200);
    // Writes need the CSRF header, like every other write.
    await api()
      .delete(`/api/users/${await idOf('fanny')}`)
      .set('Cookie', camille.cookie)
      .expect(403);
    await write(camille, api().delete(`/api/users/${await idOf('fanny')}`)).expect(204);
    await api().get('/api/auth/me').set('Cookie', fanny.cookie).expect(401);
    await api().post('/api/auth/login').send({ username: 'fanny', password: PASSWORD }).expect(401);
    assert.ok(!(await users()).some((u) => u.username === 'fanny'));
  });

  it('lets an admin remove themselves while another remains; the answer clears their cookies', async () => {
    const gael = await addAdmin('gael');
    const res = await write(gael, api().delete(`/api/users/${await idOf('gael')}`)).expect(204);
    const cleared = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    assert.match(cleared, /tl_session=;.*Expires=Thu, 01 Jan 1970/);
    await api().get('/api/auth/me').set('Cookie', gael.cookie).expect(401);
  });

  it('revokes every session of an admin: old cookies get 401, a new login works', async () => {
    const hugo = await addAdmin('hugo');
    const second = await login('hugo');
    await write(camille, api().delete(`/api/users/${await idOf('hugo')}/sessions`)).expect(204);
    await api().get('/api/auth/me').set('Cookie', hugo.cookie).expect(401);
    await api().get('/api/auth/me').set('Cookie', second.cookie).expect(401);
    await api().get('/api/auth/me').set('Cookie', camille.cookie).expect(200);
    const again = await login('hugo');
    await api().get('/api/auth/me').set('Cookie', again.cookie).expect(200);

    // For oneself: every session ends, this one included, and the answer clears the cookies.
    const other = await login('hugo');
    const res = await write(again, api().delete(`/api/users/${await idOf('hugo')}/sessions`)).expect(204);
    assert.match((res.headers['set-cookie'] as unknown as string[]).join('\n'), /tl_csrf=;/);
    await api().get('/api/auth/me').set('Cookie', again.cookie).expect(401);
    await api().get('/api/auth/me').set('Cookie', other.cookie).expect(401);
  });

  it('lists pending invitations and revokes one: its link stops working', async () => {
    const token = await invite('ines@example.org');
    const pending = (await api().get('/api/invitations').set('Cookie', camille.cookie).expect(200)).body as {
      id: string;
      email: string;
      invitedBy: string;
    }[];
    const entry = pending.find((p) => p.email === 'ines@example.org');
    assert.ok(entry);
    assert.equal(entry.invitedBy, 'camille');
    assert.ok(!JSON.stringify(pending).includes(token), 'the link itself is never listed');
    assert.ok(!pending.some((p) => p.email === 'dominique@example.org'), 'accepted ones are not pending');
    await write(camille, api().delete(`/api/invitations/pending/${entry.id}`)).expect(204);
    await api().get(`/api/invitations/${token}`).expect(404);
    await api().post(`/api/invitations/${token}/accept`).send({ username: 'ines', password: PASSWORD }).expect(404);
    await write(camille, api().delete(`/api/invitations/pending/${entry.id}`)).expect(404);
  });

  it('never removes the last admin (409), even when the last two remove each other at once', async () => {
    // Back to two admins: camille and joel; remove everyone else first.
    for (const user of await users()) {
      if (user.username !== 'camille') {
        await write(camille, api().delete(`/api/users/${user.id}`)).expect(204);
      }
    }
    const joel = await addAdmin('joel');
    assert.deepEqual((await users()).map((u) => u.username).sort(), ['camille', 'joel']);
    const [camilleId, joelId] = [await idOf('camille'), await idOf('joel')];
    const answers = await Promise.all([
      write(camille, api().delete(`/api/users/${joelId}`)),
      write(joel, api().delete(`/api/users/${camilleId}`)),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    // One wins; the other is refused: 409 (last admin) or 401 (already removed before its turn).
    assert.equal(statuses.filter((s) => s === 204).length, 1, answers.map((r) => r.text).join('\n'));
    assert.ok([401, 409].includes(statuses[1]), answers.map((r) => r.text).join('\n'));
    const survivor = answers[0].status === 204 ? camille : joel;
    const remaining = (await api().get('/api/users').set('Cookie', survivor.cookie).expect(200)).body as Listed[];
    assert.equal(remaining.length, 1);

    const last = await write(survivor, api().delete(`/api/users/${remaining[0].id}`)).expect(409);
    assert.match(last.body.message, /last administrator/);
    await api().get('/api/auth/me').set('Cookie', survivor.cookie).expect(200);
  });

  it('never answers 500 and never logs a password', () => {
    assert.ok(!server.log.includes(PASSWORD));
    assert.ok(!/Internal Server Error|ERROR \[Http\]/.test(server.log), server.log);
  });
});
