/**
 * The ways the backup bench backs up one Docker volume: bare restic (the test image run with the
 * docker client, no code of ours) and ours. Both follow one shape so that the bench times them alike.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOCKER = '/usr/bin/docker';

/** The Docker objects one bench run creates, removed at the end whatever happens. */
export class Created {
  readonly containers = new Set<string>();
  readonly volumes = new Set<string>();
  /** Removals that know their own objects (our path's tool containers), run before the volumes go. */
  readonly cleanups: Array<() => Promise<void>> = [];

  async removeAll(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) await cleanup().catch(() => undefined);
    for (const name of this.containers) await docker(['rm', '--force', name]).catch(() => undefined);
    for (const name of this.volumes) await docker(['volume', 'rm', '--force', name]).catch(() => undefined);
    this.containers.clear();
    this.volumes.clear();
  }
}

/** `docker run` arguments of a throw-away container `name` (kept in `created` for the cleanup): local image, no network. */
export function isolatedRun(created: Created, name: string): string[] {
  created.containers.add(name);
  return ['run', '--rm', '--pull', 'never', '--name', name, '--network', 'none'];
}

export function docker(args: string[], timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      DOCKER,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`docker ${args.slice(0, 2).join(' ')}: ${stderr || err.message}`))
          : resolve(stdout.trim()),
    ),
  );
}

/** Makes a new instance of a path under measurement (`instance` names what it creates). */
export type NewPath = (instance: string) => BackupPath;

/** A backup tool under measurement, with its own new repository; every call is timed, set-up is not. */
export interface BackupPath {
  readonly label: string;
  /** From no repository at all to a first snapshot of the data volume (repository creation included). */
  firstBackup(): Promise<void>;
  /** Another snapshot of the same volume, nothing changed since the last one. */
  incrementalBackup(): Promise<void>;
  /** Restores the latest snapshot into `volume` (new and empty); resolves with where the data lands in it. */
  restore(volume: string): Promise<string>;
}

export interface BenchVolume {
  /** The Docker volume that holds the generated data. */
  name: string;
  /** Names what this run creates. */
  runId: string;
  /** A scratch directory of this run, removed afterwards. */
  workDir: string;
  resticImage: string;
}

/**
 * Bare restic, run as our path runs it (a short-lived container of the same image with the same
 * restrictions, the volume read-only under /volumes/<name>, a local repository, the password as a
 * file, a fixed host so that restic finds the parent snapshot, the cache on a tmpfs), with nothing of
 * ours around it: each call is one `docker run --rm`.
 */
export function bareRestic(volume: BenchVolume, created: Created, instance: string): BackupPath {
  const repository = join(volume.workDir, `bare-repository-${instance}`);
  const passwordFile = join(volume.workDir, `bare-password-${instance}`);
  mkdirSync(repository);
  writeFileSync(passwordFile, 'bench password, not a secret\n', { mode: 0o600 });
  let runs = 0;
  const restic = async (mounts: string[], caps: string[], args: string[]): Promise<void> => {
    const name = `tl-bench-restic-${volume.runId}-${instance}-${(runs += 1)}`;
    await docker([
      ...isolatedRun(created, name),
      '--read-only',
      '--tmpfs',
      '/tmp',
      '--cap-drop',
      'ALL',
      ...caps.flatMap((c) => ['--cap-add', c]),
      '--security-opt',
      'no-new-privileges',
      '--log-driver',
      'none',
      '--volume',
      `${repository}:/repository`,
      '--volume',
      `${passwordFile}:/run/restic-password:ro`,
      '--env',
      'RESTIC_PASSWORD_FILE=/run/restic-password',
      ...mounts.flatMap((m) => ['--volume', m]),
      volume.resticImage,
      ...['--json', '--cache-dir', '/tmp/cache', '-r', '/repository'],
      ...args,
    ]);
    created.containers.delete(name);
  };
  const source = `${volume.name}:/volumes/${volume.name}:ro`;
  const backup = () =>
    restic([source], ['DAC_READ_SEARCH'], ['backup', '--host', 'bench', '--tag', 'bench', `/volumes/${volume.name}`]);
  return {
    label: 'bare restic',
    async firstBackup() {
      await restic([], [], ['init']);
      await backup();
    },
    incrementalBackup: backup,
    async restore(target: string) {
      const caps = ['CHOWN', 'FOWNER', 'DAC_OVERRIDE'];
      await restic([`${target}:/restore`], caps, ['restore', 'latest', '--target', '/restore']);
      return `volumes/${volume.name}`;
    },
  };
}
