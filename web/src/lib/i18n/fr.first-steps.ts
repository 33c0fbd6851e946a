import type { enFirstSteps } from './en.first-steps';

/** Messages français de la liste des premiers pas du tableau de bord. */
export const frFirstSteps = {
  'firstSteps.title': 'Et maintenant ?',
  'firstSteps.intro': 'Quelques étapes pour lancer votre communauté. Chacune se coche d’elle-même une fois faite.',
  'firstSteps.done': 'Fait',
  'firstSteps.todo': 'À faire',
  'firstSteps.domainReached': 'Votre domaine mène à ce serveur et l’adresse sécurisée (HTTPS) fonctionne',
  'firstSteps.domainReachedHint':
    'Créez les enregistrements DNS de votre domaine chez votre registraire, puis ouvrez ce tableau de bord à https://{domain}.',
  'firstSteps.featureRunning': 'Au moins un outil est installé et en marche',
  'firstSteps.featureRunningHint': 'Activez la discussion, le pad ou les fichiers dans « {section} ».',
  'firstSteps.peopleInvited': 'Une invitation a été créée ou un membre a rejoint',
  'firstSteps.peopleInvitedHint':
    'Créez un lien d’invitation dans « {section} » et envoyez-le aux personnes de votre communauté.',
  'firstSteps.backedUp': 'Une première sauvegarde a été faite',
  'firstSteps.backedUpHint': 'Appuyez sur « {action} » dans « {section} ».',
  'firstSteps.dismiss': 'Masquer cette liste',
  'firstSteps.dismissHint': 'Masquée pour tous les administrateurs de cette communauté.',
} satisfies Record<keyof typeof enFirstSteps, string>;
