import type { BackupOverview } from '../../../lib/api';

/** Pure: ask for a recovery key once a backup succeeded (the repository exists) and none was made. */
export function needsRecoveryKey(overview: Pick<BackupOverview, 'lastSuccessAt' | 'recoveryKeyAt'>): boolean {
  return overview.lastSuccessAt !== null && overview.recoveryKeyAt === null;
}

/** Pure: the downloaded file's name, dated so a second key does not overwrite the first one's file. */
export function recoveryKeyFileName(now: Date): string {
  return `recovery-key-${now.toISOString().slice(0, 10)}.txt`;
}
