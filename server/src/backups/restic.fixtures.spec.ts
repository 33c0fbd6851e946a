import type { ResticSnapshot } from './restic.types';

/** One part of the backup point of `run`, tagged as a backup run tags its parts. */
export function partSnapshot(
  run: string,
  id: string,
  service: string,
  kind: string,
  path: string,
  time = '2026-11-30T03:00:00Z',
): ResticSnapshot {
  return { id, time, tags: [`run=${run}`, `service=${service}`, `kind=${kind}`], paths: [path] };
}
