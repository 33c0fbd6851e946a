import type { enMembers } from './en.members';

/** French messages of the community's members (issue 11): must provide exactly the keys of enMembers. */
export const frMembers: Record<keyof typeof enMembers, string> = {
  'admins.role.member': 'Membre',

  'members.title': 'Membres',
  'members.empty':
    'Pas encore de membres. Créez un lien d’invitation ci-dessous et envoyez-le aux personnes de votre communauté.',
  'members.actions': 'Actions pour {name}',
  'members.suspend': 'Suspendre',
  'members.resume': 'Réactiver',
  'members.removeLabel': 'Retirer {name}',
  'members.status.suspended': 'Suspendu·e',
  'members.suspended': '{name} est suspendu·e et déconnecté·e partout.',
  'members.resumed': '{name} peut de nouveau se connecter.',
  'members.removed': '{name} n’est plus membre.',
  'members.gone': 'Ce membre ou ce lien n’existe plus. La liste est de nouveau à jour.',
  'members.confirm.title': 'Retirer {name} ?',
  'members.confirm.intro':
    '{name} sera déconnecté·e tout de suite et son compte supprimé. Vous pourrez l’inviter de nouveau plus tard avec un nouveau lien.',
  'members.confirm.remove': 'Retirer le membre',
  'members.confirm.removing': 'Retrait…',
  'members.links.title': 'Liens d’invitation ouverts',
  'members.links.detail': 'utilisé {uses} fois sur {max} · jusqu’au {date} · par {username}',
  'members.links.revoke': 'Annuler le lien',
  'members.links.revoked': 'Le lien ne fonctionne plus.',
  'members.invite.title': 'Inviter des membres',
  'members.invite.kind': 'Pour qui est ce lien ?',
  'members.invite.kind.single': 'Une personne',
  'members.invite.kind.shared': 'Un groupe (lien partagé)',
  'members.invite.lifetime': 'Le lien fonctionne pendant',
  'members.invite.lifetime.24': 'un jour',
  'members.invite.lifetime.48': 'deux jours',
  'members.invite.lifetime.168': 'une semaine',
  'members.invite.lifetime.720': 'un mois',
  'members.invite.uses': 'Combien de personnes peuvent s’inscrire avec',
  'members.invite.usesProblem': 'Saisissez un nombre entier de 1 à {max}.',
  'members.invite.submit': 'Créer le lien',
  'members.invite.submitting': 'Création…',
  'members.invite.link': 'Lien d’invitation',
  'members.invite.linkHint.single': 'Envoyez ce lien à une personne. Il fonctionne une fois, jusqu’au {date}.',
  'members.invite.linkHint.shared':
    'Partagez ce lien : jusqu’à {count} personnes pourront s’inscrire avec, jusqu’au {date}.',

  'join.title': 'Rejoindre {community}',
  'join.intro': 'Choisissez le nom que les autres verront, un identifiant et un mot de passe.',
  'join.expires': 'Cette invitation fonctionne jusqu’au {date}.',
  'join.displayName': 'Votre nom (facultatif)',
  'join.displayNameHint': 'Comment les autres vous voient. Vous pourrez le changer plus tard.',
  'join.submit': 'Rejoindre',
  'join.submitting': 'Création de votre compte…',
  'join.refused.invalid':
    'Ce lien d’invitation n’est pas reconnu : il a peut-être été mal copié (vérifiez qu’il est entier) ou annulé.',
  'join.refused.spent': 'Ce lien a déjà servi autant de fois que prévu : il ne permet plus de créer de compte.',
  'join.refused.expired': 'Ce lien fonctionnait jusqu’au {date} : il ne permet plus de créer de compte.',
  'join.goLogin': 'J’ai déjà un compte : me connecter',

  'login.suspended': 'Ce compte est suspendu. Adressez-vous à un·e administrateur·rice de la communauté.',

  'memberHome.title': 'Bienvenue, {username}',
  'memberHome.intro': 'Votre compte dans {community} est prêt.',
};
