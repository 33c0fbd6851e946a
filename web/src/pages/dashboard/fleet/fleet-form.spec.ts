import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnrollmentToken } from '../../../lib/api';
import { checkInvite, needsTool, openCodes, taskParams, TASKS } from './fleet-form';

describe('fleet form', () => {
  it('wants a community name and a whole number of hours between 1 and 168', () => {
    assert.deepEqual(checkInvite('La Fabrique', 24), {});
    assert.deepEqual(checkInvite('  ', 24), { community: 'fleet.invite.communityProblem' });
    assert.deepEqual(checkInvite('x'.repeat(101), 24), { community: 'fleet.invite.communityProblem' });
    assert.deepEqual(checkInvite('La Fabrique', 169), { hours: 'fleet.invite.hoursProblem' });
    assert.deepEqual(checkInvite('La Fabrique', 0), { hours: 'fleet.invite.hoursProblem' });
    assert.deepEqual(checkInvite('La Fabrique', 1.5), { hours: 'fleet.invite.hoursProblem' });
  });

  it('names the tool only for the tasks about a tool', () => {
    assert.deepEqual(TASKS.filter(needsTool), ['service.restart', 'service.update']);
    assert.deepEqual(taskParams('service.restart', 'chat'), { service: 'chat' });
    assert.deepEqual(taskParams('backup.run', 'chat'), {});
    assert.deepEqual(taskParams('service.update', undefined), {});
  });

  it('lists as open only the codes not used, not withdrawn and not expired', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const base: EnrollmentToken = {
      id: 'a',
      community: 'A',
      createdAt: '2026-11-30T11:00:00.000Z',
      expiresAt: '2026-11-30T13:00:00.000Z',
      usedAt: null,
      revokedAt: null,
      applianceId: null,
    };
    const tokens = [
      base,
      { ...base, id: 'used', usedAt: '2026-11-30T11:30:00.000Z' },
      { ...base, id: 'revoked', revokedAt: '2026-11-30T11:30:00.000Z' },
      { ...base, id: 'expired', expiresAt: '2026-11-30T12:00:00.000Z' },
    ];
    assert.deepEqual(
      openCodes(tokens, now).map((tk) => tk.id),
      ['a'],
    );
  });
});
