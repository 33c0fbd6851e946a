import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Command } from '../fleet-link/link.types';
import { decideCommand, refusalAck } from './command-decision';

const FEATURES = ['chat', 'pad', 'files'];
const command = (type: string, params: Record<string, string> = {}): Command => ({
  id: 'c1',
  applianceId: 'a1',
  type,
  params,
  issuedAt: '2026-11-30T12:00:00.000Z',
  expiresAt: '2026-11-30T12:10:00.000Z',
});

describe('command decisions', () => {
  it('runs each allowlisted type with its work', () => {
    assert.deepEqual(decideCommand(command('backup.run'), undefined, true, null, FEATURES), {
      kind: 'run',
      work: { type: 'backup.run' },
    });
    assert.deepEqual(decideCommand(command('service.restart', { service: 'pad' }), undefined, true, null, FEATURES), {
      kind: 'run',
      work: { type: 'service.action', feature: 'pad', action: 'restart' },
    });
    assert.deepEqual(decideCommand(command('service.update', { service: 'chat' }), undefined, true, null, FEATURES), {
      kind: 'run',
      work: { type: 'service.action', feature: 'chat', action: 'update' },
    });
    assert.deepEqual(decideCommand(command('diagnostics.collect'), undefined, true, null, FEATURES), {
      kind: 'run',
      work: { type: 'diagnostics.collect' },
    });
  });

  it('refuses what checkCommand refused before looking at the id', () => {
    for (const reason of ['bad-signature', 'other-appliance', 'expired', 'not-allowed'] as const) {
      assert.deepEqual(decideCommand(command('backup.run'), reason, false, { acked: true }, FEATURES), {
        kind: 'refuse',
        reason,
      });
    }
  });

  it('refuses an unknown or missing service', () => {
    for (const params of [{ service: 'proxy' }, { service: 'postgres' }, {}] as Array<Record<string, string>>) {
      assert.deepEqual(decideCommand(command('service.restart', params), undefined, true, null, FEATURES), {
        kind: 'refuse',
        reason: 'unknown-service',
      });
    }
  });

  it('never runs a duplicate: refused once answered, left to its job while it runs', () => {
    assert.deepEqual(decideCommand(command('backup.run'), undefined, false, { acked: true }, FEATURES), {
      kind: 'refuse',
      reason: 'duplicate',
    });
    assert.deepEqual(decideCommand(command('backup.run'), undefined, false, { acked: false }, FEATURES), {
      kind: 'wait',
    });
    assert.deepEqual(decideCommand(command('backup.run'), undefined, false, null, FEATURES), {
      kind: 'refuse',
      reason: 'duplicate',
    });
  });

  it('acks a refusal with a message key', () => {
    assert.deepEqual(refusalAck('expired'), { outcome: 'refused', detail: 'link.refused.expired' });
  });
});
