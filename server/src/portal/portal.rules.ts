import { CATALOG } from '../catalog/catalog';
import { FEATURES, SERVICE_IDS, type Feature } from '../catalog/catalog.types';
import { publicHost } from '../catalog/naming';
import type { ActualContainer } from '../engine/engine.types';
import { FEATURE_HOST } from '../features/feature-services';

/** The community's logo as an image (Element's sign-in header needs an address, not a data URL). */
export const PORTAL_LOGO_PATH = '/api/portal/logo';

const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** The bytes and type of a logo stored as a data URL (setup.dto.ts allows PNG, JPEG and WebP only). */
export function decodeLogo(dataUrl: string): { type: string; bytes: Buffer } | null {
  const match = DATA_URL.exec(dataUrl);
  return match ? { type: match[1], bytes: Buffer.from(match[2], 'base64') } : null;
}

export interface PortalInput {
  domain: string;
  scheme: 'http' | 'https';
  /** Features enabled and meant to run (stopped ones are left out before the engine is asked). */
  wanted: readonly Feature[];
  containers: readonly ActualContainer[];
}

export interface PortalTile {
  id: Feature;
  url: string;
}

/**
 * A feature is on the portal when every one of its own services has a running container that is not
 * known to be failing or still starting: a tile must open something that answers, not a 502.
 */
export function isServing(feature: Feature, containers: readonly ActualContainer[]): boolean {
  const own = SERVICE_IDS.filter((id) => CATALOG[id].role === feature);
  return own.every((id) =>
    containers.some(
      (c) => c.serviceId === id && c.state === 'running' && (c.health === 'healthy' || c.health === 'none'),
    ),
  );
}

/** One tile per running feature, in the catalog's order, each with the address members open. */
export function portalTiles(input: PortalInput): PortalTile[] {
  return FEATURES.filter((id) => input.wanted.includes(id) && isServing(id, input.containers)).map((id) => ({
    id,
    url: `${input.scheme}://${publicHost(input.domain, FEATURE_HOST[id])}/`,
  }));
}
