import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Step } from '../engine/engine.types';
import { MIN_FREE_BYTES_FOR_PULL, PullGuard } from './pull-guard';

const pull: Step = { kind: 'pull', image: 'caddy:2.11.4' };
const plenty = MIN_FREE_BYTES_FOR_PULL * 4;

describe('PullGuard', () => {
  it('refuses to download onto a nearly full disk, saying how much is free and needed', () => {
    assert.throws(
      () => new PullGuard().check([pull], 512 * 1024 ** 2, 0, false),
      /Only 0\.5 GiB free.*at least 2\.0 GiB/,
    );
    assert.doesNotThrow(() => new PullGuard().check([], 0, 0, true));
  });

  it('backs off per image in background reconciliations, doubling up to an hour', () => {
    const guard = new PullGuard();
    guard.failed('caddy:2.11.4', 0);
    assert.throws(() => guard.check([pull], plenty, 30_000, true), /next try in 30 s/);
    assert.doesNotThrow(() => guard.check([pull], plenty, 61_000, true));
    guard.failed('caddy:2.11.4', 61_000);
    assert.throws(() => guard.check([pull], plenty, 150_000, true), /next try/);
    for (let i = 0; i < 10; i++) guard.failed('caddy:2.11.4', 0);
    assert.doesNotThrow(() => guard.check([pull], plenty, 3_600_001, true));
  });

  it('never holds back an admin action, and forgets failures after a success', () => {
    const guard = new PullGuard();
    guard.failed('caddy:2.11.4', 0);
    assert.doesNotThrow(() => guard.check([pull], plenty, 1, false));
    guard.succeeded(['caddy:2.11.4']);
    assert.doesNotThrow(() => guard.check([pull], plenty, 1, true));
  });
});
