import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintOf, generateSshKeyPair, knownHostsLine, parseHostKey, publicKeyOf } from './ssh-key';

// A key checked with OpenSSH: `ssh-keygen -lf` shows this fingerprint.
const PUBLIC = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3fkQ3/zvA3Tc5BovIx1pBYt+PaIlaol5ux tl backups';
const FINGERPRINT = 'SHA256:B1JZmOt13EwhmD66PEKEZUxAxhYUKecR3XCIPC5kRUc';

describe('SSH keys of the SFTP backup places', () => {
  it('makes an Ed25519 pair in OpenSSH’s formats, the public key read back from the private file', () => {
    const pair = generateSshKeyPair('tiers-lieux-backups');
    assert.match(
      pair.privateKey,
      /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,70}\n)+-----END OPENSSH PRIVATE KEY-----\n$/,
    );
    assert.match(pair.publicKey, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} tiers-lieux-backups$/);
    assert.equal(publicKeyOf(pair.privateKey, 'tiers-lieux-backups'), pair.publicKey);
    const body = Buffer.from(pair.privateKey.split('\n').slice(1, -2).join(''), 'base64');
    assert.equal(body.subarray(0, 15).toString('latin1'), 'openssh-key-v1\0');
    assert.notEqual(generateSshKeyPair('x').publicKey.split(' ')[1], pair.publicKey.split(' ')[1]);
  });

  it('pins a pasted host key (a .pub or known_hosts line) under one alias, with OpenSSH’s fingerprint', () => {
    const key = parseHostKey(`\n# ssh-keyscan\nbackup.example ${PUBLIC}\n`);
    assert.ok(key);
    assert.equal(fingerprintOf(key), FINGERPRINT);
    assert.equal(knownHostsLine(key), `backup-place ${PUBLIC.split(' ').slice(0, 2).join(' ')}\n`);
    assert.deepEqual(parseHostKey(PUBLIC), key);
    // The blob must be a key of the type it claims; one key only; no other words first.
    for (const bad of [
      PUBLIC.replace('ssh-ed25519', 'ecdsa-sha2-nistp256'),
      `${PUBLIC}\n${PUBLIC}`,
      `a b ${PUBLIC}`,
      'ssh-ed25519',
      'ssh-dss AAAAB3NzaC1kc3MAAACBAP',
      '',
    ]) {
      assert.equal(parseHostKey(bad), null, bad);
    }
  });
});
