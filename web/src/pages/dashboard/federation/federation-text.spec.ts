import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../lib/api';
import { en } from '../../../lib/i18n/en';
import { fr } from '../../../lib/i18n/fr';
import { federationProblem } from './federation-errors';

/** The server's message keys (server/src/federation/federation.errors.ts and the link loop's link.error.*). */
const SERVER_KEYS = [
  'federation.codeUnreadable',
  'federation.fingerprintMismatch',
  'federation.alreadyEnrolled',
  'federation.notEnrolled',
  'federation.unreachable',
  'federation.codeRefused',
  'federation.signatureRefused',
  'federation.revoked',
  'federation.notAnUpstream',
  'federation.upstreamFailed',
  'link.error.unreachable',
  'link.error.refused',
  'link.error.revoked',
  'link.error.codeRefused',
  'link.error.invalid',
  'link.error.failed',
];

describe('the Mutualised host card', () => {
  it('has a text for every key the server sends, in both languages', () => {
    for (const key of SERVER_KEYS) {
      assert.ok(Object.hasOwn(en, key), `en ${key}`);
      assert.ok(Object.hasOwn(fr, key), `fr ${key}`);
    }
  });

  it('shows the server’s message key, and falls back on the status', () => {
    const refusal = (code: string, status = 409) => new ApiError(status, 'x', [{ field: 'code', code, message: 'x' }]);
    assert.deepEqual(federationProblem(refusal('federation.fingerprintMismatch')), {
      key: 'federation.fingerprintMismatch',
    });
    assert.deepEqual(federationProblem(refusal('unknownThing')), { key: 'error.conflict' });
    assert.deepEqual(federationProblem(new ApiError(0, 'offline')), { key: 'error.network' });
  });

  it('never says appliance, container or job to a person', () => {
    for (const [key, text] of Object.entries({ ...fr, ...en })) {
      if (!key.startsWith('federation.') && !key.startsWith('link.')) continue;
      assert.doesNotMatch(text, /appliance|conteneur|container|\bjobs?\b/i, key);
    }
  });
});
