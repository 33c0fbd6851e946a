import type { ServiceId } from './catalog.types';

/** Appliance ids end up in container, volume and network names: keep them to what the engine accepts. */
export const APPLIANCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function assertApplianceId(applianceId: string): void {
  if (!APPLIANCE_ID_PATTERN.test(applianceId)) {
    throw new RangeError(`appliance id must match ${APPLIANCE_ID_PATTERN} (got "${applianceId}")`);
  }
}

const PREFIX = 'tl';

export function containerName(applianceId: string, serviceId: ServiceId): string {
  assertApplianceId(applianceId);
  return `${PREFIX}-${applianceId}-${serviceId}`;
}

/** One named volume per data path: `tl-<appliance>-<service>-<key>`. */
export function volumeName(applianceId: string, serviceId: ServiceId, key: string): string {
  assertApplianceId(applianceId);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) throw new RangeError(`bad volume key "${key}"`);
  return `${PREFIX}-${applianceId}-${serviceId}-${key}`;
}

/**
 * Two private networks per appliance. `backend` is internal (no route out) and is the only one Postgres
 * joins; `frontend` lets the proxy reach services and services that federate reach the Internet.
 */
export function networkName(applianceId: string, kind: 'frontend' | 'backend'): string {
  assertApplianceId(applianceId);
  return `${PREFIX}-${applianceId}-${kind}`;
}

export function publicHost(domain: string, subdomain: string): string {
  return `${subdomain}.${domain}`;
}

/** `matrix.<domain>` serves the Synapse client and federation APIs (server_name stays the bare domain). */
export function matrixHost(domain: string): string {
  return publicHost(domain, 'matrix');
}
