import type { enAccounts } from './en.accounts';

/** French messages of the admins' accounts: must provide exactly the keys of `enAccounts`. */
export const frAccounts = {
  'manage.actions': 'Actions pour {username}',
  'manage.remove': 'Retirer',
  'manage.removeLabel': 'Retirer {username}',
  'manage.signOut': 'Déconnecter partout',
  // Starts with the button's visible text (WCAG 2.5.3, label in name).
  'manage.signOutLabel': 'Déconnecter partout : {username}',
  'manage.signingOut': 'Déconnexion…',
  'manage.signedOut': '{username} n’a plus de session ouverte sur aucun appareil.',
  'manage.signedOutSelf': 'Vos sessions sont fermées sur tous vos appareils, celui-ci compris.',
  'manage.removed': '{username} n’est plus administrateur.',
  'manage.removedSelf': 'Votre compte administrateur a été retiré. Vous êtes déconnecté.',
  'manage.lastAdmin': 'Le dernier administrateur ne peut pas être retiré : invitez d’abord quelqu’un d’autre.',
  'manage.gone': 'Cet administrateur avait déjà été retiré. La liste est de nouveau à jour.',
  'manage.confirm.title': 'Retirer {username} ?',
  'manage.confirm.titleSelf': 'Retirer votre propre compte ?',
  'manage.confirm.intro':
    '{username} ({email}) sera déconnecté aussitôt et ne pourra plus se connecter ici. Vous pourrez l’inviter de nouveau plus tard.',
  'manage.confirm.introSelf':
    'Vous serez déconnecté aussitôt et ne pourrez plus vous connecter ici. Un autre administrateur pourra vous inviter de nouveau.',
  'manage.confirm.remove': 'Retirer {username}',
  'manage.confirm.removing': 'Retrait…',
  'manage.confirm.cancel': 'Annuler',
  'pending.title': 'Invitations en attente',
  'pending.empty': 'Aucune invitation en attente.',
  'pending.detail': 'Envoyée par {username} · expire le {date}',
  'pending.revoke': 'Annuler',
  'pending.revokeLabel': 'Annuler l’invitation envoyée à {email}',
  'pending.revoked': 'L’invitation pour {email} ne fonctionne plus.',
  'pending.gone': 'Cette invitation avait déjà été acceptée ou annulée. La liste est de nouveau à jour.',
  'chatAdmin.title': 'Compte administrateur du chat',
  'chatAdmin.hint':
    'Il a son propre mot de passe, jamais celui du tableau de bord. Un nouveau remplace aussitôt le précédent.',
  'chatAdmin.create': 'Créer un nouveau mot de passe pour le compte administrateur du chat',
  'chatAdmin.creating': 'Création…',
  'chatAdmin.created': 'Nouveau mot de passe créé pour {user}.',
  'chatAdmin.user': 'Compte du chat',
  'chatAdmin.password': 'Nouveau mot de passe',
  'chatAdmin.once': 'Affiché une seule fois : copiez-le maintenant. Le tableau de bord n’en garde aucune copie.',
  'chatAdmin.copy': 'Copier',
  'chatAdmin.copied': 'Copié',
  'chatAdmin.hide': 'Masquer',
  'chatAdmin.conflict':
    'Impossible pour l’instant : le chat doit fonctionner et son compte administrateur avoir été créé par ce tableau de bord. Réessayez dans une minute.',
  'chatAdmin.failed': 'Pas de nouveau mot de passe : {reason}',
} satisfies Record<keyof typeof enAccounts, string>;
