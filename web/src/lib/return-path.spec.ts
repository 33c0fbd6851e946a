import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interactionReturnPath, signInExpired } from './return-path';

describe('sign-in return path (web)', () => {
  it('keeps an interaction path of this origin', () => {
    assert.equal(interactionReturnPath('?return=%2Foidc%2Finteraction%2FAb3_x-9'), '/oidc/interaction/Ab3_x-9');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '?return=',
      '?return=%2F%2Fevil.example%2Foidc%2Finteraction%2Fx',
      '?return=https%3A%2F%2Fevil.example%2Foidc%2Finteraction%2Fx',
      '?return=%2Foidc%2Finteraction%2Fx%2F..%2F..%2Fapi',
      '?return=%2F%5Cevil.example',
      '?return=%2Fdashboard',
      '?return=javascript%3Aalert(1)',
    ]) {
      assert.equal(interactionReturnPath(bad), null, bad);
    }
  });

  it('reads the expired sign-in flag', () => {
    assert.equal(signInExpired('?signin=expired'), true);
    assert.equal(signInExpired('?return=x'), false);
  });
});
