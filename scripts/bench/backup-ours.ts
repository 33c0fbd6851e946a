/**
 * Our backup path, as the backup bench measures it. Until the restic repository lands this says so,
 * and the bench prints its baselines alone.
 */
import type { BenchVolume, Created, NewPath } from './backup-paths';

export function ourPath(_volume: BenchVolume, _created: Created): NewPath | string {
  return 'ResticRepository is not built yet';
}
