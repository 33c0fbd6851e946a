import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HashGate, MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES, type Slot } from './hash-gate';

describe('HashGate', () => {
  it('allows one attempt in flight per client', async () => {
    const gate = new HashGate();
    const first = await gate.enter('203.0.113.5');
    assert.ok(first);
    assert.equal(await gate.enter('203.0.113.5'), null);
    first.release();
    assert.ok(await gate.enter('203.0.113.5'));
  });

  it('runs a few at once, queues a few more, refuses the rest, and hands slots on in order', async () => {
    const gate = new HashGate();
    const running = await Promise.all(
      Array.from({ length: MAX_CONCURRENT_HASHES }, (_, i) => gate.enter(`10.0.0.${i}`)),
    );
    const order: number[] = [];
    const queued = Array.from({ length: MAX_WAITING_HASHES }, (_, i) =>
      gate.enter(`10.0.1.${i}`).then((slot) => {
        order.push(i);
        return slot;
      }),
    );
    assert.equal(await gate.enter('10.0.2.1'), null, 'a full queue refuses at once');
    for (const slot of running) slot?.release();
    const granted: Slot[] = [];
    for (const pending of queued.slice(0, MAX_CONCURRENT_HASHES)) granted.push((await pending) as Slot);
    assert.deepEqual(order, [0, 1]);
    for (const slot of granted) slot.release();
    for (const pending of queued.slice(MAX_CONCURRENT_HASHES)) (await pending)?.release();
  });
});
