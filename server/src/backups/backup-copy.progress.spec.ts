import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyProgress } from './backup-copy.progress';

const at = (place: number, done: number, total = 4) =>
  copyProgress({ localSteps: 6, place, places: 2, label: 'Disque', done, total });

describe('copyProgress: a run copied snapshot by snapshot to each place', () => {
  it('starts each place at its share of the plan and moves by whole snapshots', () => {
    // 6 local steps + 2 places = 8 shares of 12.5 %.
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((done) => at(0, done).percent),
      [75, 78, 81, 84, 88],
    );
    assert.equal(at(1, 0).percent, 88);
    assert.equal(at(1, 4).percent, 100);
  });

  it('names the place and counts the snapshots', () => {
    assert.deepEqual(at(0, 1), {
      stage: 'backupCopying',
      params: { target: 'Disque', done: 1, total: 4 },
      percent: 78,
    });
  });

  it('never goes back from one place to the next, nor past 100', () => {
    const seen = [0, 1].flatMap((place) => [0, 1, 2, 3].map((done) => at(place, done, 3).percent));
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
    assert.ok(seen.every((p) => p >= 0 && p <= 100));
  });

  it('treats a run with nothing to copy as copied', () => {
    assert.equal(at(0, 0, 0).percent, 88);
  });
});
