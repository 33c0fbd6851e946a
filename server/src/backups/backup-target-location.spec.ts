import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgetPlan, parseLocation, repositoryFileContent, resticTarget, retentionOf } from './backup-target-location';
import { copyArgs, repositoryArgs } from './restic.container';

describe('backup target locations', () => {
  it('takes an absolute directory, normalised, and refuses relative, `..` and system paths', () => {
    assert.deepEqual(parseLocation('directory', ' /mnt/usb//backups/ '), {
      location: '/mnt/usb/backups',
      secret: null,
    });
    assert.deepEqual(parseLocation('directory', 'mnt/usb'), { problem: 'notAbsolute' });
    assert.deepEqual(parseLocation('directory', '/mnt/../etc'), { problem: 'notAbsolute' });
    assert.deepEqual(parseLocation('directory', '/mnt/a\nb'), { problem: 'notAbsolute' });
    for (const path of ['/', '/etc', '/etc/restic', '/var/lib/docker/volumes', '/proc/1', '/usr']) {
      assert.deepEqual(parseLocation('directory', path), { problem: 'systemPath' }, path);
    }
    // A prefix of a name is not the directory: /etcetera is not /etc.
    assert.deepEqual(parseLocation('directory', '/etcetera'), { location: '/etcetera', secret: null });
  });

  it('takes an http(s) URL; its password goes to the secret, never to the location', () => {
    assert.deepEqual(parseLocation('rest', 'https://backup.coop.example/fabrique/'), {
      location: 'https://backup.coop.example/fabrique/',
      secret: null,
    });
    assert.deepEqual(parseLocation('rest', 'http://camille:s3cret@10.0.0.2:8000/repo'), {
      location: 'http://camille@10.0.0.2:8000/repo',
      secret: 'http://camille:s3cret@10.0.0.2:8000/repo',
    });
    for (const url of ['ftp://host/', 'not a url', '/mnt/disk', 'https://host/?x=1', 'https://host/#a']) {
      assert.deepEqual(parseLocation('rest', url), { problem: 'notHttpUrl' }, url);
    }
  });

  it('refuses sftp and s3 for now with their own code', () => {
    assert.deepEqual(parseLocation('sftp', 'sftp:user@host:/srv'), { problem: 'kindNotYet' });
    assert.deepEqual(parseLocation('s3', 'https://s3.example/bucket'), { problem: 'kindNotYet' });
  });

  it('hands restic a REST URL with a password through its secret file only', () => {
    const row = { kind: 'rest' as const, location: 'http://camille@host:8000/' };
    assert.deepEqual(repositoryArgs(resticTarget(row, null)), ['-r', 'rest:http://camille@host:8000/']);
    const secret = resticTarget(row, 'secrets/backup-targets/x');
    assert.deepEqual(repositoryArgs(secret), ['--repository-file', '/data/secrets/backup-targets/x']);
    assert.equal(repositoryFileContent('rest', 'http://camille:pw@host:8000/'), 'rest:http://camille:pw@host:8000/');
    assert.deepEqual(repositoryArgs(resticTarget({ kind: 'directory', location: '/mnt/d' }, null)), ['-r', '/target']);
  });

  it('copies named snapshots from the local repository only', () => {
    assert.deepEqual(copyArgs({ kind: 'local' }, '/data/secrets/backup-password', ['abcdef12']), [
      'copy',
      '--from-repo',
      '/data/backups/repository',
      '--from-password-file',
      '/data/secrets/backup-password',
      'abcdef12',
    ]);
    assert.throws(() => copyArgs({ kind: 'local' }, '/p', ['--host=x']), RangeError);
    assert.throws(() => copyArgs({ kind: 'rest', url: 'http://h/' }, '/p', ['abcdef12']), RangeError);
  });
});

describe('per-target retention', () => {
  it('is the three counts, or null (keep everything) when any is missing', () => {
    assert.deepEqual(retentionOf({ keepDaily: 7, keepWeekly: 0, keepMonthly: 6 }), { daily: 7, weekly: 0, monthly: 6 });
    assert.equal(retentionOf({ keepDaily: null, keepWeekly: null, keepMonthly: null }), null);
  });

  it('forgets only on the targets with a policy; the others are left whole (append-only)', () => {
    const disk = { name: 'disk', retention: { daily: 1, weekly: 1, monthly: 1 } };
    const coop = { name: 'coop', retention: null };
    const plan = forgetPlan([coop, disk]);
    assert.deepEqual(plan.forget, [{ target: disk, policy: disk.retention }]);
    assert.deepEqual(plan.keepAll, [coop]);
  });
});
