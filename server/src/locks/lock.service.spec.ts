import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from '../platform/clock';
import { LockService } from './lock.service';

class FakeClock extends Clock {
  t = Date.parse('2026-11-30T02:00:00.000Z');
  override now(): Date {
    return new Date(this.t);
  }
}

/** A promise settled from outside: work that ends when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets the lock's promise chain move on (no timers: only queued microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('LockService', () => {
  it('runs the work of one lock in arrival order, one at a time', async () => {
    const locks = new LockService(new FakeClock());
    const order: string[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = ['a', 'b', 'c'].map((name, i) =>
      locks.run('engine', name, async () => {
        order.push(`${name} in`);
        await gates[i].promise;
        order.push(`${name} out`);
      }),
    );
    await settle();
    assert.deepEqual(order, ['a in']);
    // Released out of order: c cannot pass b.
    gates[2].open();
    gates[1].open();
    await settle();
    assert.deepEqual(order, ['a in']);
    gates[0].open();
    await Promise.all(runs);
    assert.deepEqual(order, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('shows the holder while it runs and the waiters in order, each since it asked', async () => {
    const clock = new FakeClock();
    const locks = new LockService(clock);
    const first = gate();
    const running = locks.run('engine', 'job:1', () => first.promise);
    await settle();
    clock.t += 1000;
    const waiting = locks.run('engine', 'reconcile', () => {
      assert.ok(locks.holds('engine', 'reconcile'));
      return Promise.resolve();
    });
    const data = gate();
    const backup = locks.run('data', 'backup:1', () => data.promise);
    await settle();
    const snapshot = locks.snapshot();
    assert.deepEqual(
      snapshot.held.map((h) => [h.lock, h.holder, h.since.toISOString()]),
      [
        ['engine', 'job:1', '2026-11-30T02:00:00.000Z'],
        ['data', 'backup:1', '2026-11-30T02:00:01.000Z'],
      ],
    );
    assert.deepEqual(
      snapshot.waiting.map((h) => [h.lock, h.holder, h.since.toISOString()]),
      [['engine', 'reconcile', '2026-11-30T02:00:01.000Z']],
    );
    assert.ok(locks.holds('engine', 'job:1'));
    assert.ok(!locks.holds('engine', 'reconcile'));
    first.open();
    data.open();
    await Promise.all([running, waiting, backup]);
    assert.deepEqual(locks.snapshot(), { held: [], waiting: [] });
  });

  it('releases the lock when the work throws, and the next one runs', async () => {
    const locks = new LockService(new FakeClock());
    const failing = gate();
    const failed = locks.run('engine', 'job:1', () => failing.promise);
    const next = locks.run('engine', 'job:2', () => Promise.resolve('ran'));
    failing.fail(new Error('engine unreachable'));
    await assert.rejects(failed, /engine unreachable/);
    assert.equal(await next, 'ran');
    assert.deepEqual(locks.snapshot(), { held: [], waiting: [] });
  });
});
