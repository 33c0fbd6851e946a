/**
 * The document's `<title>`: what this page (or wizard step, « Étape 2 sur 7 : Domaine ») is, then whose site it is, so that a tab,
 * a bookmark and a screen reader's first words tell pages apart (« Tableau de bord — La Fabrique »).
 */

/** « <page> — <site> »; the site alone when the page has no name of its own. */
export function pageTitle(page: string | undefined, site: string | undefined, fallbackSite: string): string {
  const owner = site?.trim() || fallbackSite;
  const what = page?.trim();
  return what ? `${what} — ${owner}` : owner;
}
