import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * Pure: the appliance's SSH key toward SFTP backup places, and the host keys it pins. OpenSSH reads
 * only its own private key format for Ed25519, so the key pair made by Node is written in it here
 * (unencrypted: the file is 0600 under the data directory's secrets, like the backup password).
 */

/** The name ssh looks the pinned host key up under (HostKeyAlias): the file holds one place's key only. */
export const HOST_KEY_ALIAS = 'backup-place';

const HOST_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
] as const;

export interface SshKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----`, what `ssh -i` reads. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment`: the line the admin adds to the server's authorized_keys. */
  publicKey: string;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const sshString = (value: Buffer | string) => {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** A new Ed25519 key pair in OpenSSH's formats. */
export function generateSshKeyPair(comment: string): SshKeyPair {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  // Padded with 1, 2, 3… to the cipher's block size (8 for "none").
  const padding = Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1);
  secret = Buffer.concat([secret, Buffer.from(padding)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    u32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    privateKey: ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n'),
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')} ${comment}`,
  };
}

export interface HostKey {
  type: (typeof HOST_KEY_TYPES)[number];
  /** The key's blob, base64. */
  blob: string;
}

/**
 * A server's host key as an admin pastes it: a public key line (`/etc/ssh/ssh_host_ed25519_key.pub`)
 * or a known_hosts / ssh-keyscan line (`host ssh-ed25519 AAAA…`). Null when it is none of these: the
 * blob must decode to a key of the type it claims.
 */
export function parseHostKey(text: string): HostKey | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1) return null;
  const words = lines[0].split(/\s+/);
  const at = words.findIndex((w) => (HOST_KEY_TYPES as readonly string[]).includes(w));
  if (at < 0 || at > 1 || !words[at + 1] || !/^[A-Za-z0-9+/]+={0,2}$/.test(words[at + 1])) return null;
  const type = words[at] as HostKey['type'];
  const blob = Buffer.from(words[at + 1], 'base64');
  if (blob.length < 8) return null;
  const length = blob.readUInt32BE(0);
  if (blob.subarray(4, 4 + length).toString('latin1') !== type) return null;
  return { type, blob: words[at + 1] };
}

/** The known_hosts file pinning one place's host key (looked up through HOST_KEY_ALIAS). */
export const knownHostsLine = (key: HostKey) => `${HOST_KEY_ALIAS} ${key.type} ${key.blob}\n`;

/** OpenSSH's fingerprint of a key (`SHA256:…`), what `ssh-keygen -lf` and a first connection show. */
export function fingerprintOf(key: HostKey): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(key.blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** The public key line of a private key written by generateSshKeyPair (its public half is in the clear). */
export function publicKeyOf(privateKey: string, comment: string): string {
  const body = Buffer.from(
    privateKey
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join(''),
    'base64',
  );
  let at = 'openssh-key-v1\0'.length;
  const next = () => {
    const length = body.readUInt32BE(at);
    const value = body.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value;
  };
  next(); // cipher
  next(); // kdf
  next(); // kdf options
  at += 4; // number of keys
  const blob = next();
  const type = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
  return `${type} ${blob.toString('base64')} ${comment}`;
}
