import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request, { type Response } from 'supertest';
import { AuthService } from '../../server/src/auth/auth.service';
import { UserRepository } from '../../server/src/users/user.repository';
import { AccountsHttpApp, type Session } from '../support/medium-http';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(32)]);

describe('medium: members upload, see and remove pictures over HTTP (real SQLite, real data directory)', () => {
  let app: AccountsHttpApp;
  let admin: Session & { id: string };
  let member: Session & { id: string };

  before(async () => {
    app = await AccountsHttpApp.start();
    admin = await app.admin('camille');
    const id = randomUUID();
    await app.app.get(UserRepository).insert({
      id,
      username: 'dominique',
      email: '',
      passwordHash: 'x',
      role: 'member',
      status: 'active',
      displayName: null,
      createdAt: new Date(),
    });
    const issued = await app.app.get(AuthService).createSession(id);
    member = { id, cookie: `tl_session=${issued.token}; tl_csrf=${issued.csrfToken}`, csrf: issued.csrfToken };
  });
  after(() => app?.dispose());

  const api = () => request(app.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });

  it('needs a session', async () => {
    await api().get('/api/me/avatar').expect(401);
    await api().get(`/api/members/${member.id}/avatar`).expect(401);
    await api().put('/api/me/avatar').set('Content-Type', 'image/png').send(PNG).expect(401);
  });

  it('stores a PNG as sent, 0600 under the data directory, and serves it back as a PNG that is never sniffed', async () => {
    await api().get('/api/me/avatar').set(as(member)).expect(404);
    await api().put('/api/me/avatar').set(as(member)).set('Content-Type', 'image/png').send(PNG).expect(204);
    assert.equal(statSync(join(app.dataDir, 'avatars', member.id)).mode & 0o777, 0o600);
    for (const [path, who] of [
      ['/api/me/avatar', member],
      [`/api/members/${member.id}/avatar`, admin],
    ] as const) {
      const res = await api().get(path).set(as(who)).buffer(true).parse(binary).expect(200);
      assert.equal(res.headers['content-type'], 'image/png');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(res.body, PNG);
    }
  });

  it('GET /api/me says whether there is a picture, and its date changes with it (the page never asks for a missing one)', async () => {
    const before = (await api().get('/api/me').set(as(member)).expect(200)).body;
    assert.equal(before.hasAvatar, true);
    assert.ok(!Number.isNaN(Date.parse(before.avatarUpdatedAt)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api().put('/api/me/avatar').set(as(member)).set('Content-Type', 'image/png').send(PNG).expect(204);
    const after = (await api().get('/api/me').set(as(member)).expect(200)).body;
    assert.equal(after.hasAvatar, true);
    assert.notEqual(after.avatarUpdatedAt, before.avatarUpdatedAt);
    const admins = (await api().get('/api/me').set(as(admin)).expect(200)).body;
    assert.deepEqual([admins.hasAvatar, admins.avatarUpdatedAt], [false, null]);
  });

  it('reads the type from the bytes, not from the declared type', async () => {
    await api().put('/api/me/avatar').set(as(member)).set('Content-Type', 'image/png').send(WEBP).expect(204);
    const res = await api().get('/api/me/avatar').set(as(member)).buffer(true).parse(binary).expect(200);
    assert.equal(res.headers['content-type'], 'image/webp');
    const svg = await api()
      .put('/api/me/avatar')
      .set(as(member))
      .set('Content-Type', 'image/png')
      .send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))
      .expect(400);
    assert.deepEqual(
      svg.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['avatar', 'type']],
    );
  });

  it('refuses more than 1 MiB with 413 and keeps the picture it had', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const res = await api().put('/api/me/avatar').set(as(member)).set('Content-Type', 'image/png').send(big);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body.errors?.[0]?.code, 'tooLarge');
    const kept = await api().get('/api/me/avatar').set(as(member)).buffer(true).parse(binary).expect(200);
    assert.equal(kept.headers['content-type'], 'image/webp');
  });

  it('removes it; an unknown or malformed member id gets 404 or 400', async () => {
    await api().delete('/api/me/avatar').set(as(member)).expect(204);
    await api().get('/api/me/avatar').set(as(member)).expect(404);
    const me = (await api().get('/api/me').set(as(member)).expect(200)).body;
    assert.deepEqual([me.hasAvatar, me.avatarUpdatedAt], [false, null]);
    await api().get(`/api/members/${randomUUID()}/avatar`).set(as(admin)).expect(404);
    await api().get('/api/members/..%2F..%2Fsecrets/avatar').set(as(admin)).expect(400);
  });
});

/** supertest's parser for a binary body: the bytes as received. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
