import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import { ResticError } from '../../server/src/backups/restic.types';
import { loadConfig } from '../../server/src/config/app-config';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import type { InstallationRepository } from '../../server/src/setup/installation.repository';
import { act, jobError, type Session, waitJob } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { ServerProcess } from '../support/server-process';
import { testEngine, testImageOverrides } from '../support/test-images';

const engine = testEngine();

/** The manager's data directory, but restic is given another password file: the key under test. */
class OtherPassword extends DataDirRepository {
  override get backupPasswordFile(): string {
    return join(this.secretsDir, 'test-other-password');
  }
}

describe('recovery key: a second restic key, shown once, that opens the repository on its own', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let other: OtherPassword;
  let restic: ResticRepository;

  const makeKey = () =>
    request(server.url)
      .post('/api/backups/recovery-key')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf);
  const recoveryKeyAt = async () =>
    (
      (await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200)).body as {
        recoveryKeyAt: string | null;
      }
    ).recoveryKeyAt;
  /** restic's snapshots, opened with `password` instead of the manager's own. */
  const snapshotsWith = (password: string) => {
    other.writeAtomic(other.backupPasswordFile, password);
    return restic.snapshots({ kind: 'local' });
  };

  before(async () => {
    ({ server, session, applianceId } = await setUpAppliance('recovery-key', []));
    const config = loadConfig({ DATA_DIR: server.dataDir, IMAGE_OVERRIDES: JSON.stringify(testImageOverrides()) });
    const installation = { get: () => Promise.resolve({ applianceId }) } as unknown as InstallationRepository;
    other = new OtherPassword(server.dataDir);
    restic = new ResticRepository(config, engine, other, installation);
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
  });

  it('answers 409 before the first backup, and the overview has no recovery key', async () => {
    const res = await makeKey();
    assert.equal(res.status, 409, res.text);
    assert.match((res.body as { message: string }).message, /first backup/);
    assert.equal(await recoveryKeyAt(), null);
  });

  it('needs the CSRF token', async () => {
    await request(server.url).post('/api/backups/recovery-key').set('Cookie', session.cookie).expect(403);
  });

  it('after a backup: answers a key once (no-store), the key opens the repository, the overview says when', async () => {
    const jobId = await act(server, session, '/api/backups', { services: ['appliance'] });
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));

    const res = await makeKey();
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['cache-control'], 'no-store');
    const { recoveryKey } = res.body as { recoveryKey: string };
    assert.match(recoveryKey, /^[A-Z2-7]{5}(-[A-Z2-7]{5}){7}$/);

    const made = await recoveryKeyAt();
    assert.ok(made && !Number.isNaN(Date.parse(made)), `recoveryKeyAt: ${made}`);
    // Only the date is kept: the key is nowhere in the data directory's record.
    assert.doesNotMatch(other.readText(other.recoveryKeyRecordFile) ?? '', new RegExp(recoveryKey));

    const withKey = await snapshotsWith(recoveryKey);
    assert.ok(withKey.length > 0, 'the recovery key lists the backup points');
    await assert.rejects(snapshotsWith('not-the-key'), (e) => e instanceof ResticError && e.reason === 'wrongPassword');

    // Again: a new key, which works as well, and replaces the first (a lost key stops opening the backups).
    const again = await makeKey();
    assert.equal(again.status, 200, again.text);
    const second = (again.body as { recoveryKey: string }).recoveryKey;
    assert.notEqual(second, recoveryKey);
    assert.equal((await snapshotsWith(second)).length, withKey.length);
    await assert.rejects(snapshotsWith(recoveryKey), (e) => e instanceof ResticError && e.reason === 'wrongPassword');
    // The manager's own key still opens it: the next backup succeeds.
    const next = await act(server, session, '/api/backups', { services: ['appliance'] });
    assert.equal((await waitJob(server, session, next)).job.state, 'succeeded');
  });
});
