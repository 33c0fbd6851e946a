/**
 * Our backup path, as the backup bench measures it: ResticRepository (the manager's one gateway to
 * restic) constructed as its integration test does, on the real engine, with the local target of a new
 * data directory per instance. Its restic containers carry this run's appliance id, so that a failure
 * or an interruption leaves none behind.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tag } from '../../server/src/backups/backup.types';
import type { BackupTarget } from '../../server/src/backups/restic.types';
import { cleanupAppliance, testRestic } from '../../test/support/test-images';
import type { BenchVolume, Created, NewPath } from './backup-paths';

const LOCAL: BackupTarget = { kind: 'local' };

export function ourPath(volume: BenchVolume, created: Created): NewPath {
  const applianceId = `bench${volume.runId}`;
  created.cleanups.push(() => cleanupAppliance(applianceId));
  return (instance) => {
    const dataDir = join(volume.workDir, `appliance-${instance}`);
    mkdirSync(dataDir, { mode: 0o700 });
    const { restic } = testRestic(dataDir, applianceId);
    const tags = [tag('run', `bench-${instance}`), tag('service', 'bench'), tag('kind', 'volume')];
    let latest = '';
    const backup = async () => {
      latest = (await restic.backupVolume(LOCAL, { name: volume.name }, tags)).snapshotId;
    };
    return {
      label: 'ours (ResticRepository)',
      async firstBackup() {
        await restic.ensureRepository(LOCAL);
        await backup();
      },
      incrementalBackup: backup,
      async restore(target: string) {
        await restic.restoreVolume(LOCAL, latest, { name: target });
        return '.';
      },
    };
  };
}
