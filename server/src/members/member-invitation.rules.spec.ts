import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationState, planInvitation } from './member-invitation.rules';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('member invitation state', () => {
  it('is valid while uses remain and the expiry is ahead', () => {
    assert.equal(invitationState({ maxUses: 1, uses: 0, expiresAt: at(1) }, NOW), 'valid');
    assert.equal(invitationState({ maxUses: 10, uses: 9, expiresAt: at(60_000) }, NOW), 'valid');
  });

  it('is spent once every use is taken', () => {
    assert.equal(invitationState({ maxUses: 1, uses: 1, expiresAt: at(60_000) }, NOW), 'spent');
    assert.equal(invitationState({ maxUses: 10, uses: 10, expiresAt: at(60_000) }, NOW), 'spent');
  });

  it('is expired at its expiry instant, and expiry wins over spent', () => {
    assert.equal(invitationState({ maxUses: 3, uses: 0, expiresAt: NOW }, NOW), 'expired');
    assert.equal(invitationState({ maxUses: 1, uses: 1, expiresAt: at(-1) }, NOW), 'expired');
  });
});

describe('planning a member invitation', () => {
  it('a single-use link has one use, whether maxUses is left out or 1', () => {
    assert.deepEqual(planInvitation({ kind: 'single', expiresInHours: 48 }, NOW), {
      ok: true,
      maxUses: 1,
      expiresAt: at(48 * 3_600_000),
    });
    assert.equal(planInvitation({ kind: 'single', expiresInHours: 1, maxUses: 1 }, NOW).ok, true);
  });

  it('refuses a single-use link with more uses', () => {
    const plan = planInvitation({ kind: 'single', expiresInHours: 1, maxUses: 5 }, NOW);
    assert.equal(plan.ok, false);
    assert.deepEqual(!plan.ok && plan.errors.map((e) => [e.field, e.code]), [['maxUses', 'singleUse']]);
  });

  it('a shared link needs its number of uses', () => {
    const missing = planInvitation({ kind: 'shared', expiresInHours: 24 }, NOW);
    assert.deepEqual(!missing.ok && missing.errors.map((e) => [e.field, e.code]), [['maxUses', 'required']]);
    assert.deepEqual(planInvitation({ kind: 'shared', expiresInHours: 24, maxUses: 30 }, NOW), {
      ok: true,
      maxUses: 30,
      expiresAt: at(24 * 3_600_000),
    });
  });
});
