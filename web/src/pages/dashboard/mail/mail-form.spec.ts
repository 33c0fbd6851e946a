import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relayProblemKey, toDraft, validateMail } from './mail-form';

const SAVED = {
  host: 'smtp.example.org',
  port: 587,
  security: 'starttls' as const,
  username: 'fabrique',
  password: 'set' as const,
  fromAddress: 'bonjour@fabrique.example',
  fromName: null,
};

describe('mail: the Outgoing mail form', () => {
  it('starts empty on STARTTLS port 587, and never shows a saved password', () => {
    assert.deepEqual(toDraft(null), {
      host: '',
      port: '587',
      security: 'starttls',
      username: '',
      password: '',
      fromAddress: '',
      fromName: '',
    });
    assert.equal(toDraft(SAVED).password, '');
  });

  it('sends back the saved settings unchanged, keeping the saved password (left out)', () => {
    assert.deepEqual(validateMail(toDraft(SAVED)), {
      change: {
        host: 'smtp.example.org',
        port: 587,
        security: 'starttls',
        username: 'fabrique',
        fromAddress: 'bonjour@fabrique.example',
        fromName: null,
      },
      problems: {},
    });
  });

  it('sends a new password only with a username; an empty username means no sign-in', () => {
    assert.equal(validateMail({ ...toDraft(SAVED), password: 'new secret' }).change?.password, 'new secret');
    const anonymous = validateMail({ ...toDraft(SAVED), username: '  ', password: 'ignored' }).change;
    assert.equal(anonymous?.username, null);
    assert.equal(anonymous && 'password' in anonymous, false);
  });

  it('names each field to fix', () => {
    const { change, problems } = validateMail({
      ...toDraft(null),
      host: 'smtp://x',
      port: '70000',
      fromAddress: 'not an address',
    });
    assert.equal(change, null);
    assert.deepEqual(Object.keys(problems).sort(), ['fromAddress', 'host', 'port']);
    assert.equal(validateMail(toDraft(null)).problems.host?.key, 'validation.required');
  });

  it('translates the relay’s problems, and anything unknown as a plain failure', () => {
    assert.equal(relayProblemKey('unreachable'), 'mail.error.unreachable');
    assert.equal(relayProblemKey('authRefused'), 'mail.error.authRefused');
    assert.equal(relayProblemKey('something new'), 'mail.error.failed');
    assert.equal(relayProblemKey(undefined), 'mail.error.failed');
  });
});
