/**
 * Our backup path, as the backup bench measures it. Until the restic repository lands this says so,
 * and the bench prints its baselines alone.
 */
import type { BackupPath, BenchVolume, Created } from './backup-paths';

export function ourPath(_volume: BenchVolume, _created: Created, _runId: string): Promise<BackupPath | string> {
  return Promise.resolve('ResticRepository is not built yet');
}
