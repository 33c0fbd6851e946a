import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupPoints, isOverdue } from './backup-overview';

const snap = (id: string, time: string, tags: string[]) => ({ id, time, tags, paths: [] });

describe('backup overview', () => {
  it('groups snapshots into points by run, with the features they hold, newest first', () => {
    const points = backupPoints(
      [
        snap('a', '2026-11-29T03:00:05Z', ['run=r1', 'service=synapse', 'kind=database']),
        snap('b', '2026-11-29T03:00:01Z', ['run=r1', 'service=synapse', 'kind=volume']),
        snap('c', '2026-11-29T03:01:00Z', ['run=r1', 'service=appliance', 'kind=appliance']),
        snap('d', '2026-11-30T03:00:00Z', ['run=r2', 'service=hedgedoc', 'kind=volume']),
        snap('e', '2026-11-30T04:00:00Z', ['run=r3', 'service=synapse', 'kind=volume']),
        snap('f', '2026-11-30T05:00:00Z', ['manual']),
      ],
      new Map([
        ['r1', { state: 'succeeded' as const, sizeBytes: 42 }],
        ['r3', { state: 'failed' as const, sizeBytes: 0 }],
      ]),
    );
    assert.deepEqual(points, [
      { id: 'r2', time: '2026-11-30T03:00:00.000Z', services: ['pad'], sizeBytes: 0 },
      { id: 'r1', time: '2026-11-29T03:00:01.000Z', services: ['appliance', 'chat'], sizeBytes: 42 },
    ]);
  });

  it('is overdue after 48 hours without a success', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    assert.equal(isOverdue(new Date('2026-11-28T13:00:00Z'), null, now), false);
    assert.equal(isOverdue(new Date('2026-11-28T11:00:00Z'), null, now), true);
    assert.equal(isOverdue(null, new Date('2026-11-30T00:00:00Z'), now), false);
    assert.equal(isOverdue(null, new Date('2026-11-20T00:00:00Z'), now), true);
    assert.equal(isOverdue(null, null, now), false);
  });
});
