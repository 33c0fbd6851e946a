import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  forgetPlan,
  parseLocation,
  repositoryFileContent,
  resticTarget,
  retentionOf,
  secretFileContent,
} from './backup-target-location';
import { commandOf } from './restic.call';
import { copyArgs, repositoryArgs, resticMounts, targetEnv } from './restic.container';

const HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3fkQ3/zvA3Tc5BovIx1pBYt+PaIlaol5ux root@coop';
const NO_FILES = { secretFile: null, sshKeyFile: 'secrets/backup-ssh-key' };

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

  it('takes an SFTP place with its pinned host key, which goes to the secret (a known_hosts line)', () => {
    const known = 'backup-place ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3fkQ3/zvA3Tc5BovIx1pBYt+PaIlaol5ux\n';
    assert.deepEqual(parseLocation('sftp', ' sftp://coop@Backup.Example:2222/srv/tl/ ', { hostKey: HOST_KEY }), {
      location: 'sftp://coop@backup.example:2222/srv/tl',
      secret: known,
    });
    // restic's own spelling, a known_hosts line pasted (ssh-keyscan's), port 22 left out.
    assert.deepEqual(
      parseLocation('sftp', 'sftp:coop@10.0.0.2:/backups', {
        hostKey: `[10.0.0.2]:22 ${HOST_KEY.split(' ').slice(0, 2).join(' ')}`,
      }),
      { location: 'sftp://coop@10.0.0.2/backups', secret: known },
    );
    for (const bad of [
      'sftp://coop@host/srv/a b',
      'sftp://coop@host/../etc',
      'sftp://-oProxyCommand=x@host/srv',
      'sftp://coop@-host/srv',
      'sftp://coop@host:70000/srv',
      'sftp://host/srv',
      'sftp://coop@host',
      'https://coop@host/srv',
    ]) {
      assert.deepEqual(parseLocation('sftp', bad, { hostKey: HOST_KEY }), { problem: 'notSftpLocation' }, bad);
    }
    for (const hostKey of [
      undefined,
      '',
      'ssh-ed25519 notbase64!',
      'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIFiKN24jk3f',
      `${HOST_KEY}\n${HOST_KEY}`,
    ]) {
      assert.deepEqual(parseLocation('sftp', 'sftp://coop@host/srv', { hostKey }), {
        problem: 'notHostKey',
        field: 'hostKey',
      });
    }
  });

  it('takes an S3 place (custom endpoint) with both keys, which go to an AWS credentials file', () => {
    const keys = { accessKeyId: 'AKIA123', secretAccessKey: '/izr+M#x;y' };
    const file = '[default]\naws_access_key_id = `AKIA123`\naws_secret_access_key = `/izr+M#x;y`\n';
    assert.deepEqual(parseLocation('s3', 'https://s3.coop.example:9000/tl-backups/fabrique/', keys), {
      location: 'https://s3.coop.example:9000/tl-backups/fabrique',
      secret: file,
    });
    assert.deepEqual(parseLocation('s3', 's3:http://minio.lan/bucket', keys), {
      location: 'http://minio.lan/bucket',
      secret: file,
    });
    for (const bad of [
      'https://s3.example/',
      'https://s3.example/B',
      'ftp://s3.example/b1',
      'https://k:s@s3.example/b1',
      'https://s3.example/b1/../x',
      'https://s3.example/b1?x',
    ]) {
      assert.deepEqual(parseLocation('s3', bad, keys), { problem: 'notS3Location' }, bad);
    }
    assert.deepEqual(parseLocation('s3', 'https://s3.example/bkt', { ...keys, accessKeyId: '' }), {
      problem: 'notS3Keys',
      field: 'accessKeyId',
    });
    assert.deepEqual(parseLocation('s3', 'https://s3.example/bkt', { ...keys, secretAccessKey: 'a`b' }), {
      problem: 'notS3Keys',
      field: 'secretAccessKey',
    });
    assert.equal(secretFileContent('s3', file), file);
    assert.equal(secretFileContent('rest', 'http://u:p@h/'), 'rest:http://u:p@h/');
  });

  it('runs ssh with the appliance key and the pinned host key as files, never a secret in Cmd or Env', () => {
    const target = resticTarget(
      { kind: 'sftp', location: 'sftp://coop@backup.example:2222/srv/tl' },
      { secretFile: 'secrets/backup-targets/t1', sshKeyFile: 'secrets/backup-ssh-key' },
    );
    const ssh =
      'ssh -F /dev/null -i /data/secrets/backup-ssh-key -o IdentitiesOnly=yes ' +
      '-o UserKnownHostsFile=/data/secrets/backup-targets/t1 -o GlobalKnownHostsFile=/dev/null ' +
      '-o StrictHostKeyChecking=yes -o HostKeyAlias=backup-place -o CheckHostIP=no -o BatchMode=yes ' +
      '-o ConnectTimeout=30 -o ServerAliveInterval=30 -p 2222 -l coop backup.example -s sftp';
    assert.deepEqual(commandOf(target, { args: ['snapshots'] }), [
      '--json',
      '--cache-dir',
      '/tmp/cache',
      '-r',
      'sftp:coop@backup.example:/srv/tl',
      '-o',
      `sftp.command=${ssh}`,
      'snapshots',
    ]);
    assert.deepEqual(targetEnv(target), []);
    // Only the data directory: the key and known_hosts are files of it, no other mount.
    assert.deepEqual(resticMounts({ Type: 'volume', Source: 'd', Target: '/x' }, target, []), [
      { Type: 'volume', Source: 'd', Target: '/data' },
    ]);
    assert.throws(() => resticTarget({ kind: 'sftp', location: 'sftp://coop@h/srv' }, NO_FILES), RangeError);
  });

  it('gives restic an S3 place’s keys through the credentials file’s path, path-style when asked', () => {
    const files = { secretFile: 'secrets/backup-targets/t2', sshKeyFile: 'secrets/backup-ssh-key' };
    const row = { kind: 's3' as const, location: 'https://s3.coop.example/tl', s3PathStyle: true };
    const target = resticTarget(row, files);
    assert.deepEqual(repositoryArgs(target), ['-r', 's3:https://s3.coop.example/tl', '-o', 's3.bucket-lookup=path']);
    assert.deepEqual(repositoryArgs(resticTarget({ ...row, s3PathStyle: null }, files)).slice(-1), [
      's3.bucket-lookup=auto',
    ]);
    assert.deepEqual(targetEnv(target), ['AWS_SHARED_CREDENTIALS_FILE=/data/secrets/backup-targets/t2']);
    const rendered = JSON.stringify([commandOf(target, { args: ['init'] }), targetEnv(target)]);
    assert.doesNotMatch(rendered, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws_secret/i);
    assert.throws(() => resticTarget(row, NO_FILES), RangeError);
  });

  it('hands restic a REST URL with a password through its secret file only', () => {
    const row = { kind: 'rest' as const, location: 'http://camille@host:8000/' };
    assert.deepEqual(repositoryArgs(resticTarget(row, NO_FILES)), ['-r', 'rest:http://camille@host:8000/']);
    const secret = resticTarget(row, { ...NO_FILES, secretFile: 'secrets/backup-targets/x' });
    assert.deepEqual(repositoryArgs(secret), ['--repository-file', '/data/secrets/backup-targets/x']);
    assert.equal(repositoryFileContent('rest', 'http://camille:pw@host:8000/'), 'rest:http://camille:pw@host:8000/');
    assert.deepEqual(repositoryArgs(resticTarget({ kind: 'directory', location: '/mnt/d' }, NO_FILES)), [
      '-r',
      '/target',
    ]);
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
