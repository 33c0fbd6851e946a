import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FederationLinkEntity } from './federation-link.entity';
import { diagnosticsOf, heartbeatOf, statusView } from './federation-status';

const AT = new Date('2026-11-30T12:00:00.000Z');
const link = (patch: Partial<FederationLinkEntity> = {}): FederationLinkEntity => ({
  id: 1,
  upstreamUrl: 'https://hub.example.coop',
  upstreamName: 'Coop',
  upstreamKey: 'S0VZ',
  upstreamFingerprint: 'abcd:ef01:2345:6789:abcd:ef01:2345:6789',
  applianceId: 'a1',
  enrolledAt: AT,
  lastContactAt: null,
  lastError: null,
  revokedAt: null,
  offsitePending: false,
  confirmedAt: AT,
  ...patch,
});
const local = {
  version: '1.2.0',
  services: [{ name: 'chat', state: 'running', health: 'healthy' as const }],
  diskFreeBytes: 1234.7,
  lastBackupAt: AT,
};

describe('federation status', () => {
  it('says none without a link, and never shows the pinned key', () => {
    assert.deepEqual(statusView(null, null), { state: 'none' });
    const view = statusView(link({ lastContactAt: AT, lastError: 'link.error.unreachable' }), AT);
    assert.equal(view.state, 'enrolled');
    assert.deepEqual(view.upstream, {
      name: 'Coop',
      url: 'https://hub.example.coop',
      fingerprint: 'abcd:ef01:2345:6789:abcd:ef01:2345:6789',
    });
    assert.equal(view.lastContactAt, AT.toISOString());
    assert.equal(view.nextAttemptAt, AT.toISOString());
    assert.equal(view.lastError, 'link.error.unreachable');
    assert.ok(!JSON.stringify(view).includes('S0VZ'));
  });

  it('shows a revoked link', () => {
    assert.equal(statusView(link({ revokedAt: AT }), null).state, 'revoked');
  });

  it('builds the heartbeat from the local status', () => {
    assert.deepEqual(heartbeatOf(local), {
      version: '1.2.0',
      services: [{ name: 'chat', state: 'running', health: 'healthy' }],
      diskFreeBytes: 1234,
      lastBackupAt: AT.toISOString(),
    });
    assert.equal(heartbeatOf({ ...local, diskFreeBytes: null, lastBackupAt: null }).lastBackupAt, null);
  });

  it('reports diagnostics flat and short', () => {
    const report = diagnosticsOf(local, ['backupFailed', 'notHealthy', 'a', 'b', 'c', 'd']);
    assert.equal(report['service.chat'], 'running/healthy');
    assert.equal(report.recentErrors, 'backupFailed,notHealthy,a,b,c');
    for (const value of Object.values(report)) assert.ok(value === null || typeof value !== 'object');
  });
});
