import type { enBackups } from './en.backups';

/** French messages of the backups section: must provide exactly the keys of `enBackups`. */
export const frBackups = {
  'backups.title': 'Sauvegardes',
  'backups.intro':
    'Des copies chiffrées de la discussion, du pad, des fichiers, et des réglages et comptes de ce tableau de bord.',
  'backups.overdue':
    'Aucune sauvegarde n’a réussi depuis plus de 48 heures. Lancez « Sauvegarder maintenant » et consultez l’historique ci-dessous pour en connaître la raison.',
  'backups.overdueNever':
    'Aucune sauvegarde n’a encore réussi. Lancez « Sauvegarder maintenant » pour faire la première.',
  'backups.last': 'Dernière sauvegarde réussie',
  'backups.lastValue': '{ago} ({date})',
  'backups.lastNever': 'Aucune pour l’instant',
  'backups.next': 'Prochaine sauvegarde',
  'backups.nextOff': 'Les sauvegardes automatiques sont désactivées',
  'backups.nextNone': 'Aucune de prévue',
  'backups.size': 'Données de la dernière sauvegarde',
  'backups.kept': 'Sauvegardes conservées',
  'backups.when.today': 'aujourd’hui à {time}',
  'backups.when.tomorrow': 'demain à {time}',
  'backups.when.yesterday': 'hier à {time}',
  'backups.when.date': '{date} à {time}',

  'backups.now': 'Sauvegarder maintenant',
  'backups.check': 'Vérifier l’intégrité maintenant',
  'backups.checkHint': 'Relit une partie des sauvegardes pour s’assurer qu’elles pourront être restaurées.',
  'backups.busy':
    'Une sauvegarde, une restauration ou une vérification est déjà en cours. Attendez qu’elle se termine, puis réessayez.',
  'backups.startFailed': 'L’opération n’a pas pu démarrer. {reason}',

  'backups.history': 'Historique',
  'backups.historyEmpty': 'Aucune sauvegarde pour l’instant. Lancez « Sauvegarder maintenant » pour faire la première.',
  'backups.state.running': 'En cours',
  'backups.state.succeeded': 'Réussie',
  'backups.state.failed': 'Échouée',
  'backups.state.kept': 'Disponible',
  'backups.entry.holds': 'Contient : {services}',
  'backups.entry.size': '{size} de données',
  'backups.showAll': 'Afficher tout l’historique ({count})',
  'backups.showLatest': 'N’afficher que les plus récentes',
  'backups.restore': 'Restaurer…',
  'backups.restoreLabel': 'Restaurer la sauvegarde du {date}',

  'backups.scope.chat': 'Discussion',
  'backups.scope.pad': 'Pad',
  'backups.scope.files': 'Fichiers',
  'backups.scope.appliance': 'Réglages et comptes administrateurs',

  'backups.restore.title': 'Restaurer la sauvegarde du {date}',
  'backups.restore.choose': 'Que restaurer ?',
  'backups.restore.chooseHint': 'Seul ce que contient cette sauvegarde peut être choisi.',
  'backups.restore.noneChosen': 'Choisissez au moins un élément à restaurer.',
  'backups.restore.next': 'Continuer',
  'backups.restore.back': 'Retour',
  'backups.restore.cancel': 'Annuler',
  'backups.restore.confirmTitle': 'Remplacer les données actuelles ?',
  'backups.restore.replaces':
    'Les données actuelles de ce qui suit seront remplacées par celles du {date}, et tout ce qui y a changé depuis sera perdu :',
  'backups.restore.pause':
    'Ces services s’arrêtent pendant la restauration puis redémarrent : les personnes qui les utilisent sont déconnectées un moment.',
  'backups.restore.accounts':
    'Restaurer les réglages et comptes remet aussi les administrateurs et les mots de passe de cette date.',
  'backups.restore.confirm': 'Remplacer et restaurer',
  'backups.restore.starting': 'Lancement de la restauration…',

  'backups.schedule.title': 'Planification et conservation',
  'backups.schedule.when': '{days} à {time}.',
  'backups.schedule.everyDay': 'Tous les jours',
  'backups.schedule.keeps': 'Garde {daily} sauvegardes quotidiennes, {weekly} hebdomadaires et {monthly} mensuelles.',
  'backups.schedule.enabled': 'Sauvegarder automatiquement',
  'backups.schedule.time': 'Heure',
  'backups.schedule.timeHint': 'Heure du serveur, sur 24 heures (HH:MM).',
  'backups.schedule.days': 'Jours',
  'backups.schedule.keep': 'Combien en garder',
  'backups.schedule.keepHint':
    'Les sauvegardes plus anciennes sont supprimées : on garde la dernière de chaque jour, semaine et mois, autant qu’indiqué ici.',
  'backups.schedule.daily': 'Sauvegardes quotidiennes',
  'backups.schedule.weekly': 'Sauvegardes hebdomadaires',
  'backups.schedule.monthly': 'Sauvegardes mensuelles',
  'backups.schedule.save': 'Enregistrer',
  'backups.schedule.saving': 'Enregistrement…',
  'backups.schedule.saved': 'Enregistré.',
  'backups.schedule.invalid': 'Certaines valeurs sont à corriger : vérifiez les champs signalés ci-dessous.',
  'backups.schedule.loadFailed': 'La planification n’a pas pu être chargée. {reason}',
  'backups.schedule.saveFailed': 'La planification n’a pas pu être enregistrée. {reason}',
  'backups.validation.time': 'Saisissez une heure au format HH:MM, de 00:00 à 23:59.',
  'backups.validation.days': 'Choisissez au moins un jour.',
  'backups.validation.count': 'Saisissez un nombre entier de 0 à {max}.',
  'backups.validation.keepOne': 'Gardez au moins une sauvegarde.',

  'backups.day.mon': 'Lundi',
  'backups.day.tue': 'Mardi',
  'backups.day.wed': 'Mercredi',
  'backups.day.thu': 'Jeudi',
  'backups.day.fri': 'Vendredi',
  'backups.day.sat': 'Samedi',
  'backups.day.sun': 'Dimanche',
} satisfies Record<keyof typeof enBackups, string>;
