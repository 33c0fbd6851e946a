import type { enPortal } from './en.portal';

/** French messages of the member portal and the join page's refusals: exactly the keys of enPortal. */
export const frPortal: Record<keyof typeof enPortal, string> = {
  'join.pageTitle': 'Rejoindre {community}',
  'join.refusedTitle.invalid': 'Ce lien d’invitation ne fonctionne pas',
  'join.refusedTitle.spent': 'Ce lien d’invitation a déjà servi',
  'join.refusedTitle.expired': 'Ce lien d’invitation a expiré',
  'join.refusedNext':
    'Demandez un nouveau lien à la personne qui vous a invité·e. Si vous avez déjà rejoint la communauté avec ce lien, connectez-vous.',

  'portal.welcome': 'Bienvenue dans l’espace de {community}.',
  'portal.signedInAs': 'Connecté·e en tant que {name}',
  'portal.myAccount': 'Mon compte',
  'portal.dashboard': 'Administration',
  'portal.signIn': 'Se connecter',
  'portal.signOut': 'Se déconnecter',
  'portal.services': 'Nos outils',
  'portal.none': 'Aucun outil n’est encore ouvert. Revenez bientôt !',
  'portal.visitorHint': 'Connectez-vous avec votre compte de la communauté pour utiliser ces outils.',
  'portal.loadError': 'La liste des outils n’a pas pu être chargée.',
  'portal.feature.chat': 'Discussion',
  'portal.feature.chat.hint': 'Échangez avec les membres, en salons ou en privé.',
  'portal.feature.pad': 'Bloc-notes',
  'portal.feature.pad.hint': 'Écrivez des notes à plusieurs, en direct.',
  'portal.feature.files': 'Fichiers',
  'portal.feature.files.hint': 'Partagez documents et dossiers.',
  'portal.open': 'Ouvrir {feature}',
  'dashboard.portal': 'Portail des membres',
};
