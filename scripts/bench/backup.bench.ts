/**
 * `npm run bench` (backup part): our backup path against baselines measured in the same run, on the
 * same generated data (~200 MB from a seed: many small files and one large dump) in one Docker volume:
 * - first backup: throughput as a ratio to `tar | zstd -3` of the same data, and overhead over bare
 *   restic (the same image run directly, a fresh repository), each a mean of two in ABBA order;
 * - a no-change incremental backup: time as a ratio to bare restic's (median of three each);
 * - restore: throughput, beside bare restic's and `zstd -d | tar -x`'s; every restore is checked
 *   byte for byte against the data.
 * Goals are printed beside the figures, never asserted: a missed goal is a figure to read, not a failure.
 * Everything created (volumes, containers, the temporary directory) is removed, also on failure.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { removeTempDir, tempDir } from '../../test/support/leftovers';
import { REPO_ROOT } from '../../test/support/server-process';
import { generateBenchData, type BenchData } from './backup-data';
import { ourPath } from './backup-ours';
import {
  bareRestic,
  Created,
  docker,
  isolatedRun,
  type BackupPath,
  type BenchVolume,
  type NewPath,
} from './backup-paths';

const STARTED = performance.now();
const RUN_ID = Date.now().toString(36);
const created = new Created();
/** Where the bench's own time goes, for CI's budget. */
const phases: string[] = [];
let phaseStart = performance.now();
function phase(name: string): void {
  const now = performance.now();
  phases.push(`${name} ${((now - phaseStart) / 1000).toFixed(0)} s`);
  phaseStart = now;
}
let workDir: string | undefined;

function resticImage(): string {
  const tags = JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'test-images', 'tags.json'), 'utf8')) as {
    restic: string;
  };
  return tags.restic;
}

/** Seconds taken by `action`. */
async function seconds(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return (performance.now() - start) / 1000;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `a | b`, both from argument arrays (no shell); rejects with the failing side's message. */
function pipe(a: [string, string[]], b: [string, string[]]): Promise<void> {
  return new Promise((resolve, reject) => {
    const left = spawn(a[0], a[1], { stdio: ['ignore', 'pipe', 'pipe'] });
    const right = spawn(b[0], b[1], { stdio: ['pipe', 'ignore', 'pipe'] });
    left.stdout.pipe(right.stdin);
    // The reader stopping early is reported by its exit code below, not as an uncaught EPIPE.
    right.stdin.on('error', () => undefined);
    let errors = '';
    left.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    right.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    let open = 2;
    let failed = false;
    const done = (name: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        reject(new Error(`${name} exited with ${code}: ${errors.trim()}`));
      }
      if ((open -= 1) === 0 && !failed) resolve();
    };
    left.on('error', reject).on('close', done(a[0]));
    right.on('error', reject).on('close', done(b[0]));
  });
}

/** A digest of every file's path and content under `dir` of a volume, computed in a container. */
let digests = 0;
async function volumeDigest(image: string, volume: string, dir = '.'): Promise<string> {
  const name = `tl-bench-digest-${RUN_ID}-${(digests += 1)}`;
  const out = await docker([
    ...isolatedRun(created, name),
    '--volume',
    `${volume}:/v:ro`,
    '--workdir',
    `/v/${dir}`,
    '--env',
    'LC_ALL=C',
    '--entrypoint',
    'sh',
    image,
    '-c',
    'find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum',
  ]);
  created.containers.delete(name);
  return out.split(' ')[0];
}

async function newVolume(label: string, options: string[] = []): Promise<string> {
  const name = `tl-bench-${label}-${RUN_ID}`;
  created.volumes.add(name);
  await docker(['volume', 'create', ...options, name]);
  return name;
}

interface Measured {
  first: number;
  incremental: number;
  restore: number;
  /** Each measurement, to judge the noise. */
  samples: string;
}

/** Restores into a new volume and proves the bytes are the data's, before any figure is printed. */
let restores = 0;
async function restoreChecked(path: BackupPath, volume: BenchVolume, digest: string): Promise<number> {
  const target = await newVolume(`restore-${(restores += 1)}`);
  let where = '';
  const time = await seconds(async () => (where = await path.restore(target)));
  if ((await volumeDigest(volume.resticImage, target, where)) !== digest) {
    throw new Error(`${path.label}: the restored data differs from the data backed up`);
  }
  await docker(['volume', 'rm', target]);
  created.volumes.delete(target);
  return time;
}

/**
 * First backups: two instances of each path (each its own new repository) in ABBA order (bare, ours,
 * ours, bare), so that a busy neighbour on the machine weighs on both alike; their mean counts.
 * No-change backups alternate between paths, medians of three. One restore each, checked byte for byte.
 */
async function measure(makers: NewPath[], volume: BenchVolume, digest: string): Promise<Measured[]> {
  const [a, b] = ['a', 'b'].map((instance) => makers.map((make) => make(instance)));
  const abba = [...a.entries(), ...[...b.entries()].reverse()];
  const firsts = makers.map((): number[] => []);
  for (const [i, path] of abba) firsts[i].push(await seconds(() => path.firstBackup()));
  phase('first backups');
  const incrementals = makers.map((): number[] => []);
  for (let round = 0; round < 3; round++) {
    for (const [i, path] of a.entries()) incrementals[i].push(await seconds(() => path.incrementalBackup()));
  }
  phase('no-change backups');
  const restores: number[] = [];
  for (const path of a) restores.push(await restoreChecked(path, volume, digest));
  phase('restores and checks');
  return makers.map((_, i) => ({
    first: mean(firsts[i]),
    incremental: median(incrementals[i]),
    restore: restores[i],
    samples: `first ${firsts[i].map(secs).join(' & ')}, no-change ${incrementals[i].map(secs).join(' ')}`,
  }));
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const rate = (bytes: number, s: number) => `${(bytes / 1e6 / s).toFixed(1)} MB/s`;
const secs = (s: number) => `${s.toFixed(2)} s`;
const times = (v: number) => `${v.toFixed(2)}×`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function report(
  data: BenchData,
  image: string,
  { pack: tarZstd, unpack: untar }: { pack: number; unpack: number },
  bare: Measured,
  ours: Measured,
) {
  const throughput = tarZstd / ours.first;
  const overhead = ours.first / bare.first - 1;
  const incremental = ours.incremental / bare.incremental;
  const row = (what: string, figure: string, goal: string) =>
    console.log(`    ${what.padEnd(26)} ${figure.padEnd(62)} ${goal}`);
  console.log(
    `backup (${mb(data.bytes)} in ${data.files} files: ${data.files - 1} small ones and a ${mb(data.dumpBytes)} dump; ` +
      `restic ${image}; baselines measured in the same run)`,
  );
  console.log(
    `  baselines: tar | zstd -3 ${secs(tarZstd)} (${rate(data.bytes, tarZstd)}), zstd -d | tar -x ${secs(untar)} ` +
      `(${rate(data.bytes, untar)}); bare restic: first backup ${secs(bare.first)} (${rate(data.bytes, bare.first)}, ` +
      `${times(tarZstd / bare.first)} tar | zstd), no-change ${secs(bare.incremental)}, restore ${secs(bare.restore)}`,
  );
  console.log('  ours (ResticRepository, local target)');
  row(
    'first-backup throughput',
    `${rate(data.bytes, ours.first)} = ${times(throughput)} tar | zstd -3`,
    `goal ≥ 0.30×: ${verdict(throughput >= 0.3)}`,
  );
  row(
    'overhead over bare restic',
    `${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)}% (${secs(ours.first)} vs ${secs(bare.first)})`,
    `goal ≤ 10%: ${verdict(overhead <= 0.1)}`,
  );
  row(
    'no-change backup',
    `${secs(ours.incremental)} = ${times(incremental)} bare restic's (${secs(bare.incremental)})`,
    `goal ≤ 1.50×: ${verdict(incremental <= 1.5)}`,
  );
  row(
    'restore throughput',
    `${rate(data.bytes, ours.restore)} = ${times(bare.restore / ours.restore)} bare restic, ` +
      `${times(untar / ours.restore)} zstd -d | tar -x`,
    '(no goal)',
  );
  console.log(
    `  (first backups: means of two in ABBA order; no-change backups: medians of three; restores checked byte for byte)`,
  );
  console.log(`  (bare restic: ${bare.samples}; ours: ${ours.samples})`);
}

async function main(): Promise<void> {
  const image = resticImage();
  await docker(['image', 'inspect', image]).catch(() => {
    throw new Error(`${image} is missing: run scripts/test-images/build.sh`);
  });
  for (const tool of ['tar', 'zstd']) {
    await new Promise<void>((resolve, reject) =>
      execFile(tool, ['--version'], (err) =>
        err
          ? reject(new Error(`${tool} is missing on this machine: run scripts/provision/packages.sh test`))
          : resolve(),
      ),
    );
  }
  workDir = tempDir('bench-backup');
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir);
  const data = generateBenchData(dataDir);
  phase('data');
  // The volume is the generated directory itself (a bind-backed local volume): no copy, same bytes.
  const name = await newVolume('data', [
    '--driver',
    'local',
    '--opt',
    'type=none',
    '--opt',
    'o=bind',
    '--opt',
    `device=${dataDir}`,
  ]);
  const volume: BenchVolume = { name, runId: RUN_ID, workDir, resticImage: image };
  const digest = await volumeDigest(image, name);
  phase('digest');

  const tarZstd = [await tarZstdTimes(dataDir, data)];
  phase('tar | zstd');

  await docker(['run', '--rm', '--pull', 'never', '--network', 'none', image, 'version']); // warm the image
  const makers: NewPath[] = [(i) => bareRestic(volume, created, i), ourPath(volume, created)];
  const [bareFigures, ourFigures] = await measure(makers, volume, digest);
  tarZstd.push(await tarZstdTimes(dataDir, data)); // before and after: the machine's drift weighs on both
  phase('tar | zstd again');
  const baseline = { pack: mean(tarZstd.map((t) => t.pack)), unpack: mean(tarZstd.map((t) => t.unpack)) };
  report(data, image, baseline, bareFigures, ourFigures);
}

/** `tar | zstd -3` of the data into an archive, then `zstd -d | tar -x` of it, in seconds. */
async function tarZstdTimes(dataDir: string, data: BenchData): Promise<{ pack: number; unpack: number }> {
  const archive = join(dataDir, '..', 'data.tar.zst');
  const pack = await seconds(() =>
    pipe(['tar', ['-C', dataDir, '-cf', '-', '.']], ['zstd', ['-3', '-q', '-o', archive]]),
  );
  const untarDir = join(dataDir, '..', 'untar');
  mkdirSync(untarDir);
  const unpack = await seconds(() => pipe(['zstd', ['-d', '-q', '-c', archive]], ['tar', ['-x', '-C', untarDir]]));
  if (statSync(join(untarDir, 'db', 'dump.sql')).size !== data.dumpBytes) throw new Error('tar | zstd lost data');
  rmSync(untarDir, { recursive: true });
  rmSync(archive);
  return { pack, unpack };
}

async function cleanup(): Promise<void> {
  await created.removeAll();
  if (workDir) removeTempDir(workDir);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() =>
    cleanup().then(() => {
      const total = secs((performance.now() - STARTED) / 1000);
      phase('clean-up');
      console.log(`  (this part of the bench took ${total}: ${phases.join(', ')})`);
    }),
  );
