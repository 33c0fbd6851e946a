import type { Feature } from '../catalog/catalog.types';

/** The features whose services send mail through the community's relay: Synapse (chat) and Nextcloud (files). */
export const MAIL_FEATURES: readonly Feature[] = ['chat', 'files'];

/** Which features a change of the relay re-applies: those of MAIL_FEATURES that are enabled. Pure. */
export function reapplyTargets(rows: ReadonlyArray<{ id: Feature; enabled: boolean }>): Feature[] {
  return MAIL_FEATURES.filter((feature) => rows.some((row) => row.id === feature && row.enabled));
}
