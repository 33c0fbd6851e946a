import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMail, escapeHtml } from './mail-messages';

const LINK = 'https://fabrique.example/#/join/abcDEF_123-xyz';
const EXPIRES = new Date('2026-12-02T10:00:00.000Z');

describe('mail messages', () => {
  it('an invitation in French names the community in the subject and carries the link in both parts', () => {
    const mail = buildMail(
      { kind: 'invitation', link: LINK, expiresAt: EXPIRES },
      { language: 'fr', communityName: 'La Fabrique' },
    );
    assert.equal(mail.subject, 'Invitation à rejoindre La Fabrique');
    assert.match(mail.text, /Pour créer votre compte, ouvrez ce lien avant le 2 décembre 2026/);
    assert.ok(mail.text.includes(`\n\n${LINK}\n\n`), 'the link stands alone on its line in the text part');
    assert.ok(mail.html.includes(`href="${LINK}"`));
    assert.match(mail.html, /<html lang="fr">/);
    assert.match(mail.html, />Rejoindre La Fabrique</);
  });

  it('a password reset in English names the account and how long the link lasts', () => {
    const mail = buildMail(
      { kind: 'passwordReset', link: 'https://x.example/#/reset/t0k3n', username: 'dominique', validMinutes: 30 },
      { language: 'en', communityName: 'The Workshop' },
    );
    assert.equal(mail.subject, 'The Workshop: new password');
    assert.match(mail.text, /^Hello dominique,/);
    assert.match(mail.text, /This link works once, for 30 minutes:\n\nhttps:\/\/x\.example\/#\/reset\/t0k3n\n/);
    assert.match(mail.html, /<html lang="en">/);
    assert.ok(mail.html.includes('href="https://x.example/#/reset/t0k3n"'));
  });

  it('an approved sign-up says so in the installation’s language, with the account and the sign-in link', () => {
    const content = { kind: 'signUpApproved', link: 'https://fab.example/#/login', username: 'dominique' } as const;
    const fr = buildMail(content, { language: 'fr', communityName: 'La Fabrique' });
    assert.equal(fr.subject, 'La Fabrique : votre demande est acceptée');
    assert.match(fr.text, /votre compte dominique est prêt/);
    assert.ok(fr.html.includes('href="https://fab.example/#/login"'));
    const en = buildMail(content, { language: 'en', communityName: 'The Workshop' });
    assert.equal(en.subject, 'The Workshop: your request is accepted');
    assert.match(en.text, /your account dominique is ready/);
  });

  it('the test message exists in both languages', () => {
    assert.equal(
      buildMail({ kind: 'test' }, { language: 'fr', communityName: 'Fab' }).subject,
      'Fab : message de test',
    );
    assert.equal(buildMail({ kind: 'test' }, { language: 'en', communityName: 'Fab' }).subject, 'Fab: test message');
  });

  it('a community name cannot inject HTML or a header line', () => {
    const mail = buildMail({ kind: 'test' }, { language: 'en', communityName: 'A <b>&</b>\r\nBcc: x@evil' });
    assert.ok(!/[\r\n]/.test(mail.subject));
    assert.ok(!mail.html.includes('<b>'));
    assert.ok(mail.html.includes('A &#60;b&#62;&#38;&#60;/b&#62; Bcc: x@evil'));
  });

  it('escapes quotes in attributes', () => {
    assert.equal(escapeHtml(`"'<>&`), '&#34;&#39;&#60;&#62;&#38;');
  });
});
