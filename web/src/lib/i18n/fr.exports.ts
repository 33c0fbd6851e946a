import type { enExports } from './en.exports';

/** French messages of the portable export: must provide exactly the keys of `enExports`. */
export const frExports = {
  'backups.export': 'Exporter…',
  'backups.exportLabel': 'Exporter des données de la sauvegarde du {date}',
  'backups.export.title': 'Exporter depuis la sauvegarde du {date}',
  'backups.export.intro':
    'Crée une archive chiffrée des données choisies, à télécharger et à garder ailleurs. Elle s’ouvre avec l’outil libre restic et votre phrase de passe seule : un fichier LISEZ-MOI (README.txt) à l’intérieur donne les commandes.',
  'backups.export.choose': 'Données à exporter',
  'backups.export.passphrase': 'Phrase de passe',
  'backups.export.passphraseHint':
    'Au moins {min} caractères, sans espace au début ni à la fin. Elle n’est conservée nulle part : sans elle, personne ne peut ouvrir l’archive, pas même vous.',
  'backups.export.confirmation': 'La phrase de passe, une seconde fois',
  'backups.export.tooShort': 'Utilisez au moins {min} caractères.',
  'backups.export.tooLong': 'Utilisez au plus {max} caractères.',
  'backups.export.badCharacters': 'Pas d’espace au début ni à la fin, et pas de retour à la ligne.',
  'backups.export.mismatch': 'Les deux phrases de passe ne sont pas identiques.',
  'backups.export.cancel': 'Annuler',
  'backups.export.start': 'Créer l’archive',
  'backups.export.starting': 'Démarrage…',
  'backups.export.ready': 'L’archive est prête.',
  'backups.export.download': 'Télécharger l’archive ({size})',
  'backups.export.kept': 'Elle reste disponible un jour, ou jusqu’au prochain export.',
  'backups.export.gone':
    'Cette sauvegarde ne contient plus ces données : elle a peut-être été supprimée car trop ancienne. Rechargez la page.',

  'jobs.kind.backupExport': 'Création d’une archive chiffrée',
  'jobs.stage.exportCopy': 'Copie des données dans la nouvelle archive chiffrée',
  'jobs.stage.exportPack': 'Assemblage de l’archive',
  'jobs.result.backupExported': 'L’archive est prête : {filename}.',
  'jobs.error.backupExportFailed': 'L’archive n’a pas pu être créée. Les sauvegardes sont intactes.',
  'jobs.error.backupExportDiskFull': 'Pas assez d’espace libre sur le disque pour créer l’archive.',
  'jobs.error.backupExportNoPassphrase':
    'La phrase de passe a été perdue au redémarrage du serveur. Relancez l’export.',
  'jobs.error.backupExportNotInPoint': 'Cette sauvegarde ne contient pas ces données.',
} satisfies Record<keyof typeof enExports, string>;
