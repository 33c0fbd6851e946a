import type { enJobs } from './en.jobs';

/** French messages of long operations: must provide exactly the keys of `enJobs`. */
export const frJobs = {
  'jobs.kind.enable': 'Installation',
  'jobs.kind.disable': 'Désactivation',
  'jobs.kind.start': 'Démarrage',
  'jobs.kind.stop': 'Arrêt',
  'jobs.kind.restart': 'Redémarrage',
  'jobs.kind.update': 'Mise à jour',
  'jobs.kind.reconcile': 'Vérification des services',
  'jobs.kind.selfUpdate': 'Mise à jour du gestionnaire',
  'jobs.starting': 'Lancement de l’opération',
  'jobs.percent': '{percent} %',
  'jobs.failed': 'L’opération a échoué. {error}',
  'jobs.noReason': 'Aucune raison n’a été donnée.',
  'jobs.dismiss': 'Fermer',
  'jobs.details': 'Détails techniques',

  'jobs.stage.queued': 'En attente de son tour…',
  'jobs.stage.download': 'Téléchargement de {image}',
  'jobs.stage.createNetwork': 'Création du réseau privé',
  'jobs.stage.createVolume': 'Création d’un volume de données',
  'jobs.stage.create': 'Préparation de {service}',
  'jobs.stage.start': 'Démarrage de {service}',
  'jobs.stage.stop': 'Arrêt de {service}',
  'jobs.stage.remove': 'Retrait de {service}',
  'jobs.stage.replace': 'Remplacement de {service} par sa nouvelle version',
  'jobs.stage.restart': 'Redémarrage de {service}',
  'jobs.stage.databases': 'Préparation des bases de données',
  'jobs.stage.dropDatabases': 'Suppression des bases de données',
  'jobs.stage.proxy': 'Configuration des adresses web',
  'jobs.stage.matrixAdmin': 'Création du compte administrateur de la discussion',
  'jobs.stage.removeVolume': 'Suppression des données enregistrées',
  'jobs.stage.health': 'Attente des contrôles de santé',
  'jobs.stage.rollback': 'Retour à la version précédente',
  'jobs.stage.channel': 'Vérification du canal de mise à jour',
  'jobs.stage.localImage': 'Préparation de la nouvelle version',
  'jobs.stage.helper': 'Démarrage de l’assistant de mise à jour',
  'jobs.stage.handover': 'Passage à la nouvelle version',
  'jobs.stage.done': 'Terminé',

  'jobs.result.installed': 'Installé et démarré.',
  'jobs.result.started': 'Démarré.',
  'jobs.result.stopped': 'Arrêté.',
  'jobs.result.disabledKept': 'Désactivé ; les données sont conservées.',
  'jobs.result.disabledDeleted': 'Désactivé ; les données ont été supprimées.',
  'jobs.result.restarted': 'Redémarré.',
  'jobs.result.updated': 'Mis à jour vers la dernière version.',
  'jobs.result.upToDate': 'Déjà à jour.',
  'jobs.result.reconciled': 'Tout fonctionne comme prévu.',
  'jobs.result.selfUpdated': 'Le gestionnaire a été mis à jour.',
  'jobs.result.unknown': 'Terminé.',

  'jobs.error.interrupted': 'Elle a été interrompue par un redémarrage du gestionnaire. Réessayez.',
  'jobs.error.unexpected': 'Un problème inattendu est survenu.',
  'jobs.error.legacy':
    'Elle a échoué avant la dernière mise à jour du gestionnaire ; seuls les détails techniques sont conservés.',
  'jobs.error.updateRolledBack':
    'La nouvelle version ne fonctionnait pas : la précédente a été remise en place ({images}).',
  'jobs.error.notHealthy': 'Ces services ne sont pas devenus opérationnels à temps : {services}.',
  'jobs.error.stepFailed': 'Cette étape n’a pas abouti : {stage}.',
  'jobs.error.selfUpdateFailed': 'La mise à jour n’a pas pu aboutir.',
  'jobs.error.rolledBack':
    'La nouvelle version ({image}) n’a pas démarré correctement : la précédente a été remise en place.',
  'jobs.error.helperStopped':
    'L’assistant de mise à jour s’est arrêté sans dire comment la mise à jour s’est terminée.',
  'jobs.error.selfUpdateUnsupported': 'Ce gestionnaire ne peut pas se mettre à jour lui-même.',
  'jobs.error.downloadFailed': '{image} n’a pas pu être téléchargée.',
  'jobs.error.noRoomToDownload':
    'Pas assez d’espace disque libre pour télécharger {images} : {freeGiB} Gio libres, {neededGiB} Gio nécessaires.',
  'jobs.error.imageRefused': 'Une image modifiée a été refusée ; ce qui tourne est resté tel quel.',
  'jobs.error.setupIncomplete': 'La configuration initiale n’est pas encore terminée.',
  'jobs.error.unknownKind': 'Cette version ne connaît pas cette opération ({kind}).',
  'jobs.error.unknown': 'La raison figure dans les détails techniques.',
  // Sauvegardes : l’exécution (étapes, résultat, erreurs).
  'jobs.stage.backupPrepare': 'Préparation de la sauvegarde',
  'jobs.stage.backupDatabase': 'Sauvegarde de la base de données {database}',
  'jobs.stage.backupVolume': 'Sauvegarde des fichiers de {service}',
  'jobs.stage.backupAppliance': 'Sauvegarde des réglages et des comptes',
  'jobs.result.backupDone': 'Sauvegarde terminée.',
  'jobs.error.backupDumpFailed':
    'La base de données {database} n’a pas pu être lue : cette sauvegarde a été écartée. Les sauvegardes précédentes sont intactes.',
  'jobs.error.backupDiskFull':
    'Le disque de sauvegarde est plein : cette sauvegarde a été écartée. Libérez de l’espace et réessayez.',
  'jobs.error.backupTargetUnreachable': 'Le stockage des sauvegardes est injoignable : cette sauvegarde a été écartée.',
  'jobs.error.backupTimeout':
    'Le stockage des sauvegardes ne répondait plus : l’opération a été arrêtée (une sauvegarde inachevée est écartée). Vérifiez qu’il est joignable ; la prochaine sauvegarde réessaiera.',
  'jobs.error.backupLocked': 'Une autre opération de sauvegarde occupe le stockage. Réessayez dans un moment.',
  'jobs.error.backupWrongPassword': 'Le stockage des sauvegardes n’accepte pas la clé de ce serveur.',
  'jobs.error.backupNoRepository':
    'Aucune sauvegarde n’a été trouvée : aucune n’a encore été faite, ou le stockage des sauvegardes n’est pas à l’endroit prévu.',
  'jobs.error.backupFailed': 'La sauvegarde n’a pas abouti et a été écartée.',
  'jobs.error.notAvailable': 'Cette opération n’est pas encore disponible dans cette version.',

  // Sauvegardes : planification, conservation, vérifications, verrous orphelins, stockage muet.
  'jobs.kind.backupForget': 'Suppression des anciennes sauvegardes',
  'jobs.kind.backupCheck': 'Vérification des sauvegardes',
  'jobs.stage.backupForget': 'Suppression des sauvegardes que la politique de conservation ne garde pas',
  'jobs.stage.backupCheck': 'Relecture de la partie {subset} des sauvegardes stockées',
  'jobs.stage.backupUnlock': 'Nettoyage de ce qu’une sauvegarde interrompue a laissé',
  'jobs.result.backupForgotten': 'Les anciennes sauvegardes ont été supprimées selon la politique de conservation.',
  'jobs.result.backupChecked':
    'Les sauvegardes ont été vérifiées : la partie {subset} des données stockées a été relue sans erreur.',
  'jobs.error.backupCheckFailed': 'La vérification des sauvegardes a trouvé un problème ou n’a pas pu aboutir.',
  'jobs.error.backupForgetFailed': 'Les anciennes sauvegardes n’ont pas pu être supprimées.',
} satisfies Record<keyof typeof enJobs, string>;
