/**
 * How the manager's node process is started: by scripts/start.sh (`npm start`), the image's CMD and
 * entrypoint, `npm start -w server`, and the tests' ServerProcess. Chosen by measuring idle RSS (/proc
 * VmRSS after setup, Node 20, npm start way; README, "Idle memory"):
 * - V8 flags: the young generation's semi-spaces default to 16 MiB each and are mostly touched at
 *   boot; `--max-semi-space-size=1 --optimize-for-size` took node from 135 to 101 MiB (each flag alone:
 *   108 and 103 MiB). The cost is more frequent scavenges under load, not at idle.
 * - glibc: one malloc arena per thread by default (V8's platform threads, libuv's pool); two arenas
 *   took node from 101.8 to 97.2 MiB (3 runs each). A fixed trim threshold of 128 KiB (glibc's grows
 *   up to 64 MiB) gives freed heap back: 97.0 to 94.2 MiB (means of 4 runs).
 * `--lite-mode` (no optimizing compiler) gave another 10 MiB, but slows every hot path (the backup
 * streams run through JS): not taken without the backup bench's figures.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];
export const NODE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };
