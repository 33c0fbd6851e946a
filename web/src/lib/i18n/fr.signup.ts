import type { enSignup } from './en.signup';

/** Messages français des inscriptions libres (issue 11). */
export const frSignup: Record<keyof typeof enSignup, string> = {
  'portal.askToJoin': 'Demander à rejoindre',
  'signup.pageTitle': 'Demander à rejoindre',
  'signup.title': 'Demander à rejoindre {community}',
  'signup.intro':
    'Choisissez votre compte. Un·e admin de la communauté lit chaque demande ; vous pourrez vous connecter une fois qu’elle est acceptée.',
  'signup.email': 'Adresse e-mail (facultative)',
  'signup.emailHint':
    'Pour être prévenu·e par e-mail quand votre demande est acceptée, et pour retrouver un mot de passe oublié.',
  'signup.submit': 'Envoyer ma demande',
  'signup.submitting': 'Envoi…',
  'signup.sentTitle': 'Demande envoyée',
  'signup.sent':
    'Merci, {username}. Votre demande attend maintenant un·e admin. Vous pourrez vous connecter une fois qu’elle est acceptée.',
  'signup.sentMail':
    'Si vous avez donné une adresse e-mail et que la communauté envoie des e-mails, vous recevrez alors un message.',
  'signup.closed':
    'Cette communauté ne prend pas de demandes pour le moment. Adressez-vous à quelqu’un qui en fait partie.',
  'signup.full': 'Trop de demandes attendent déjà un·e admin. Réessayez dans quelques jours.',
  'signup.taken': 'Ce nom d’utilisateur est déjà pris ; choisissez-en un autre.',
  'signup.backToPortal': 'Retour à l’accueil',
  'signup.goLogin': 'Déjà un compte ? Se connecter',
  'login.awaitingApproval':
    'Votre demande pour rejoindre attend encore un·e admin. Vous pourrez vous connecter une fois qu’elle est acceptée.',
  'members.signUp.title': 'Demandes pour rejoindre',
  'members.signUp.open': 'Inscriptions libres, validées par un·e admin',
  'members.signUp.openHint':
    'Activées, l’accueil affiche « Demander à rejoindre » : chacun·e peut demander un compte, qui ne fonctionne qu’une fois validé par un·e admin.',
  'members.signUp.savedOn': 'Les inscriptions libres sont activées : l’accueil affiche « Demander à rejoindre ».',
  'members.signUp.savedOff': 'Les inscriptions libres sont désactivées.',
  'members.signUp.none': 'Aucune demande en attente.',
  'members.signUp.requested': 'demandé le {date}',
  'members.signUp.actions': 'Demande de {name}',
  'members.signUp.approve': 'Accepter',
  'members.signUp.refuse': 'Refuser',
  'members.signUp.approveLabel': 'Accepter la demande de {name}',
  'members.signUp.refuseLabel': 'Refuser la demande de {name}',
  'members.signUp.approved': '{name} est maintenant membre et peut se connecter.',
  'members.signUp.refused': 'La demande de {name} est refusée et supprimée.',
  'members.signUp.gone': 'Cette demande a déjà été traitée ; la liste est de nouveau à jour.',
};
