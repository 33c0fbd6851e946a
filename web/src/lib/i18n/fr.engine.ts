import type { enEngine } from './en.engine';

/** Messages français pour un Docker injoignable (le bandeau, les cartes, les journaux) et les raisons de l’état. */
export const frEngine: Record<keyof typeof enEngine, string> = {
  'error.engineUnreachable':
    'Le gestionnaire de services ne parvient pas à joindre Docker pour le moment ; rien n’a été modifié. Voir l’avis en haut de la page.',
  'jobs.error.engineUnreachable':
    'Le gestionnaire de services n’a pas pu joindre Docker : l’opération n’a pas pu se faire. Rien d’autre n’a été modifié.',
  'system.reason.engineUnreachable': 'Le gestionnaire de services ne parvient pas à joindre Docker.',
  'system.reason.noAnswer': 'Pas de réponse en {seconds} s.',
  'system.reason.failed': 'Cette vérification a échoué.',
  'engine.banner.title': 'Le gestionnaire de services ne parvient pas à joindre Docker',
  'engine.banner.body':
    'Vos outils ne peuvent être ni installés, ni démarrés, ni mis à jour, ni sauvegardés tant qu’il ne le peut pas. Les données déjà enregistrées ne risquent rien.',
  'engine.banner.mount':
    'Le plus souvent, le gestionnaire a été lancé sans accès à Docker. Ajoutez cette option à votre commande docker run :',
  'engine.banner.restart':
    'Puis arrêtez et supprimez le gestionnaire (docker stop, docker rm) et relancez-le avec cette option ; vos données restent dans leur volume. Si c’est Docker lui-même qui est arrêté, démarrez-le (par exemple : sudo systemctl start docker).',
  'engine.banner.retry': 'Vérifier à nouveau',
  'engine.banner.checking': 'Vérification…',
  'engine.featureUnavailable': 'Indisponible tant que Docker est injoignable',
  'engine.actionsDisabled': 'Ces actions attendent que le gestionnaire de services puisse de nouveau joindre Docker.',
  'engine.logsUnavailable':
    'Les journaux ne peuvent pas être lus tant que le gestionnaire de services ne joint pas Docker. Réessayez quand l’avis en haut de la page aura disparu.',
  'engine.logsRetry': 'Réessayer',
};
