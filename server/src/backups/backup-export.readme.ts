import type { ResticSnapshot } from './restic.types';

/** What the README of an export names: whose data, from when, and each snapshot in its repository. */
export interface ExportReadmeInput {
  community: string;
  feature: string;
  /** ISO 8601: when the backup point was made. */
  pointTime: string;
  /** The export repository's own snapshots (their ids differ from the source repository's). */
  snapshots: readonly ResticSnapshot[];
}

const tagValue = (snapshot: ResticSnapshot, name: string) =>
  snapshot.tags.find((t) => t.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';

/** One line per snapshot: its short id, what it is (a database dump or a service's files), its path. */
function snapshotLines(snapshots: readonly ResticSnapshot[], fr: boolean): string[] {
  return snapshots.map((s) => {
    const service = tagValue(s, 'service');
    const what =
      tagValue(s, 'kind') === 'database'
        ? fr
          ? `base de données de ${service} (format personnalisé de pg_dump)`
          : `${service} database (pg_dump custom format)`
        : fr
          ? `fichiers de ${service}`
          : `${service} files`;
    return `  ${s.id.slice(0, 8)}  ${what}: ${s.paths.join(', ')}`;
  });
}

/**
 * README.txt, in French then English: how to open the archive with plain restic (0.14 or newer) and
 * the passphrase alone, with no software of ours. Pure.
 */
export function exportReadme(input: ExportReadmeInput): string {
  const { community, feature, pointTime } = input;
  return [
    `${community} — ${feature} — ${pointTime}`,
    '',
    '=== Français ===',
    '',
    `Cette archive contient les données « ${feature} » de ${community}, telles que la sauvegarde du`,
    `${pointTime} les a enregistrées, dans un dépôt restic chiffré par la phrase de passe choisie à l’export.`,
    'Cette phrase de passe n’est conservée nulle part : sans elle, l’archive ne peut pas être ouverte.',
    '',
    '1. Installez restic 0.14 ou plus récent (https://restic.net ; Debian/Ubuntu : sudo apt install restic).',
    '2. Décompressez l’archive :            tar -xf <archive>.tar',
    '3. Listez son contenu :                restic -r repository snapshots',
    '4. Restaurez un instantané :           restic -r repository restore <id> --target restauration',
    '   (les fichiers arrivent sous restauration/, avec leur chemin indiqué ci-dessous)',
    '5. Vérifiez l’archive (facultatif) :   restic -r repository check --read-data',
    'restic demande la phrase de passe à chaque commande.',
    '',
    'Instantanés :',
    ...snapshotLines(input.snapshots, true),
    'Une base de données se recharge dans PostgreSQL avec : pg_restore --no-owner -d <base> <fichier>.pgdump',
    '',
    '=== English ===',
    '',
    `This archive holds the “${feature}” data of ${community}, as the backup of ${pointTime} saved`,
    'it, in a restic repository encrypted with the passphrase chosen for the export.',
    'That passphrase is kept nowhere: without it, the archive cannot be opened.',
    '',
    '1. Install restic 0.14 or newer (https://restic.net; Debian/Ubuntu: sudo apt install restic).',
    '2. Unpack the archive:                 tar -xf <archive>.tar',
    '3. List what it holds:                 restic -r repository snapshots',
    '4. Restore a snapshot:                 restic -r repository restore <id> --target restored',
    '   (the files land under restored/, at the path shown below)',
    '5. Check the archive (optional):       restic -r repository check --read-data',
    'restic asks for the passphrase at each command.',
    '',
    'Snapshots:',
    ...snapshotLines(input.snapshots, false),
    'A database loads back into PostgreSQL with: pg_restore --no-owner -d <database> <file>.pgdump',
    '',
  ].join('\n');
}
