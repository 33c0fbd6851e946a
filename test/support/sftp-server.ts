import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { generateSshKeyPair } from '../../server/src/backups/ssh-key';
import { bridgeGateway } from './docker-cli';
import { eventually } from './eventually';
import { removeTempDir, tempDir } from './leftovers';
import { freePort } from './server-process';

/** Debian's OpenSSH server (openssh-server: scripts/provision/packages.sh test). */
const SSHD = '/usr/sbin/sshd';

/** A real SFTP server on this machine, reached from restic's containers. */
export interface SftpServer {
  /** The place as the appliance takes it: `sftp://user@host.docker.internal:port<dir>/repo`. */
  location: string;
  /** Where the repository lands. */
  dir: string;
  /** The server's host public key line (what the admin pastes). */
  hostKey: string;
  /** Lets this public key in (the admin adding the appliance's key to authorized_keys). */
  authorize(publicKey: string): void;
  dispose(): Promise<void>;
}

/**
 * Debian's sshd on the Docker bridge's gateway address, with a host key of its own and an
 * authorized_keys file the test fills, serving SFTP only (internal-sftp) to the user running the
 * tests. sshd refuses to run without its privilege separation directory: made when missing.
 */
export async function startSftpServer(label: string): Promise<SftpServer> {
  assert.ok(existsSync(SSHD), `${SSHD} is missing: scripts/provision/packages.sh test installs openssh-server`);
  const dir = tempDir(label);
  const gateway = bridgeGateway();
  const port = await freePort();
  const host = generateSshKeyPair('sftp-test-host');
  writeFileSync(join(dir, 'host_key'), host.privateKey, { mode: 0o600 });
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, '', { mode: 0o600 });
  mkdirSync(join(dir, 'data'));
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `ListenAddress ${gateway}:${port}`,
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      // The temporary directory is not the user's home: its modes are not sshd's business here.
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'PidFile none',
      'Subsystem sftp internal-sftp',
      'ForceCommand internal-sftp',
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'LogLevel VERBOSE',
    ].join('\n') + '\n',
  );
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exited = false;
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  child.once('exit', () => (exited = true));
  await eventually(
    () => {
      assert.ok(!exited, `sshd exited: ${log}`);
      return log.includes('Server listening');
    },
    () => `sshd listens (log: ${log})`,
    { timeoutMs: 30_000 },
  );
  return {
    location: `sftp://${userInfo().username}@host.docker.internal:${port}${dir}/data/repo`,
    dir: join(dir, 'data', 'repo'),
    hostKey: host.publicKey,
    authorize: (publicKey) => writeFileSync(authorizedKeys, `${publicKey}\n`, { flag: 'a' }),
    async dispose() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      removeTempDir(dir);
    },
  };
}
