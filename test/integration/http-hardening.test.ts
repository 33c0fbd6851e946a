import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

const PASSWORD = setupPayload('').admin.password;

/** Every file under a directory, recursively (sockets and directories excluded). */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Opens a server-sent-event stream and reports when the server ends it. */
function openStream(url: string, cookie: string): Promise<{ status: number; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ended: new Promise((done) => res.once('close', () => done())) });
    });
    req.once('error', reject);
    req.end();
  });
}

describe('HTTP hardening: forwarded headers, cookies, throttling, bodies, streams, files', () => {
  // The test client is this machine; TRUST_PROXY=loopback stands for a reverse proxy in front, so that
  // X-Forwarded-For can play different clients.
  const server = new ServerProcess(tempDataDir('hardening'), { TRUST_PROXY: 'loopback' });
  const direct = new ServerProcess(tempDataDir('hardening-direct'));
  let admin = { cookie: '', csrf: '' };

  before(async () => {
    await Promise.all([server.start(), direct.start()]);
    for (const s of [server, direct]) {
      const res = await request(s.url)
        .post('/api/setup')
        .send({ ...setupPayload(s.setupTokenFromLog()), features: [] })
        .expect(201);
      if (s === server) admin = sessionFrom(res.headers['set-cookie']);
    }
  });
  after(async () => {
    await Promise.all([server.dispose(), direct.dispose()]);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy; over HTTPS cookies are Secure and __Host-, with HSTS', async () => {
    const forged = await request(direct.url)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'camille', password: PASSWORD })
      .expect(200);
    const plain = forged.headers['set-cookie'] as unknown as string[];
    assert.ok(
      plain.some((c) => c.startsWith('tl_session=') && !/;\s*Secure/i.test(c)),
      plain.join('\n'),
    );
    assert.equal(forged.headers['strict-transport-security'], undefined);

    const viaProxy = await request(server.url)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ username: 'camille', password: PASSWORD })
      .expect(200);
    const secure = viaProxy.headers['set-cookie'] as unknown as string[];
    const session = secure.find((c) => c.startsWith('__Host-tl_session='));
    assert.ok(session, secure.join('\n'));
    assert.match(session, /;\s*Secure/i);
    assert.match(session, /;\s*HttpOnly/i);
    assert.match(session, /;\s*Path=\//i);
    assert.doesNotMatch(session, /Domain=/i);
    assert.match(String(viaProxy.headers['strict-transport-security']), /max-age=\d+/);
    const { cookie, csrf } = sessionFrom(secure);
    await request(server.url).get('/api/auth/me').set('X-Forwarded-Proto', 'https').set('Cookie', cookie).expect(200);
    // A plain-named cookie (which a plain-HTTP response could have planted) is ignored over HTTPS.
    await request(server.url)
      .get('/api/auth/me')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', admin.cookie)
      .expect(401);
    assert.ok(csrf.length > 0);
  });

  it('reserves each login attempt before hashing: 20 parallel wrong passwords get at most 5 answers of 401', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server.url)
          .post('/api/auth/login')
          .set('X-Forwarded-For', '203.0.113.50')
          .send({ username: 'camille', password: 'not the password' }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.ok(statuses.filter((s) => s === 401).length <= 5, statuses.join(','));
    assert.ok(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(','),
    );
    assert.ok(results.filter((r) => r.status === 429).every((r) => Number(r.headers['retry-after']) >= 1));
  });

  it('does not lock the owner out: failures from another client leave the owner able to log in', async () => {
    for (let i = 0; i < 25; i++) {
      await request(server.url)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.66')
        .send({ username: 'camille', password: `guess number ${i}` });
    }
    const attacker = await request(server.url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.66')
      .send({ username: 'camille', password: PASSWORD });
    assert.equal(attacker.status, 429, 'the guessing client is held back, even with the right password');
    await request(server.url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ username: 'camille', password: PASSWORD })
      .expect(200);
  });

  it('ignores X-Forwarded-For from an untrusted peer: rotating it does not escape the throttle', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await request(direct.url)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `192.0.2.${i}`)
        .send({ username: 'camille', password: 'still not it' });
      statuses.push(res.status);
    }
    assert.ok(statuses.includes(429), statuses.join(','));
  });

  it('sizes bodies per route: 413 in one log line, no stack trace', async () => {
    const big = { username: 'camille', password: 'x'.repeat(40 * 1024) };
    const res = await request(direct.url).post('/api/auth/login').send(big).expect(413);
    assert.equal(res.body.statusCode, 413);
    await eventually(() => direct.log.includes('refused body (413'), 'the refusal is logged');
    assert.doesNotMatch(direct.log, /PayloadTooLargeError|\n\s+at /, 'no stack trace in the log');
  });

  it('validates the wizard in linear time and refuses it before validation once setup is done', async () => {
    const fresh = new ServerProcess(tempDataDir('hardening-fresh'));
    await fresh.start();
    try {
      const features = new Array<string>(45_000).fill('chat'); // ~320 KB: under the wizard's limit
      const res = await request(fresh.url)
        .post('/api/setup')
        .send({ ...setupPayload(fresh.setupTokenFromLog()), features })
        .expect(400);
      assert.deepEqual(
        (res.body.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`),
        ['features:isDistinctSubset'],
      );
      const control = await request(fresh.url)
        .post('/api/setup')
        .send({
          ...setupPayload(fresh.setupTokenFromLog()),
          community: { name: 'Fab\n[Nest] 1 - forged', color: '#2f7d5b' },
        })
        .expect(400);
      assert.ok(control.body.errors.some((e: { field: string }) => e.field === 'community.name'));
      assert.ok(!fresh.log.includes('forged'), 'a control character reached the log');
    } finally {
      await fresh.dispose();
    }
    // Completed: refused with 409 whatever the body, without validating it.
    const garbage = await request(direct.url)
      .post('/api/setup')
      .send({ features: new Array<string>(45_000).fill('chat') })
      .expect(409);
    assert.match(garbage.body.message, /already completed/);
  });

  it('sends a Content-Security-Policy on the app and the API', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await request(direct.url).get(path);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
    }
  });

  it('answers 405 with Allow for a known address and a wrong method', async () => {
    const res = await request(direct.url).delete('/api/health').expect(405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  });

  it('keeps every file of the data directory private to its user (umask 077)', () => {
    for (const file of files(server.dataDir)) {
      assert.equal(statSync(file).mode & 0o077, 0, `${file} is readable by others`);
    }
  });

  it('ends live streams at logout and caps how many a session may hold', async () => {
    const login = await request(server.url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.30')
      .send({ username: 'camille', password: PASSWORD })
      .expect(200);
    const session = sessionFrom(login.headers['set-cookie']);
    const url = `${server.url}/api/features/pad/logs?follow=1&tail=0`;
    const streams = [];
    for (let i = 0; i < 6; i++) {
      const stream = await openStream(url, session.cookie);
      assert.equal(stream.status, 200, 'a live log view opens');
      streams.push(stream);
    }
    const extra = await openStream(url, session.cookie);
    assert.equal(extra.status, 429, 'a seventh live view of one session is refused');
    await request(server.url)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .expect(204);
    await Promise.all(streams.map((s) => s.ended));
  });
});

describe('public health hides why a check is down from anonymous clients', () => {
  const server = new ServerProcess(tempDataDir('hardening-health'), {
    TRUST_PROXY: 'loopback',
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  });
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.dispose();
  });

  it('shows details to this machine (the recovery CLI) and to admins only', async () => {
    const remote = await request(server.url).get('/api/health').set('X-Forwarded-For', '203.0.113.9').expect(200);
    assert.equal(remote.body.checks.docker.status, 'down');
    assert.equal(remote.body.checks.docker.detail, undefined);
    assert.doesNotMatch(JSON.stringify(remote.body), /nonexistent/);
    const local = await request(server.url).get('/api/health').expect(200);
    assert.match(String(local.body.checks.docker.detail), /nonexistent/);
  });
});
