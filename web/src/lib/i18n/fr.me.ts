import type { enMe } from './en.me';

/** French messages of a member's own page: exactly the keys of enMe. */
export const frMe: Record<keyof typeof enMe, string> = {
  'me.pageTitle': 'Mon compte',
  'me.loadError': 'Votre compte n’a pas pu être chargé : {reason}',
  'me.name.title': 'Votre nom',
  'me.name.label': 'Nom montré aux autres',
  'me.name.hint': 'Comment les autres membres vous voient. Votre nom d’utilisateur ({username}) ne change pas.',
  'me.name.invalid': 'Utilisez entre 1 et 64 caractères.',
  'me.name.save': 'Enregistrer le nom',
  'me.name.saving': 'Enregistrement…',
  'me.name.saved': 'C’est enregistré : les autres membres vous voient désormais sous le nom {name}.',
  'me.name.failed': 'Votre nom n’a pas été enregistré : {reason}',
  'me.password.title': 'Changer votre mot de passe',
  'me.password.current': 'Mot de passe actuel',
  'me.password.new': 'Nouveau mot de passe',
  'me.password.confirm': 'Nouveau mot de passe, une seconde fois',
  'me.password.save': 'Changer le mot de passe',
  'me.password.saving': 'Changement du mot de passe…',
  'me.password.done':
    'Votre mot de passe est changé. Vous restez connecté·e ici ; ailleurs (autre navigateur, autre appareil), reconnectez-vous avec le nouveau.',
  'me.password.wrong': 'Ce n’est pas votre mot de passe actuel.',
  'me.password.wrongAlert':
    'Votre mot de passe n’a pas été changé : le mot de passe actuel saisi n’est pas le bon. Saisissez-le à nouveau.',
  'me.password.failed': 'Votre mot de passe n’a pas été changé : {reason}',
};
