import type { Messages } from './en';
import { frAccounts } from './fr.accounts';
import { frBackups } from './fr.backups';
import { frExports } from './fr.exports';
import { frBackupTargets } from './fr.backup-targets';
import { frRestoreOffsite } from './fr.restore-offsite';
import { frJobs } from './fr.jobs';
import { frMembers } from './fr.members';
import { frOidc } from './fr.oidc';
import { frMail } from './fr.mail';
import { frPortal } from './fr.portal';
import { frFleet } from './fr.fleet';
import { frFederation } from './fr.federation';
import { frMe } from './fr.me';
import { frErrors } from './fr.errors';
import { frEngine } from './fr.engine';
import { frFirstSteps } from './fr.first-steps';
import { frRooms } from './fr.rooms';
import { frSetupChecks } from './fr.setup-checks';
import { frSignup } from './fr.signup';
import { frDiagnosis } from './fr.diagnosis';

/** French messages: must provide exactly the keys of `en`. */
export const fr = {
  ...frAccounts,
  ...frBackups,
  ...frExports,
  ...frBackupTargets,
  ...frRestoreOffsite,
  ...frJobs,
  ...frMembers,
  ...frOidc,
  ...frMail,
  ...frPortal,
  ...frFleet,
  ...frFederation,
  ...frMe,
  ...frErrors,
  ...frEngine,
  ...frFirstSteps,
  ...frRooms,
  ...frSetupChecks,
  ...frSignup,
  ...frDiagnosis,
  'app.name': 'Tiers-lieu',
  'app.loading': 'Chargement…',
  'app.bootError': 'Le serveur est injoignable pour le moment.',
  'app.retry': 'Réessayer',
  // Page titles and accessibility (issue 14)
  'title.step': 'Étape {current} sur {total} : {step}',
  'title.dashboard': 'Tableau de bord',

  'lang.label': 'Langue',
  'lang.fr': 'Français',
  'lang.en': 'English',

  'password.hint':
    'Au moins 12 caractères, sans le nom d’utilisateur. Une phrase de quelques mots est facile à retenir et difficile à deviner.',
  'password.strength': 'Robustesse : {level}',
  'password.level0': 'trop court',
  'password.level1': 'faible, allongez-le ou mélangez lettres, chiffres et symboles',
  'password.level2': 'bonne',
  'password.level3': 'forte',

  'feature.chat.name': 'Discussion',
  'feature.chat.description': 'Messagerie Matrix : le serveur Synapse et l’application web Element.',
  'feature.pad.name': 'Pad',
  'feature.pad.description': 'Des notes rédigées à plusieurs en temps réel (HedgeDoc).',
  'feature.files.name': 'Fichiers',
  'feature.files.description': 'Fichiers, agendas et contacts partagés (Nextcloud).',

  'wizard.title': 'Installer votre tiers-lieu',
  'wizard.stepOf': 'Étape {current} sur {total}',
  'wizard.steps': 'Étapes de l’installation',
  'wizard.back': 'Retour',
  'wizard.next': 'Suivant',
  'wizard.submit': 'Installer',
  'wizard.submitting': 'Installation en cours… cela peut prendre quelques secondes.',
  'wizard.fixErrors': 'Certaines valeurs demandent votre attention.',
  'wizard.step.language': 'Langue',
  'wizard.step.token': 'Jeton d’installation',
  'wizard.step.community': 'Communauté',
  'wizard.step.domain': 'Domaine',
  'wizard.step.admin': 'Administrateur',
  'wizard.step.features': 'Services',
  'wizard.step.review': 'Vérification',
  'wizard.language.title': 'Choisissez votre langue',
  'wizard.language.intro':
    'C’est la langue de l’installation et du tableau de bord. Vous pourrez la changer à tout moment.',
  'wizard.token.title': 'Jeton d’installation',
  'wizard.token.intro':
    'Pour prouver que c’est bien vous qui avez installé ce serveur, collez son jeton d’installation. Le serveur l’affiche dans son journal à son premier démarrage.',
  'wizard.token.label': 'Jeton d’installation',
  'wizard.token.rejected':
    'Ce jeton d’installation a été refusé. Copiez-le à nouveau avec l’une des commandes ci-dessous.',
  'wizard.community.title': 'Votre communauté',
  'wizard.community.intro': 'Son nom, sa couleur et son logo apparaissent sur chaque page.',
  'wizard.community.name': 'Nom de la communauté',
  'wizard.community.color': 'Couleur principale',
  'wizard.community.logo': 'Logo (facultatif)',
  'wizard.community.logoHint': 'PNG, JPEG ou WebP, 256 Ko au plus.',
  'wizard.community.logoRemove': 'Retirer le logo',
  'wizard.community.logoPreview': 'Aperçu du logo',
  'wizard.domain.title': 'Nom de domaine',
  'wizard.domain.intro':
    'L’adresse à laquelle vos services seront joignables, par exemple tiers-lieu.example.org. Elle doit pointer vers ce serveur.',
  'wizard.domain.label': 'Domaine',
  'wizard.domain.warning':
    'Le nom du serveur de discussion Matrix est tiré de ce domaine (adresses comme @alice:{domain}). Il ne pourra jamais être changé.',
  'wizard.admin.title': 'Premier administrateur',
  'wizard.admin.intro': 'Ce compte gère le serveur. Vous pourrez inviter d’autres administrateurs ensuite.',
  'wizard.admin.username': 'Nom d’utilisateur',
  'wizard.admin.usernameHint': 'Lettres minuscules, chiffres, point, tiret bas ou tiret.',
  'wizard.admin.email': 'Adresse e-mail',
  'wizard.admin.password': 'Mot de passe',
  'wizard.admin.passwordConfirm': 'Confirmez le mot de passe',
  'wizard.features.title': 'Services',
  'wizard.features.intro': 'Choisissez les services dont votre communauté a besoin.',
  'wizard.review.title': 'Vérifier et confirmer',
  'wizard.review.intro': 'Rien n’est enregistré avant que vous appuyiez sur « Installer ».',
  'wizard.review.token': 'Jeton d’installation',
  'wizard.review.tokenGiven': 'fourni',
  'wizard.review.noLogo': 'pas de logo',
  'wizard.review.none': 'aucun',
  'wizard.review.edit': 'Modifier',
  'setup.alreadyCompleted': 'Ce serveur est déjà installé. Connectez-vous avec un compte administrateur.',

  'login.title': 'Connexion',
  'login.username': 'Nom d’utilisateur',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.submitting': 'Connexion…',
  'login.badCredentials': 'Nom d’utilisateur ou mot de passe incorrect.',
  'login.tooMany': 'Trop de tentatives. Patientez {minutes} minutes puis réessayez.',
  'login.tooManyOne': 'Trop de tentatives. Patientez 1 minute puis réessayez.',
  'login.tooManyUnknown': 'Trop de tentatives. Patientez quelques minutes puis réessayez.',
  'login.sessionExpired': 'Votre session a expiré. Reconnectez-vous.',
  'login.signedOut': 'Vous êtes déconnecté.',

  'dashboard.logout': 'Se déconnecter',
  'dashboard.signedInAs': 'Connecté en tant que {username}',
  'dashboard.loadError': 'Cette section n’a pas pu être chargée. {reason}',
  'dashboard.refresh': 'Actualiser',

  'features.title': 'Services',
  'features.disabled': 'Non activé',
  'features.state.not-installed': 'Pas encore installé',
  'features.state.installing': 'Installation en cours',
  'features.state.running': 'En marche',
  'features.state.stopped': 'Arrêté',
  'features.state.updating': 'Mise à jour en cours',
  'features.state.error': 'En erreur',
  'features.health.healthy': 'en bonne santé',
  'features.health.unhealthy': 'en mauvaise santé',
  'features.health.starting': 'en démarrage',
  'features.health.unknown': 'santé inconnue',
  'features.version': 'Version {version}',
  'features.memory': 'Mémoire : {size}',
  'features.actions': 'Actions pour {name}',
  'features.action.enable': 'Activer',
  'features.action.start': 'Démarrer',
  'features.action.stop': 'Arrêter',
  'features.action.restart': 'Redémarrer',
  'features.action.update': 'Mettre à jour',
  'features.action.disable': 'Désactiver',
  'features.action.logs': 'Journaux',
  'features.busy': 'Une opération est déjà en cours sur ce service. Attendez qu’elle se termine, puis réessayez.',
  'features.actionFailed': 'L’action n’a pas pu être lancée. {reason}',

  'selfUpdate.title': 'Mise à jour du gestionnaire',
  'selfUpdate.current': 'Version en service : {version}',
  'selfUpdate.image': 'Image {image}',
  'selfUpdate.unsupported': 'Ce gestionnaire ne peut pas se mettre à jour lui-même : {reason}.',
  'selfUpdate.notInImage':
    'Le gestionnaire ne se met à jour lui-même que lorsqu’il tourne depuis son image Docker ; ici, mettez à jour l’installation qui le fait tourner.',
  'selfUpdate.upToDate': 'À jour.',
  'selfUpdate.available': 'La version {version} est disponible.',
  'selfUpdate.start': 'Mettre à jour le gestionnaire',
  'selfUpdate.confirmTitle': 'Mettre à jour le gestionnaire vers la version {version} ?',
  'selfUpdate.confirmText':
    'Le gestionnaire redémarre sur la nouvelle version : le tableau de bord est indisponible une minute ou deux, vos services continuent de fonctionner. Si la nouvelle version ne démarre pas correctement, la version actuelle est remise en place automatiquement.',
  'selfUpdate.confirm': 'Mettre à jour maintenant',
  'selfUpdate.cancel': 'Annuler',
  'selfUpdate.running': 'Mise à jour du gestionnaire',
  'selfUpdate.restarting':
    'Le gestionnaire redémarre sur la nouvelle version. Cette page se recharge dès qu’il répond à nouveau.',
  'selfUpdate.finishing': 'La mise à jour se termine…',
  'selfUpdate.last.succeeded': 'Dernière mise à jour ({date}) : de {from} à {to}, réussie.',
  'selfUpdate.last.rolled-back':
    'Dernière mise à jour ({date}) vers {to} annulée ; {from} fonctionne à nouveau. Raison : {reason}',
  'selfUpdate.last.failed': 'Dernière mise à jour ({date}) vers {to} échouée : {reason}',
  'selfUpdate.failed': 'La mise à jour n’a pas pu démarrer : {reason}',

  'disable.title': 'Désactiver {name} ?',
  'disable.intro':
    'Ses services sont arrêtés et retirés. Ses données (base de données et fichiers) sont conservées : en le réactivant plus tard, vous retrouvez tout.',
  'disable.keep': 'Désactiver et garder les données',
  'disable.cancel': 'Annuler',
  'disable.deleteTitle': 'Ou supprimer aussi les données',
  'disable.deleteWarning':
    'Tout ce que {name} a enregistré est supprimé définitivement : sa base de données et ses fichiers. C’est irréversible.',
  'disable.confirmLabel': 'Pour confirmer, tapez « {id} »',
  'disable.delete': 'Désactiver et supprimer les données',

  'logs.title': 'Journaux : {name}',
  'logs.follow': 'Suivre',
  'logs.close': 'Fermer',
  'logs.status.loading': 'Chargement…',
  'logs.status.live': 'Nouvelles lignes en direct',
  'logs.status.reconnecting': 'Reconnexion…',
  'logs.status.paused': 'En pause',
  'logs.status.error': 'Le flux en direct s’est arrêté',
  'logs.tailHint': 'd’abord les {count} dernières lignes de chaque service',
  'logs.loadError': 'Les journaux n’ont pas pu être chargés. {reason}',
  'logs.empty': 'Aucune ligne de journal pour l’instant.',

  'system.title': 'État du système',
  'system.database': 'Base de données',
  'system.queue': 'Tâches en cours',
  'system.docker': 'Docker',
  'system.up': 'Disponible',
  'system.down': 'Indisponible',
  'system.disk': 'Disque',
  'system.memory': 'Mémoire',
  'system.freeOfTotal': '{free} libres sur {total}',

  'admins.title': 'Administrateurs',
  'admins.role.admin': 'Administrateur',
  'admins.since': 'depuis le {date}',
  'admins.you': '(vous)',
  'admins.empty': 'Aucun administrateur pour l’instant.',

  'invite.title': 'Inviter un administrateur',
  'invite.email': 'Son adresse e-mail',
  'invite.submit': 'Créer une invitation',
  'invite.submitting': 'Création…',
  'invite.link': 'Lien d’invitation',
  'invite.linkHint': 'Envoyez ce lien à {email}. Il ne sert qu’une fois et expire le {date}.',
  'invite.copy': 'Copier',
  'invite.copied': 'Copié',

  'accept.title': 'Devenir administrateur',
  'accept.intro': 'Vous avez été invité avec l’adresse {email}. Choisissez un nom d’utilisateur et un mot de passe.',
  'accept.expires': 'Cette invitation expire le {date}.',
  'accept.username': 'Nom d’utilisateur',
  'accept.password': 'Mot de passe',
  'accept.passwordConfirm': 'Confirmez le mot de passe',
  'accept.submit': 'Créer mon compte',
  'accept.submitting': 'Création de votre compte…',
  'accept.invalid': 'Cette invitation n’est pas valide ou a expiré. Demandez-en une nouvelle à un administrateur.',
  'accept.conflict': 'Ce nom d’utilisateur est déjà pris.',
  'accept.goLogin': 'Aller à la page de connexion',

  // Empreintes des images (chaîne d'approvisionnement) : une image modifiée sous un nom connu est refusée.
  'imageTrust.digest': 'Empreinte {digest}',
  'imageTrust.serviceRefused':
    'Une image modifiée pour {component} a été refusée : {reference} désigne maintenant {offered}, et non {recorded} comme enregistré. Le service continue comme avant.',
  'imageTrust.updateRefused':
    'Mise à jour refusée : une autre image de version {version} a déjà été enregistrée, avec une empreinte différente. Contactez qui publie le canal de mise à jour.',

  'unit.b': 'o',
  'unit.kb': 'Ko',
  'unit.mb': 'Mo',
  'unit.gb': 'Go',
  'unit.tb': 'To',

  // Reprise après sinistre : « Restaurer depuis une sauvegarde » dans l’assistant.
  'recovery.choice':
    'Vous remplacez un serveur perdu ? Reprenez ses réglages, ses administrateurs et ses services depuis une sauvegarde.',
  'recovery.title': 'Restaurer depuis une sauvegarde',
  'recovery.intro':
    'Indiquez le jeton d’installation de ce nouveau serveur, l’emplacement du dépôt de sauvegardes et la clé de récupération conservée quand les sauvegardes ont commencé. Les administrateurs se connectent ensuite avec leurs mots de passe habituels pendant que les services sont restaurés.',
  'recovery.repository': 'Dossier du dépôt (facultatif)',
  'recovery.repositoryHint':
    'Un dossier de cette machine, par exemple un disque monté. Laissez vide si le dépôt a été copié dans DATA_DIR/backups/repository.',
  'recovery.key': 'Clé de récupération',
  'recovery.submit': 'Restaurer',
  'recovery.submitting': 'Restauration des réglages… cela peut prendre une minute.',
  'recovery.cancel': 'Revenir à une nouvelle installation',
  'recovery.missing': 'Le jeton d’installation et la clé de récupération sont tous deux nécessaires.',
  'recovery.wrongKey': 'Cette clé de récupération n’ouvre pas le dépôt.',
  'recovery.wrongToken': 'Le jeton d’installation n’est pas valide : copiez-le à nouveau depuis le journal du serveur.',
  'recovery.notFound': 'Aucune sauvegarde n’a été trouvée à cet emplacement.',
  'recovery.failed': 'La restauration n’a pas pu démarrer. Consultez le journal du serveur.',
  'recovery.started':
    'Les réglages et les administrateurs sont de retour. Connectez-vous : les services sont en cours de restauration.',
} satisfies Messages;
