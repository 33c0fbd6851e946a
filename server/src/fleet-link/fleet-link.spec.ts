import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeEnrollmentCode, encodeEnrollmentCode } from './enrollment-code';
import { keyFingerprint, publicKeyFromBase64, publicKeyToBase64 } from './key-fingerprint';
import { checkRequest, LINK_HEADERS, signRequest } from './link-signature';
import { checkCommand, signCommand } from './signed-command';

const NOW = new Date('2026-11-30T12:00:00Z');
const pair = () => generateKeyPairSync('ed25519');

describe('link signatures', () => {
  const { privateKey, publicKey } = pair();
  const parts = {
    method: 'POST',
    path: '/api/fleet/device/heartbeat',
    body: '{"version":"1"}',
    applianceId: 'a1',
    timestamp: NOW.toISOString(),
    nonce: 'n0nce-0123456789abcdef',
  };
  const signed = (overrides: Record<string, unknown> = {}) => {
    const headers = signRequest(privateKey, parts);
    return { ...parts, signature: headers[LINK_HEADERS.signature], ...overrides };
  };

  it('accepts what it signed and names the appliance in the headers', () => {
    assert.equal(signRequest(privateKey, parts)[LINK_HEADERS.appliance], 'a1');
    assert.equal(checkRequest(publicKey, signed(), NOW), undefined);
  });

  it('refuses a changed body, path, method or appliance, and another key', () => {
    assert.equal(checkRequest(publicKey, signed({ body: '{"version":"2"}' }), NOW), 'bad-signature');
    assert.equal(checkRequest(publicKey, signed({ path: '/api/fleet/device/leave' }), NOW), 'bad-signature');
    assert.equal(checkRequest(publicKey, signed({ method: 'GET' }), NOW), 'bad-signature');
    assert.equal(checkRequest(publicKey, signed({ applianceId: 'a2' }), NOW), 'bad-signature');
    assert.equal(checkRequest(pair().publicKey, signed(), NOW), 'bad-signature');
  });

  it('refuses a skew beyond five minutes either way, and missing parts', () => {
    assert.equal(checkRequest(publicKey, signed(), new Date(NOW.getTime() + 5 * 60_000 + 1)), 'skew');
    assert.equal(checkRequest(publicKey, signed(), new Date(NOW.getTime() - 5 * 60_000 - 1)), 'skew');
    assert.equal(checkRequest(publicKey, signed(), new Date(NOW.getTime() + 4 * 60_000)), undefined);
    assert.equal(checkRequest(publicKey, signed({ signature: undefined }), NOW), 'missing');
    assert.equal(checkRequest(publicKey, signed({ nonce: 'short' }), NOW), 'missing');
  });
});

describe('keys and enrollment codes', () => {
  it('round-trips a public key and gives a stable grouped fingerprint', () => {
    const { publicKey } = pair();
    const text = publicKeyToBase64(publicKey);
    assert.equal(keyFingerprint(text), keyFingerprint(publicKeyFromBase64(text)));
    assert.match(keyFingerprint(publicKey), /^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    assert.throws(() =>
      publicKeyFromBase64(
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .publicKey.export({ type: 'spki', format: 'der' })
          .toString('base64'),
      ),
    );
  });

  it('round-trips a code and refuses anything else', () => {
    const code = {
      url: 'https://hub.example.coop',
      token: 'A'.repeat(43),
      fingerprint: keyFingerprint(pair().publicKey),
    };
    assert.deepEqual(decodeEnrollmentCode(` ${encodeEnrollmentCode(code)}\n`), code);
    assert.equal(decodeEnrollmentCode('hello'), undefined);
    assert.equal(decodeEnrollmentCode('tlup1.!!!'), undefined);
    assert.equal(decodeEnrollmentCode(encodeEnrollmentCode({ ...code, url: 'ftp://x' })), undefined);
    assert.equal(decodeEnrollmentCode(encodeEnrollmentCode({ ...code, fingerprint: 'abcd' })), undefined);
  });
});

describe('signed commands', () => {
  const upstream = pair();
  const command = {
    id: 'c1',
    applianceId: 'a1',
    type: 'backup.run',
    params: { b: '2', a: '1' },
    issuedAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 60_000).toISOString(),
  };

  it('accepts an allowlisted, unexpired command for this appliance signed by the pinned key', () => {
    const signed = signCommand(upstream.privateKey, command);
    assert.equal(checkCommand(upstream.publicKey, signed, 'a1', NOW), undefined);
    // Parameter order does not change the signed bytes.
    assert.equal(
      checkCommand(upstream.publicKey, { ...signed, command: { ...command, params: { a: '1', b: '2' } } }, 'a1', NOW),
      undefined,
    );
  });

  it('refuses a forged, altered, misdirected, expired or unlisted command', () => {
    const signed = signCommand(upstream.privateKey, command);
    assert.equal(checkCommand(upstream.publicKey, signCommand(pair().privateKey, command), 'a1', NOW), 'bad-signature');
    assert.equal(
      checkCommand(upstream.publicKey, { ...signed, command: { ...command, type: 'service.update' } }, 'a1', NOW),
      'bad-signature',
    );
    assert.equal(checkCommand(upstream.publicKey, { ...signed, signature: 'garbage' }, 'a1', NOW), 'bad-signature');
    assert.equal(checkCommand(upstream.publicKey, signed, 'a2', NOW), 'other-appliance');
    assert.equal(checkCommand(upstream.publicKey, signed, 'a1', new Date(NOW.getTime() + 60_000)), 'expired');
    const shell = signCommand(upstream.privateKey, { ...command, type: 'shell.exec' });
    assert.equal(checkCommand(upstream.publicKey, shell, 'a1', NOW), 'not-allowed');
  });
});
