import { Injectable } from '@nestjs/common';

export interface ReconcileRun {
  reason: string;
  outcome: 'completed' | 'failed';
  at: Date;
}

/**
 * Counts the reconciler's finished runs, for the status API: an operator (and a test) can see that a
 * run has ended since a given moment, rather than waiting blindly for one.
 */
@Injectable()
export class ReconcileStats {
  private completed = 0;
  private failed = 0;
  private last: ReconcileRun | undefined;

  record(run: ReconcileRun): void {
    if (run.outcome === 'completed') this.completed += 1;
    else this.failed += 1;
    this.last = run;
  }

  snapshot(): { completed: number; failed: number; last: ReconcileRun | null } {
    return { completed: this.completed, failed: this.failed, last: this.last ?? null };
  }
}
