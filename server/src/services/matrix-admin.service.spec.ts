import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SecretsRepository } from '../secrets/secrets.repository';
import { MatrixAdminService, MatrixAdminUnavailableError } from './matrix-admin.service';
import { recordingHttp } from './service-http.fixtures.spec';
import { ServiceHttpError } from './service-http.repository';

/** Synapse's registration and admin API as far as the service uses them. */
function fakeSynapse(options: { userInUse?: boolean } = {}) {
  return recordingHttp(({ method, body }) => {
    if (method === 'GET') return Promise.resolve({ nonce: 'n1' });
    if (method === 'POST' && options.userInUse) {
      return Promise.reject(new ServiceHttpError('400', 400, '{"errcode":"M_USER_IN_USE"}'));
    }
    if (method === 'POST') {
      return Promise.resolve({ user_id: `@${String(body?.username)}:example.org`, access_token: 'syt_token' });
    }
    return Promise.resolve({});
  });
}

describe('MatrixAdminService', () => {
  let dataDir: string;
  let secrets: SecretsRepository;
  const secretsDir = () => join(dataDir, 'secrets');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tl-matrix-admin-'));
    secrets = new SecretsRepository(new DataDirRepository(dataDir));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers with a random password it does not keep, and stores the token 0600', async () => {
    const synapse = fakeSynapse();
    const service = new MatrixAdminService(secrets, synapse.http);
    service.want('camille');
    assert.ok(service.needsRegistration());
    await service.ensureRegistered('10.0.0.5', 'shared', 'fallback');
    const post = synapse.calls.find((c) => c.method === 'POST')!;
    assert.equal(post.body?.username, 'camille');
    assert.equal(post.body?.admin, true);
    const password = String(post.body?.password);
    assert.ok(password.length >= 20);
    const stored = readFileSync(join(secretsDir(), 'matrix-admin.json'), 'utf8');
    assert.ok(!stored.includes(password));
    assert.deepEqual(JSON.parse(stored), {
      username: 'camille',
      userId: '@camille:example.org',
      accessToken: 'syt_token',
    });
    assert.equal(statSync(join(secretsDir(), 'matrix-admin.json')).mode & 0o777, 0o600);
    assert.ok(!service.needsRegistration());
    // Registered once: a later reconciliation calls nothing.
    const before = synapse.calls.length;
    await service.ensureRegistered('10.0.0.5', 'shared', 'fallback');
    assert.equal(synapse.calls.length, before);
  });

  it('sets a new password through the admin API with the stored token, keeping its own session', async () => {
    const synapse = fakeSynapse();
    const service = new MatrixAdminService(secrets, synapse.http);
    await service.ensureRegistered('10.0.0.5', 'shared', 'camille');
    const { userId, password } = await service.newPassword('10.0.0.5');
    assert.equal(userId, '@camille:example.org');
    const put = synapse.calls.find((c) => c.method === 'PUT')!;
    assert.equal(put.url, 'http://10.0.0.5:8008/_synapse/admin/v2/users/%40camille%3Aexample.org');
    assert.equal(put.bearer, 'syt_token');
    assert.deepEqual(put.body, { password, logout_devices: false });
    assert.ok(!readFileSync(join(secretsDir(), 'matrix-admin.json'), 'utf8').includes(password));
  });

  it('refuses a new password before registration, and after finding the name taken', async () => {
    const service = new MatrixAdminService(secrets, fakeSynapse({ userInUse: true }).http);
    await assert.rejects(service.newPassword('10.0.0.5'), (err: unknown) => {
      return err instanceof MatrixAdminUnavailableError && err.reason === 'not-registered';
    });
    await service.ensureRegistered('10.0.0.5', 'shared', 'camille');
    assert.ok(!service.needsRegistration(), 'a taken name is not retried on every reconciliation');
    await assert.rejects(service.newPassword('10.0.0.5'), (err: unknown) => {
      return err instanceof MatrixAdminUnavailableError && err.reason === 'taken';
    });
  });

  it('deletes the clear-text password file of earlier versions at boot and registers without it', async () => {
    mkdirSync(secretsDir(), { recursive: true });
    const legacy = join(secretsDir(), 'pending-matrix-admin.json');
    writeFileSync(legacy, JSON.stringify({ username: 'dominique', password: 'the-dashboard-password' }));
    const synapse = fakeSynapse();
    const service = new MatrixAdminService(secrets, synapse.http);
    service.onApplicationBootstrap();
    assert.ok(!existsSync(legacy));
    assert.ok(service.needsRegistration());
    await service.ensureRegistered('10.0.0.5', 'shared', 'fallback');
    const post = synapse.calls.find((c) => c.method === 'POST')!;
    assert.equal(post.body?.username, 'dominique');
    assert.notEqual(post.body?.password, 'the-dashboard-password');
  });
});
