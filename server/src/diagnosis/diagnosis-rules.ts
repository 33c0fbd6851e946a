import type { FeatureHealth, FeatureState } from '../features/feature.types';
import type { Capacity } from '../system/host.repository';
import type { CheckDto } from '../system/dto/health.dto';
import { type CheckParams, checkOf, type DiagnosisCheck } from './diagnosis.types';

const GiB = 1024 ** 3;
const DAY_MS = 86_400_000;
/** ACME renews 30 days ahead: under 14 days left, renewal has been failing for two weeks. */
const CERT_WARN_DAYS = 14;
/** A backup older than this is overdue (the dashboard's own 48 hours). */
const BACKUP_OVERDUE_MS = 2 * DAY_MS;

const gib = (bytes: number) => Math.round((bytes / GiB) * 10) / 10;
const percent = (c: Capacity) => (c.totalBytes > 0 ? Math.round((c.freeBytes / c.totalBytes) * 100) : 0);

export function engineCheck(engine: CheckDto): DiagnosisCheck {
  return engine.status === 'up'
    ? checkOf('engine', 'ok', 'diagnosis.engine.ok')
    : checkOf('engine', 'error', 'diagnosis.engine.down', {}, engine.detail);
}

/** Under 1 GiB a backup or an update can fail half way; under 10 % it is time to plan. */
export function diskCheck(disk: Capacity): DiagnosisCheck {
  const params = { free: gib(disk.freeBytes), total: gib(disk.totalBytes), percent: percent(disk) };
  const detail = `statfs: ${disk.freeBytes} bytes free of ${disk.totalBytes}`;
  if (disk.freeBytes < GiB) return checkOf('disk', 'error', 'diagnosis.disk.full', params, detail);
  if (percent(disk) < 10) return checkOf('disk', 'warning', 'diagnosis.disk.low', params, detail);
  return checkOf('disk', 'ok', 'diagnosis.disk.ok', params, detail);
}

/** Available memory (not free): under 256 MiB the services start being killed. */
export function memoryCheck(memory: Capacity): DiagnosisCheck {
  const params = { free: gib(memory.freeBytes), total: gib(memory.totalBytes), percent: percent(memory) };
  const detail = `MemAvailable: ${memory.freeBytes} bytes of ${memory.totalBytes}`;
  if (memory.freeBytes < 256 * 1024 ** 2) return checkOf('memory', 'warning', 'diagnosis.memory.low', params, detail);
  return checkOf('memory', 'ok', 'diagnosis.memory.ok', params, detail);
}

export function featureCheck(feature: string, state: FeatureState, health: FeatureHealth): DiagnosisCheck {
  const id = `feature:${feature}`;
  const detail = `state: ${state}, health: ${health}`;
  if (state === 'installing' || state === 'updating' || health === 'starting') {
    return checkOf(id, 'unknown', 'diagnosis.feature.starting', { feature }, detail);
  }
  if (state === 'stopped') return checkOf(id, 'warning', 'diagnosis.feature.stopped', { feature }, detail);
  if (state === 'error' || health === 'unhealthy') {
    return checkOf(id, 'error', 'diagnosis.feature.unhealthy', { feature }, detail);
  }
  if (health === 'healthy') return checkOf(id, 'ok', 'diagnosis.feature.healthy', { feature }, detail);
  return checkOf(id, 'unknown', 'diagnosis.feature.unknown', { feature }, detail);
}

export interface PeerCertificate {
  validTo: Date;
  /** Whether Node's trust store accepts it for the name (an internal CA's is not, by design). */
  trusted: boolean;
  issuer: string;
  reason?: string;
}

export type CertificateProbe =
  | { kind: 'off' }
  | { kind: 'unreachable'; error: string }
  | { kind: 'certificate'; certificate: PeerCertificate; internalCa: boolean };

export function certificateCheck(name: string, probe: CertificateProbe, now: Date): DiagnosisCheck {
  const id = 'certificate';
  if (probe.kind === 'off') return checkOf(id, 'unknown', 'diagnosis.tls.off', { name });
  if (probe.kind === 'unreachable') return checkOf(id, 'error', 'diagnosis.tls.unreachable', { name }, probe.error);
  const { certificate: cert, internalCa } = probe;
  const days = Math.floor((cert.validTo.getTime() - now.getTime()) / DAY_MS);
  const params = { name, days, expiresAt: cert.validTo.toISOString() };
  const detail = `issuer: ${cert.issuer}; valid to: ${cert.validTo.toISOString()}${cert.reason ? `; ${cert.reason}` : ''}`;
  if (days < 0) return checkOf(id, 'error', 'diagnosis.tls.expired', params, detail);
  if (!cert.trusted && !internalCa) return checkOf(id, 'error', 'diagnosis.tls.untrusted', params, detail);
  if (days < CERT_WARN_DAYS && !internalCa) return checkOf(id, 'warning', 'diagnosis.tls.expiring', params, detail);
  return checkOf(id, 'ok', internalCa ? 'diagnosis.tls.internal' : 'diagnosis.tls.ok', params, detail);
}

export interface LastBackup {
  state: string;
  finishedAt: Date | null;
  errorKey: string | null;
}

/** The newest run, and the newest that succeeded (null: none yet). */
export function backupCheck(latest: LastBackup | null, lastSuccessAt: Date | null, now: Date): DiagnosisCheck {
  const id = 'backup';
  if (!latest) return checkOf(id, 'warning', 'diagnosis.backup.none');
  const params: CheckParams = lastSuccessAt ? { at: lastSuccessAt.toISOString() } : {};
  if (latest.state === 'failed') {
    return checkOf(id, 'error', 'diagnosis.backup.failed', params, latest.errorKey ?? undefined);
  }
  if (!lastSuccessAt) return checkOf(id, 'unknown', 'diagnosis.backup.running');
  if (now.getTime() - lastSuccessAt.getTime() > BACKUP_OVERDUE_MS) {
    return checkOf(id, 'warning', 'diagnosis.backup.overdue', params);
  }
  return checkOf(id, 'ok', 'diagnosis.backup.ok', params);
}
