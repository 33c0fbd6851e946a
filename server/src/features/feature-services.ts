import { CATALOG } from '../catalog/catalog';
import { SERVICE_IDS, type Feature, type ServiceId } from '../catalog/catalog.types';

/** The catalog services that belong to a feature itself (not the shared proxy and database). */
export function ownServices(feature: Feature): ServiceId[] {
  return SERVICE_IDS.filter((id) => CATALOG[id].role === feature);
}

/** The service whose version and URL represent the feature on the dashboard. */
export const MAIN_SERVICE: Record<Feature, ServiceId> = { chat: 'synapse', pad: 'hedgedoc', files: 'nextcloud' };

/** The public host label users open for each feature (Element for chat). */
export const FEATURE_HOST: Record<Feature, string> = { chat: 'chat', pad: 'pad', files: 'files' };
