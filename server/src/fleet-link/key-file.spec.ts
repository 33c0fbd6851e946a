import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { Ed25519KeyFile, type KeyFileStore } from './key-file';

/** The data directory's files in memory; createAtomic keeps the first writer's content. */
function memoryStore(): KeyFileStore & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    readText: (path) => files.get(path),
    writeAtomic: (path, content) => void files.set(path, content),
    createAtomic: (path, content) => (files.has(path) ? false : (files.set(path, content), true)),
    remove: (path) => void files.delete(path),
  };
}

const spki = (key: KeyObject) =>
  (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' }).toString('base64');

describe('Ed25519KeyFile', () => {
  it('makes the key on first need, then keeps reading the same one', () => {
    const store = memoryStore();
    const file = new Ed25519KeyFile(store, 'secrets/k.pem');
    assert.equal(file.read(), undefined);
    const first = file.readOrCreate();
    assert.equal(first.asymmetricKeyType, 'ed25519');
    assert.match(store.files.get('secrets/k.pem')!, /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(spki(file.readOrCreate()), spki(first));
    assert.equal(spki(file.read()!), spki(first));
  });

  it('keeps the key a racing process wrote first', () => {
    const store = memoryStore();
    const winner = generateKeyPairSync('ed25519').privateKey;
    const file = new Ed25519KeyFile(
      {
        ...store,
        // The other process writes between this one's read and its create.
        createAtomic: (path, content) => {
          store.files.set(path, winner.export({ type: 'pkcs8', format: 'pem' }).toString());
          return store.createAtomic(path, content);
        },
      },
      'k.pem',
    );
    assert.equal(spki(file.readOrCreate()), spki(winner));
  });

  it('generates a new pair over the old key, and forgets it', () => {
    const file = new Ed25519KeyFile(memoryStore(), 'k.pem');
    const old = file.readOrCreate();
    const pair = file.generate();
    assert.notEqual(spki(pair.publicKey), spki(old));
    assert.equal(spki(file.read()!), spki(pair.publicKey));
    file.remove();
    assert.equal(file.read(), undefined);
  });

  it('refuses a key file that is not Ed25519', () => {
    const store = memoryStore();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    store.files.set('k.pem', rsa.export({ type: 'pkcs8', format: 'pem' }).toString());
    assert.throws(() => new Ed25519KeyFile(store, 'k.pem').readOrCreate(), /k\.pem is not an Ed25519 key/);
  });
});
