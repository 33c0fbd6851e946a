import type { enOidc } from './en.oidc';

/** French messages of the community's single sign-on (issue 11): must provide exactly the keys of enOidc. */
export const frOidc: Record<keyof typeof enOidc, string> = {
  'login.oidcContinue': 'Connectez-vous pour continuer vers le service de votre communauté.',
  'login.oidcExpired': 'Cette connexion a pris trop de temps et a expiré. Revenez au service et recommencez.',
};
