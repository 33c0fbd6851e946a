import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { freePort, ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const PAYLOAD = setupPayload('');
const DOMAIN = PAYLOAD.domain;
const COMMUNITY = PAYLOAD.community.name;
const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long password';
const RELAY_PASSWORD = 'relay-secret-4f9c2a';

interface Session {
  cookie: string;
  csrf: string;
}

/** The one link of a mail: in the text part on its own line, and the same in the HTML part's button. */
function linkIn(mail: ReceivedMail, path: string): string {
  const prefix = `http://${DOMAIN}${path}`;
  const line = mail.text.split(/\r?\n/).find((l) => l.startsWith(prefix));
  assert.ok(line, `no ${prefix} link in:\n${mail.text}`);
  assert.ok(mail.html.includes(`href="${line}"`), `the HTML part carries the same link: ${mail.html}`);
  return line.trim();
}

/**
 * Acceptance point 5 of issue 11: outgoing mail through a real SMTP server (aiosmtpd) started by the
 * test. TLS off and no feature: the manager links to http://<domain>/, the community's address.
 */
describe('outgoing mail: settings, test message, invitations and password resets through a real SMTP server', () => {
  const server = new ServerProcess(tempDataDir('mail'), { TLS_MODE: 'off' });
  let sink: SmtpSink;
  let admin: Session;

  const api = () => request(server.url);
  const write = (s: Session, call: request.Test) => call.set('Cookie', s.cookie).set('x-csrf-token', s.csrf);
  const relay = (overrides: object = {}) => ({
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    fromAddress: 'bonjour@fabrique.example.org',
    ...overrides,
  });

  before(async () => {
    sink = await startSmtpSink('mail-sink');
    await server.start();
    const res = await api()
      .post('/api/setup')
      .send({ ...PAYLOAD, setupToken: server.setupTokenFromLog(), features: [] })
      .expect(201);
    admin = sessionFrom(res.headers['set-cookie']);
  });
  after(async () => {
    await server.dispose();
    await sink?.dispose();
  });

  it('without mail, nothing is sent: resets and mailed invitations say mail is not set up', async () => {
    assert.deepEqual((await api().get('/api/mail/settings').set('Cookie', admin.cookie).expect(200)).body, {
      settings: null,
    });
    const reset = await api().post('/api/auth/password-reset').send({ email: 'x@example.org' }).expect(409);
    assert.equal(reset.body.errors[0].code, 'notConfigured');
    await write(admin, api().post('/api/members/invitations'))
      .send({ kind: 'single', expiresInHours: 48, email: 'x@example.org' })
      .expect(409);
    const link = await write(admin, api().post('/api/members/invitations'))
      .send({ kind: 'single', expiresInHours: 48 })
      .expect(201);
    assert.equal(link.body.mailed, false);
    await write(admin, api().post('/api/mail/test')).send({ to: 'x@example.org' }).expect(409);
  });

  it('keeps the relay password in a 0600 file, never in SQLite, and only says whether it is set', async () => {
    const saved = await write(admin, api().put('/api/mail/settings'))
      .send(relay({ username: 'relay-user', password: RELAY_PASSWORD, fromName: 'La Fabrique' }))
      .expect(200);
    assert.equal(saved.body.password, 'set');
    assert.equal(JSON.stringify(saved.body).includes(RELAY_PASSWORD), false);
    const file = join(server.dataDir, 'secrets', 'smtp-password');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), RELAY_PASSWORD);
    const db = new Database(join(server.dataDir, 'appliance.sqlite'), { readonly: true });
    try {
      const row = db.prepare(`SELECT * FROM "mail_settings"`).get() as Record<string, unknown>;
      assert.equal(row.username, 'relay-user');
      assert.equal(JSON.stringify(row).includes(RELAY_PASSWORD), false);
    } finally {
      db.close();
    }
    // Left out: the stored password stays.
    const kept = await write(admin, api().put('/api/mail/settings'))
      .send(relay({ username: 'relay-user' }))
      .expect(200);
    assert.equal(kept.body.password, 'set');
    const read = await api().get('/api/mail/settings').set('Cookie', admin.cookie).expect(200);
    assert.equal(JSON.stringify(read.body).includes(RELAY_PASSWORD), false);
    assert.equal(JSON.stringify(server.log).includes(RELAY_PASSWORD), false, 'never logged');
    // No username: no sign-in, and the password goes.
    const plain = await write(admin, api().put('/api/mail/settings')).send(relay()).expect(200);
    assert.deepEqual(plain.body, {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      username: null,
      password: 'notSet',
      fromAddress: 'bonjour@fabrique.example.org',
      fromName: null,
    });
    assert.equal(existsSync(file), false);
  });

  it('sends a test message through the relay, in the community’s language and name', async () => {
    const res = await write(admin, api().post('/api/mail/test')).send({ to: 'camille@example.org' }).expect(200);
    assert.deepEqual(res.body, { sent: true });
    const mail = await sink.waitFor('camille@example.org', /message de test/);
    assert.equal(mail.subject, `${COMMUNITY} : message de test`);
    assert.match(mail.from, new RegExp(`${COMMUNITY}.*<bonjour@fabrique\\.example\\.org>`));
    assert.match(mail.text, /le courriel sortant de/);
  });

  it('says the relay refused, with its own words in details', async () => {
    const res = await write(admin, api().post('/api/mail/test')).send({ to: 'nobody@refused.example' }).expect(502);
    assert.equal(res.body.errors[0].code, 'refused');
    assert.match(res.body.details as string, /550/);
  });

  it('says the relay cannot be reached on a closed port', async () => {
    const closed = await freePort();
    await write(admin, api().put('/api/mail/settings'))
      .send(relay({ port: closed }))
      .expect(200);
    const res = await write(admin, api().post('/api/mail/test')).send({ to: 'camille@example.org' }).expect(502);
    assert.equal(res.body.errors[0].code, 'unreachable');
    assert.match(res.body.details as string, /ECONNREFUSED/);
    await write(admin, api().put('/api/mail/settings')).send(relay()).expect(200);
  });

  it('mails a member invitation whose link works, and a password reset whose link sets a new password once', async () => {
    const created = await write(admin, api().post('/api/members/invitations'))
      .send({ kind: 'single', expiresInHours: 48, email: 'dominique@example.org' })
      .expect(201);
    assert.equal(created.body.mailed, true);
    assert.equal(created.body.mailError, null);
    const invitation = await sink.waitFor('dominique@example.org', new RegExp(`Invitation à rejoindre ${COMMUNITY}`));
    const joinLink = linkIn(invitation, '/#/join/');
    const token = joinLink.slice(`http://${DOMAIN}/#/join/`.length);
    assert.equal(token, created.body.token);
    // The link works: the page's state, then its form.
    assert.equal((await api().get(`/api/members/invitations/${token}`).expect(200)).body.state, 'valid');
    const accepted = await api()
      .post(`/api/members/invitations/${token}/accept`)
      .send({ username: 'dominique', password: PASSWORD, email: 'Dominique@example.org' })
      .expect(201);
    const memberSession = sessionFrom(accepted.headers['set-cookie']);
    await api().get('/api/me').set('Cookie', memberSession.cookie).expect(200);

    // An unknown address answers the same, and gets nothing.
    await api().post('/api/auth/password-reset').send({ email: 'nobody@example.org' }).expect(202);
    await api().post('/api/auth/password-reset').send({ email: ' DOMINIQUE@example.org ' }).expect(202);
    const resetMail = await sink.waitFor('dominique@example.org', /nouveau mot de passe/);
    assert.equal(resetMail.subject, `${COMMUNITY} : nouveau mot de passe`);
    assert.match(resetMail.text, /^Bonjour dominique,/);
    const resetLink = linkIn(resetMail, '/#/reset/');
    const resetToken = resetLink.slice(`http://${DOMAIN}/#/reset/`.length);
    assert.equal(sink.mails().filter((m) => m.to.includes('nobody@example.org')).length, 0);

    assert.equal((await api().get(`/api/auth/password-reset/${resetToken}`).expect(200)).body.state, 'valid');
    await api().post(`/api/auth/password-reset/${resetToken}`).send({ password: NEW_PASSWORD }).expect(204);
    // Every session of the account ended; the old password is refused, the new one works.
    await api().get('/api/me').set('Cookie', memberSession.cookie).expect(401);
    await api().post('/api/auth/login').send({ username: 'dominique', password: PASSWORD }).expect(401);
    await api().post('/api/auth/login').send({ username: 'dominique', password: NEW_PASSWORD }).expect(200);
    // The link used twice is refused.
    const again = await api()
      .post(`/api/auth/password-reset/${resetToken}`)
      .send({ password: 'a third long password' })
      .expect(410);
    assert.equal(again.body.errors[0].code, 'used');
    assert.equal((await api().get(`/api/auth/password-reset/${resetToken}`).expect(200)).body.state, 'used');
    await api().post('/api/auth/login').send({ username: 'dominique', password: NEW_PASSWORD }).expect(200);
  });

  it('removing the settings stops mail: resets answer 409 again', async () => {
    await write(admin, api().delete('/api/mail/settings')).expect(204);
    await api().post('/api/auth/password-reset').send({ email: 'camille@example.org' }).expect(409);
  });
});
