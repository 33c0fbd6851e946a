import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SKEW_MS } from '../fleet-link/link-signature';
import { Clock } from '../platform/clock';
import {
  attentionReasons,
  commandExpiry,
  nonceExpiry,
  parseServices,
  tokenExpiry,
  tokenState,
  type AttentionInput,
} from './fleet.rules';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  override now(): Date {
    return this.at;
  }
}

const clock = new FixedClock(new Date('2026-11-30T12:00:00Z'));
const ago = (ms: number) => new Date(clock.now().getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('fleet rules', () => {
  it('tokens last a day by default, between an hour and a week', () => {
    assert.equal(tokenExpiry(clock.now()).getTime() - clock.now().getTime(), 24 * HOUR);
    assert.equal(tokenExpiry(clock.now(), 168).getTime() - clock.now().getTime(), 168 * HOUR);
    assert.equal(tokenExpiry(clock.now(), 1).getTime() - clock.now().getTime(), HOUR);
    assert.throws(() => tokenExpiry(clock.now(), 169), RangeError);
    assert.throws(() => tokenExpiry(clock.now(), 0), RangeError);
    assert.throws(() => tokenExpiry(clock.now(), 1.5), RangeError);
  });

  it('commands last an hour by default, a day at most', () => {
    assert.equal(commandExpiry(clock.now()).getTime() - clock.now().getTime(), HOUR);
    assert.throws(() => commandExpiry(clock.now(), 24 * 60 + 1), RangeError);
  });

  it('a nonce is remembered until its request would fail the skew check', () => {
    assert.equal(nonceExpiry('2026-11-30T12:00:00.000Z').getTime(), Date.parse('2026-11-30T12:00:00Z') + MAX_SKEW_MS);
  });

  it('says why a token cannot be spent', () => {
    const now = clock.now();
    const fresh = { usedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + HOUR) };
    assert.equal(tokenState(null, now), 'unknown');
    assert.equal(tokenState(fresh, now), 'valid');
    assert.equal(tokenState({ ...fresh, usedAt: ago(1) }, now), 'used');
    assert.equal(tokenState({ ...fresh, revokedAt: ago(1) }, now), 'revoked');
    assert.equal(tokenState({ ...fresh, expiresAt: now }, now), 'expired');
  });

  describe('attention reasons', () => {
    const healthy: AttentionInput = {
      status: 'active',
      lastSeenAt: ago(MIN),
      services: [{ name: 'chat', state: 'running', health: 'healthy' }],
      lastBackupAt: ago(HOUR),
    };

    it('none for a healthy, recently seen, backed-up appliance', () => {
      assert.deepEqual(attentionReasons(healthy, clock.now()), []);
    });

    it('not seen for more than 10 minutes, or never', () => {
      assert.deepEqual(attentionReasons({ ...healthy, lastSeenAt: ago(10 * MIN) }, clock.now()), []);
      assert.deepEqual(attentionReasons({ ...healthy, lastSeenAt: ago(10 * MIN + 1) }, clock.now()), ['notSeen']);
      assert.deepEqual(attentionReasons({ ...healthy, lastSeenAt: null }, clock.now()), ['notSeen']);
    });

    it('a service unhealthy (starting is not)', () => {
      const services = [
        { name: 'chat', state: 'running', health: 'starting' as const },
        { name: 'pad', state: 'running', health: 'unhealthy' as const },
      ];
      assert.deepEqual(attentionReasons({ ...healthy, services }, clock.now()), ['serviceUnhealthy']);
      assert.deepEqual(attentionReasons({ ...healthy, services: services.slice(0, 1) }, clock.now()), []);
    });

    it('no backup for 48 hours, or never', () => {
      assert.deepEqual(attentionReasons({ ...healthy, lastBackupAt: ago(48 * HOUR) }, clock.now()), []);
      assert.deepEqual(attentionReasons({ ...healthy, lastBackupAt: ago(48 * HOUR + 1) }, clock.now()), [
        'noRecentBackup',
      ]);
      assert.deepEqual(attentionReasons({ ...healthy, lastBackupAt: null }, clock.now()), ['noRecentBackup']);
    });

    it('all at once, in a fixed order; none once revoked or departed', () => {
      const bad = {
        ...healthy,
        lastSeenAt: null,
        lastBackupAt: null,
        services: [{ name: 'pad', state: 'exited', health: 'unhealthy' as const }],
      };
      assert.deepEqual(attentionReasons(bad, clock.now()), ['notSeen', 'serviceUnhealthy', 'noRecentBackup']);
      assert.deepEqual(attentionReasons({ ...bad, status: 'revoked' }, clock.now()), []);
      assert.deepEqual(attentionReasons({ ...bad, status: 'left' }, clock.now()), []);
    });
  });

  it('stored services: malformed entries are dropped', () => {
    assert.deepEqual(parseServices('not json'), []);
    assert.deepEqual(parseServices('{}'), []);
    assert.deepEqual(
      parseServices(
        JSON.stringify([
          { name: 'chat', state: 'running', health: 'healthy' },
          { name: 1 },
          { name: 'x', state: 'y', health: 'bad' },
        ]),
      ),
      [{ name: 'chat', state: 'running', health: 'healthy' }],
    );
  });
});
