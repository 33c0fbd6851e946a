import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { PasswordResetService } from '../../server/src/mail/password-reset.service';
import { type OutgoingMail, type SmtpRelay, SmtpRepository } from '../../server/src/mail/smtp.repository';
import { SmtpError } from '../../server/src/mail/smtp.types';
import { InstallationEntity } from '../../server/src/setup/installation.entity';
import { AccountsHttpApp, type Session } from '../support/medium-http';
import { sessionFrom } from '../support/setup-payload';

const PASSWORD = 'a long enough password';
const RELAY = { host: 'smtp.example.org', port: 587, security: 'starttls', fromAddress: 'bonjour@fabrique.test' };

/**
 * The mail routes over HTTP (real guard, services and SQLite); the relay is the one part replaced:
 * what SmtpRepository is asked to send is recorded (test/integration/mail.test.ts sends for real).
 */
describe('medium: outgoing mail over HTTP', () => {
  let app: AccountsHttpApp;
  let admin: Session;
  let member: Session;
  const sent: Array<{ relay: SmtpRelay; mail: OutgoingMail }> = [];
  let refuse: SmtpError | null = null;

  const api = () => request(app.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  const resetLink = (mail: OutgoingMail) => /#\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';

  before(async () => {
    app = await AccountsHttpApp.start();
    admin = await app.admin('camille');
    await app.dataSource.getRepository(InstallationEntity).insert({
      id: 1,
      communityName: 'La Fabrique',
      color: '#336699',
      logo: null,
      domain: 'fabrique.test',
      language: 'en',
      applianceId: 'tlm-mail',
      completedAt: new Date(),
    });
    app.app.get(SmtpRepository).send = (relay: SmtpRelay, mail: OutgoingMail) => {
      if (refuse) return Promise.reject(refuse);
      sent.push({ relay, mail });
      return Promise.resolve();
    };
    const link = await api()
      .post('/api/members/invitations')
      .set(as(admin))
      .send({ kind: 'single', expiresInHours: 1 })
      .expect(201);
    const accepted = await api()
      .post(`/api/members/invitations/${link.body.token as string}/accept`)
      .send({ username: 'dominique', password: PASSWORD, email: 'dominique@example.org' })
      .expect(201);
    member = sessionFrom(accepted.headers['set-cookie']);
  });
  after(() => app?.dispose());

  it('the settings are for administrators only', async () => {
    await api().get('/api/mail/settings').set(as(member)).expect(403);
    await api().put('/api/mail/settings').set(as(member)).send(RELAY).expect(403);
    await api().post('/api/mail/test').set(as(member)).send({ to: 'x@example.org' }).expect(403);
    await api().get('/api/mail/settings').expect(401);
  });

  it('refuses bad settings field by field', async () => {
    const res = await api()
      .put('/api/mail/settings')
      .set(as(admin))
      .send({ host: 'smtp://x:25', port: 0, security: 'ssl', fromAddress: 'nope', fromName: 'a\nb', extra: 1 })
      .expect(400);
    const fields = new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field));
    for (const field of ['host', 'port', 'security', 'fromAddress', 'fromName', 'extra'])
      assert.ok(fields.has(field), field);
  });

  it('a shared link cannot go by mail; a mailed single link needs mail set up', async () => {
    const shared = await api()
      .post('/api/members/invitations')
      .set(as(admin))
      .send({ kind: 'shared', expiresInHours: 1, maxUses: 3, email: 'x@example.org' })
      .expect(400);
    assert.equal(shared.body.errors[0].code, 'singleOnly');
    const single = await api()
      .post('/api/members/invitations')
      .set(as(admin))
      .send({ kind: 'single', expiresInHours: 1, email: 'x@example.org' })
      .expect(409);
    assert.equal(single.body.errors[0].code, 'notConfigured');
  });

  it('says when a mailed invitation did not leave, and the link is made all the same', async () => {
    await api().put('/api/mail/settings').set(as(admin)).send(RELAY).expect(200);
    refuse = new SmtpError('authRefused', '535 5.7.8 Authentication failed');
    try {
      const res = await api()
        .post('/api/members/invitations')
        .set(as(admin))
        .send({ kind: 'single', expiresInHours: 1, email: 'x@example.org' })
        .expect(201);
      assert.equal(res.body.mailed, false);
      assert.deepEqual(res.body.mailError, { key: 'authRefused', details: '535 5.7.8 Authentication failed' });
      await api()
        .get(`/api/members/invitations/${res.body.token as string}`)
        .expect(200);
    } finally {
      refuse = null;
    }
  });

  it('throttles the test send before any mail is handed to the relay', async () => {
    const before = sent.length;
    for (let i = 0; i < 5; i++) {
      await api().post('/api/mail/test').set(as(admin)).send({ to: 'camille@example.org' }).expect(200);
    }
    assert.equal(sent.length, before + 5);
    const res = await api().post('/api/mail/test').set(as(admin)).send({ to: 'camille@example.org' }).expect(429);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(sent.length, before + 5, 'nothing was sent for the refused one');
    assert.equal(sent.at(-1)?.mail.subject, 'La Fabrique: test message');
  });

  it('a reset link expires, and an unknown or malformed one is not found', async () => {
    await api().post('/api/auth/password-reset').send({ email: 'dominique@example.org' }).expect(202);
    await app.app.get(PasswordResetService).settled();
    const mail = sent.at(-1)!.mail;
    assert.equal(mail.to, 'dominique@example.org');
    assert.match(mail.text, /http:\/\/fabrique\.test\/#\/reset\//);
    const token = resetLink(mail);
    app.clock.offsetMs = 31 * 60_000;
    try {
      assert.equal((await api().get(`/api/auth/password-reset/${token}`).expect(200)).body.state, 'expired');
      const res = await api().post(`/api/auth/password-reset/${token}`).send({ password: 'a new long password' });
      assert.equal(res.status, 410);
      assert.equal(res.body.errors[0].code, 'expired');
    } finally {
      app.clock.offsetMs = 0;
    }
    await api().get('/api/auth/password-reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').expect(404);
    await api().get('/api/auth/password-reset/..%2F..%2Fetc').expect(404);
  });

  it('a new password must not contain the username', async () => {
    await api()
      .post('/api/auth/password-reset')
      .set('X-Forwarded-For', '10.9.0.1')
      .send({ email: 'dominique@example.org' })
      .expect(202);
    await app.app.get(PasswordResetService).settled();
    const token = resetLink(sent.at(-1)!.mail);
    const res = await api().post(`/api/auth/password-reset/${token}`).send({ password: 'dominique-is-my-password' });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].code, 'containsUsername');
  });

  it('throttles reset requests per address asked about, whatever the client, and answers alike for unknown ones', async () => {
    const ask = (email: string, from: string) =>
      api().post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email });
    for (let i = 0; i < 3; i++) await ask('nobody@example.org', `10.1.0.${i}`).expect(202);
    const refused = await ask('nobody@example.org', '10.1.0.9').expect(429);
    assert.ok(refused.body.retryAfterSeconds > 0);
    for (let i = 0; i < 10; i++) await ask(`person${i}@example.org`, '10.2.0.1').expect(202);
    await ask('someone-else@example.org', '10.2.0.1').expect(429);
    await app.app.get(PasswordResetService).settled();
    assert.equal(
      sent.filter((s) => s.mail.to !== 'dominique@example.org' && /password/.test(s.mail.subject)).length,
      0,
    );
  });

  it('removing the settings turns mail off', async () => {
    await api().delete('/api/mail/settings').set(as(admin)).expect(204);
    assert.deepEqual((await api().get('/api/mail/settings').set(as(admin)).expect(200)).body, { settings: null });
    await api()
      .post('/api/auth/password-reset')
      .set('X-Forwarded-For', '10.3.0.1')
      .send({ email: 'a@example.org' })
      .expect(409);
  });
});
