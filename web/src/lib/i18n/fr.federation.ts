import type { enFederation } from './en.federation';

/** French messages of the link to a mutualised host (issue 12): must provide exactly the keys of enFederation. */
export const frFederation: Record<keyof typeof enFederation, string> = {
  'federation.title': 'Hébergeur mutualisé',
  'federation.intro':
    'Facultatif. Une coopérative d’hébergement peut s’occuper pour vous de la technique de ce serveur : elle surveille son état, lance quelques tâches que vous autorisez et garde des copies chiffrées de vos sauvegardes. Vous pouvez partir à tout moment.',
  'federation.code': 'Code donné par l’hébergeur',
  'federation.codeHint': 'Il commence par tlup1. Collez-le en entier.',
  'federation.codeMissing': 'Collez le code que l’hébergeur vous a donné.',
  'federation.check': 'Vérifier cet hébergeur',
  'federation.checking': 'Vérification…',
  'federation.preview.title': 'Vérifiez qui vous allez rejoindre',
  'federation.preview.name': 'Hébergeur',
  'federation.preview.url': 'Adresse',
  'federation.preview.fingerprint': 'Empreinte de la clé',
  'federation.preview.fingerprintHint':
    'Comparez-la avec l’empreinte que l’hébergeur vous a donnée par un autre moyen (téléphone, en personne). Si elles diffèrent, ne rejoignez pas.',
  'federation.sees.title': 'Ce que l’hébergeur verra et fera',
  'federation.sees.status':
    'L’état de vos services (discussion, bloc-notes, fichiers), l’espace disque libre et la date de la dernière sauvegarde.',
  'federation.sees.work':
    'Demander seulement une courte liste de tâches : une sauvegarde, le redémarrage ou la mise à jour d’un service, un rapport de diagnostic.',
  'federation.sees.backups': 'Garder des copies chiffrées de vos sauvegardes, qu’il ne peut pas lire.',
  'federation.never.title': 'Ce qu’il n’obtient jamais',
  'federation.never.list': 'Vos clés, les données et contenus de votre communauté, vos mots de passe.',
  'federation.consent': 'J’accepte : rejoindre cet hébergeur',
  'federation.joining': 'Connexion…',
  'federation.cancel': 'Annuler',
  'federation.joined': 'Ce serveur suit maintenant {name}.',
  'federation.awaiting.intro':
    'Ce serveur a été préparé pour être suivi par {name}. Rien ne lui est envoyé tant que vous n’avez pas confirmé. Vérifiez l’adresse et l’empreinte de la clé auprès de la coopérative.',
  'federation.awaiting.confirm': 'Confirmer : être suivi par cet hébergeur',
  'federation.awaiting.refuse': 'Refuser',
  'federation.awaiting.refusing': 'Refus en cours…',
  'federation.awaiting.refused':
    'Vous avez refusé {name}. Ce serveur ne suit aucun hébergeur ; rien ne lui a été envoyé.',
  'federation.notAwaiting': 'Aucun lien n’attend de confirmation : rechargez la page.',
  'federation.state.enrolled': 'Ce serveur est suivi par {name}.',
  'federation.state.revoked': '{name} n’accepte plus ce serveur. Vous pouvez le quitter.',
  'federation.lastContact': 'Dernier contact : {date}',
  'federation.noContact': 'Pas encore de contact.',
  'federation.lastError': 'Dernier problème : {error}',
  'federation.nextAttempt': 'Prochain essai : {date}',
  'federation.leave': 'Quitter',
  'federation.leave.title': 'Quitter {name} ?',
  'federation.leave.body':
    'L’hébergeur ne verra et ne fera plus rien sur ce serveur. Tout reste ici : services, données, sauvegardes.',
  'federation.leave.confirm': 'Quitter l’hébergeur',
  'federation.leave.leaving': 'Départ…',
  'federation.left': 'Ce serveur a quitté l’hébergeur. Tout reste ici.',
  'federation.leftAlone':
    'L’hébergeur n’a pas répondu : ce serveur est parti de son côté quand même. Tout reste ici ; prévenez l’hébergeur.',
  'federation.codeUnreadable': 'Ce n’est pas un code d’hébergeur mutualisé. Vérifiez que vous l’avez collé en entier.',
  'federation.fingerprintMismatch':
    'L’hébergeur à cette adresse n’a pas la clé indiquée par le code. Ne rejoignez pas : contactez l’hébergeur.',
  'federation.alreadyEnrolled': 'Ce serveur suit déjà un hébergeur mutualisé.',
  'federation.notEnrolled': 'Ce serveur ne suit aucun hébergeur mutualisé.',
  'federation.unreachable': 'L’hébergeur ne répond pas à cette adresse. Réessayez plus tard.',
  'federation.codeRefused':
    'L’hébergeur a refusé ce code : il a déjà servi, a expiré ou a été retiré. Demandez-en un nouveau.',
  'federation.signatureRefused':
    'L’hébergeur a refusé la signature de ce serveur. Vérifiez que son horloge est à l’heure.',
  'federation.revoked': 'L’hébergeur refuse ce serveur.',
  'federation.notAnUpstream': 'Cette adresse ne répond pas comme un hébergeur mutualisé.',
  'federation.upstreamFailed': 'L’hébergeur n’a pas su répondre. Réessayez plus tard.',
  'link.error.unreachable': 'l’hébergeur ne répond pas',
  'link.error.refused': 'l’hébergeur a refusé la signature de ce serveur (vérifiez l’horloge)',
  'link.error.revoked': 'l’hébergeur n’accepte plus ce serveur',
  'link.error.codeRefused': 'l’hébergeur a refusé la demande',
  'link.error.invalid': 'la réponse de l’hébergeur n’a pas été comprise',
  'link.error.failed': 'l’hébergeur n’a pas su répondre',
  'wizard.link.title': 'Un hébergeur a préparé ce serveur',
  'wizard.link.confirm': 'Confirmer : {name} suit ce serveur une fois installé',
  'wizard.link.refuse': 'Refuser : quitter {name} ; rien ne lui est envoyé',
  'wizard.link.choose': 'Choisissez si ce serveur suit cet hébergeur.',
};
