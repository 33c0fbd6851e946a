import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_SMTP, testContext } from './catalog.fixtures.spec';
import { nextcloudDefinition, nextcloudSmtpEnv } from './nextcloud.catalog';

const SMTP = TEST_SMTP;

/**
 * Against the official image's documented variables (README, "Auto configuration via environment
 * variables") as its config/smtp.config.php reads them: SMTP_HOST, SMTP_PORT, SMTP_SECURE (ssl only),
 * SMTP_AUTHTYPE, SMTP_NAME, SMTP_PASSWORD_FILE, MAIL_FROM_ADDRESS, MAIL_DOMAIN.
 */
describe("Nextcloud's outgoing mail", () => {
  it('sets no mail variable without a relay', () => {
    assert.deepEqual(nextcloudSmtpEnv(testContext()), {});
    const env = nextcloudDefinition.renderEnv(testContext());
    assert.ok(!Object.keys(env).some((key) => key.startsWith('SMTP_') || key.startsWith('MAIL_')));
  });

  it('uses STARTTLS by leaving SMTP_SECURE out (Nextcloud ignores anything but ssl)', () => {
    assert.deepEqual(nextcloudSmtpEnv(testContext({ smtp: SMTP })), {
      SMTP_HOST: 'smtp.example.org',
      SMTP_PORT: '587',
      SMTP_AUTHTYPE: 'LOGIN',
      SMTP_NAME: 'relay-user',
      SMTP_PASSWORD_FILE: '/run/secrets/smtp-password',
      MAIL_FROM_ADDRESS: 'bonjour',
      MAIL_DOMAIN: 'fabrique.example.org',
    });
  });

  it('sets SMTP_SECURE=ssl for TLS from the first byte, and nothing for plain SMTP', () => {
    assert.equal(nextcloudSmtpEnv(testContext({ smtp: { ...SMTP, security: 'tls', port: 465 } })).SMTP_SECURE, 'ssl');
    assert.equal(
      nextcloudSmtpEnv(testContext({ smtp: { ...SMTP, security: 'none', port: 25 } })).SMTP_SECURE,
      undefined,
    );
  });

  it('signs in only with a username and a password file', () => {
    const ctx = testContext({ smtp: { ...SMTP, username: null, password: null } });
    const env = nextcloudSmtpEnv(ctx);
    assert.equal(env.SMTP_NAME, undefined);
    assert.equal(env.SMTP_PASSWORD_FILE, undefined);
    assert.ok(!nextcloudDefinition.renderFiles(ctx).some((f) => f.path.endsWith('smtp-password')));
    const withPassword = nextcloudDefinition.renderFiles(testContext({ smtp: SMTP }));
    const file = withPassword.find((f) => f.path === '/run/secrets/smtp-password');
    assert.ok(file?.type === 'file' && file.content === 'relay-secret');
  });
});
