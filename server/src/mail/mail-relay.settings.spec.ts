import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smtpSettingsOf } from './mail-relay.settings';
import type { MailSettingsEntity } from './mail-settings.entity';

const ROW: MailSettingsEntity = {
  id: 1,
  host: 'smtp.example.org',
  port: 587,
  security: 'starttls',
  username: 'relay',
  fromAddress: 'bonjour@fabrique.example.org',
  fromName: null,
  updatedAt: new Date(0),
};

describe("the services' view of the relay", () => {
  it('takes the saved relay, and the community name as the sender name unless one is chosen', () => {
    assert.deepEqual(smtpSettingsOf(ROW, 'pw', 'La Fabrique'), {
      host: 'smtp.example.org',
      port: 587,
      security: 'starttls',
      username: 'relay',
      password: 'pw',
      from: 'bonjour@fabrique.example.org',
      fromName: 'La Fabrique',
    });
    assert.equal(smtpSettingsOf({ ...ROW, fromName: 'Équipe' }, 'pw', 'La Fabrique').fromName, 'Équipe');
  });

  it('gives no password without a username', () => {
    assert.equal(smtpSettingsOf({ ...ROW, username: null }, 'lingering', 'X').password, null);
  });
});
