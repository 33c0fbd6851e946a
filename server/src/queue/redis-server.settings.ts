/**
 * How the private redis-server is started (`npm start`, the image and the tests all go through
 * RedisServerRepository). Chosen by measuring its RSS (/proc VmRSS, Redis 7.0 from Debian bookworm,
 * Bull's queue with a repeatable entry and 30 jobs run, idle 6 s, 3 runs each; README, "Idle memory"):
 * 12.4 MiB before, 11.5 MiB with everything below. 9 MiB of it are the binary and its libraries
 * (libcrypto alone 3.4 MiB: Debian builds it with TLS), which no setting changes.
 *
 * - Persistence: no RDB snapshots (`save ""`, they fork a copy of the dataset), but the append-only
 *   file stays. A job queued while another one runs (a backup behind a restore, an update behind a
 *   backup) is only in Redis until it starts: without the file a restart would turn it into
 *   "interrupted" (JobsService settles queued rows whose Bull job is gone) instead of running it. The
 *   backup schedule does not need it (its repeatable entry is rebuilt from SQLite at boot). Its cost
 *   at idle was within noise (appendonly no: −0.1 MiB). A rewrite from 4 MB instead of 64 MB keeps the
 *   file, and the replay at boot, small on an SD card.
 * - `--maxclients 64 --databases 1`: the event loop's tables are sized for maxclients (10,000 by
 *   default) and every database has its dictionaries; the manager opens 3 connections to database 0.
 *   −0.3 MiB.
 * - `--latency-tracking no`: no latency histogram per command used (Bull calls many): −0.4 MiB;
 *   with the line above, −0.7 MiB.
 * - `--maxmemory 64mb` with `noeviction`: buys nothing at idle (Bull uses ~1 MB); it bounds a runaway
 *   queue, which then fails loudly on its writes instead of taking a Raspberry Pi's memory.
 * - `--io-threads 1`: the default, written down so that no configuration file turns threads on.
 * - MALLOC_CONF `narenas:1`: jemalloc's arena per thread (Redis's three background threads):
 *   −0.17 MiB.
 * - `hz` stays at its default 10: lower saves wakeups, not memory, and Redis acts on SIGTERM from its
 *   timer (hz 1: 550 ms to exit instead of 30 ms, on every stop of the manager).
 */
export interface RedisServerPaths {
  socketPath: string;
  dir: string;
  pidFile: string;
}

export const REDIS_SERVER_TUNING: readonly string[] = [
  '--save',
  '',
  '--appendonly',
  'yes',
  '--auto-aof-rewrite-min-size',
  '4mb',
  '--maxclients',
  '64',
  '--databases',
  '1',
  '--latency-tracking',
  'no',
  '--maxmemory',
  '64mb',
  '--maxmemory-policy',
  'noeviction',
  '--io-threads',
  '1',
];

export const REDIS_SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_CONF: 'narenas:1' };

/** Bound to a unix socket only (no TCP port), its files in `dir`, in the foreground. */
export function redisServerArgs({ socketPath, dir, pidFile }: RedisServerPaths): string[] {
  return [
    '--port',
    '0',
    '--unixsocket',
    socketPath,
    '--unixsocketperm',
    '700',
    '--dir',
    dir,
    '--pidfile',
    pidFile,
    '--daemonize',
    'no',
    ...REDIS_SERVER_TUNING,
  ];
}
