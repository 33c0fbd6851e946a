import type { enRestoreOffsite } from './en.restore-offsite';

/** Restaurer depuis un autre emplacement, et la copie d’une sauvegarde vers un emplacement, partie par partie. */
export const frRestoreOffsite = {
  'backups.places.points': 'Sauvegardes conservées ici',
  'backups.places.pointsLabel': 'Sauvegardes conservées ici ({label})',
  'backups.places.pointsHint':
    'Pour restaurer d’ici une sauvegarde qui n’est plus sur ce serveur, ou quand ce serveur a perdu ses propres copies.',
  'backups.places.loading': 'Lecture de l’emplacement…',
  'backups.places.none': 'Aucune sauvegarde n’a été trouvée à cet emplacement.',
  'backups.places.loadFailed': 'Les sauvegardes conservées ici n’ont pas pu être listées. {reason}',
  'backups.places.restoreLabel': 'Restaurer la sauvegarde du {date} depuis {label}',
  'backups.restore.from': 'Depuis l’emplacement « {label} ».',

  'restoreOffsite.problem.targetNotFound': 'Cet emplacement n’est plus dans les réglages.',
  'restoreOffsite.problem.targetNoRepository': 'Aucune sauvegarde n’a été trouvée à cet emplacement.',
  'restoreOffsite.problem.pointNotAtTarget': 'Cette sauvegarde n’est plus à cet emplacement.',
  'restoreOffsite.problem.targetWrongPassword':
    'Les sauvegardes de cet emplacement ne s’ouvrent pas avec la clé de ce serveur.',
  'restoreOffsite.problem.targetMissingDirectory': 'Ce dossier n’est plus là : le disque est-il branché ?',
  'restoreOffsite.problem.targetUnreachable': 'Cet emplacement ne répond pas : vérifiez qu’il est allumé et joignable.',
  'restoreOffsite.problem.targetFailed': 'Cet emplacement n’a pas pu être lu.',
  'restoreOffsite.problem.targetHostKeyMismatch':
    'Le serveur SFTP n’a pas montré la clé d’hôte enregistrée pour cet emplacement : un autre serveur, ou sa clé a changé.',
  'restoreOffsite.problem.targetSshDenied':
    'Le serveur SFTP a refusé la clé de ce serveur : ajoutez sa clé publique aux authorized_keys de l’utilisateur.',
  'restoreOffsite.problem.targetS3Denied': 'Le service S3 a refusé les clés de cet emplacement.',

  'jobs.stage.backupCopying': 'Copie de la sauvegarde vers {target} ({done} parties sur {total})',
  'jobs.error.restoreTargetMissing':
    'Cet emplacement a été retiré des réglages entre-temps : rien n’a été restauré ni arrêté.',
} satisfies Record<keyof typeof enRestoreOffsite, string>;
