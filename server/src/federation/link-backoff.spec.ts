import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKOFF_CAP_MS, backoffDelay } from './link-backoff';

describe('link backoff', () => {
  it('doubles per failure between half and all of the ceiling', () => {
    for (const [failures, ceiling] of [
      [1, 60_000],
      [2, 120_000],
      [3, 240_000],
    ] as const) {
      assert.equal(backoffDelay(failures, 60_000, 0), ceiling / 2);
      assert.equal(backoffDelay(failures, 60_000, 0.999999), Math.round(ceiling / 2 + (ceiling / 2) * 0.999999));
      const mid = backoffDelay(failures, 60_000, 0.5);
      assert.ok(mid > ceiling / 2 && mid < ceiling);
    }
  });

  it('never exceeds the cap, however many failures, and never waits nothing', () => {
    for (let failures = 1; failures < 200; failures++) {
      for (const random of [0, 0.3, 0.99999]) {
        const delay = backoffDelay(failures, 60_000, random);
        assert.ok(delay <= BACKOFF_CAP_MS, `${failures}: ${delay}`);
        assert.ok(delay >= 30_000, `${failures}: ${delay}`);
      }
    }
    assert.equal(backoffDelay(50, 60_000, 0), BACKOFF_CAP_MS / 2);
  });

  it('follows a short test interval', () => {
    assert.equal(backoffDelay(1, 100, 0), 50);
    assert.ok(backoffDelay(3, 100, 1) <= 400);
  });
});
