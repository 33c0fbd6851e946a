import { planPercent, type JobProgress } from '../jobs/job-progress';

/** Where a run's copy to its places stands: after `localSteps` local steps, place `place` of `places`. */
export interface CopyPosition {
  localSteps: number;
  place: number;
  places: number;
  /** The place's label, as the dashboard names it. */
  label: string;
  /** Snapshots of the run copied there so far, of `total`. */
  done: number;
  total: number;
}

/**
 * restic 0.14's `copy` reports nothing while it runs: the run is copied one snapshot at a time, and the
 * bar moves by whole snapshots within each place's share (each place weighs one local step).
 */
export function copyProgress(at: CopyPosition): JobProgress {
  const within = at.total > 0 ? at.done / at.total : 1;
  return {
    stage: 'backupCopying',
    params: { target: at.label, done: at.done, total: at.total },
    percent: planPercent(at.localSteps + at.place, at.localSteps + at.places, within),
  };
}
