import { caddyDefinition } from './caddy.catalog';
import {
  FEATURES,
  SERVICE_IDS,
  type DatabaseSpec,
  type Feature,
  type RenderContext,
  type ServiceDefinition,
  type ServiceId,
} from './catalog.types';
import { elementDefinition } from './element.catalog';
import { hedgedocDefinition } from './hedgedoc.catalog';
import { nextcloudDefinition } from './nextcloud.catalog';
import { postgresDefinition } from './postgres.catalog';
import { synapseDefinition } from './synapse.catalog';
import { TOOL_IMAGES } from './tools.catalog';

/** The closed set. Adding a service means adding a file here, never accepting one from the API. */
export const CATALOG = {
  proxy: caddyDefinition,
  postgres: postgresDefinition,
  synapse: synapseDefinition,
  element: elementDefinition,
  hedgedoc: hedgedocDefinition,
  nextcloud: nextcloudDefinition,
} as const satisfies Record<ServiceId, ServiceDefinition>;

/** The default image references (services' and tools'), as literal types. */
export type CatalogImageRef = (typeof CATALOG)[ServiceId]['image'] | (typeof TOOL_IMAGES)[keyof typeof TOOL_IMAGES];

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}

export function isFeature(value: string): value is Feature {
  return (FEATURES as readonly string[]).includes(value);
}

export function getDefinition(id: ServiceId): ServiceDefinition {
  return CATALOG[id];
}

export function allDefinitions(): readonly ServiceDefinition[] {
  return SERVICE_IDS.map((id) => CATALOG[id]);
}

/** Services a set of features needs, in catalog order. Proxy and database come with any feature. */
export function servicesForFeatures(features: Iterable<Feature>): ServiceId[] {
  const wanted = new Set<Feature>(features);
  if (wanted.size === 0) return [];
  return SERVICE_IDS.filter((id) => {
    const role = CATALOG[id].role;
    return role === 'infrastructure' || wanted.has(role);
  });
}

/** Every database the enabled services need, for `renderDatabaseInitSql`. */
export function databasesFor(ctx: RenderContext, enabled: Iterable<ServiceId>): DatabaseSpec[] {
  return [...new Set(enabled)].flatMap((id) => [...CATALOG[id].databases(ctx)]);
}

/** A private mirror or locally built image used instead of a catalog image. */
export type ImageOverrides = Readonly<Partial<Record<CatalogImageRef, string>>>;

// name components, optional registry host[:port], tag and/or digest (the engine's reference grammar, simplified).
const IMAGE_REF =
  /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function isImageReference(value: string): boolean {
  return value.length <= 255 && IMAGE_REF.test(value);
}

export function isCatalogImageRef(value: string): value is CatalogImageRef {
  return (
    allDefinitions().some((definition) => definition.image === value) ||
    (Object.values(TOOL_IMAGES) as string[]).includes(value)
  );
}

export class InvalidImageOverrideError extends Error {}

/** Validates stored overrides: keys must be catalog images, values well-formed references. */
export function parseImageOverrides(raw: Readonly<Record<string, unknown>>): ImageOverrides {
  const result: Partial<Record<CatalogImageRef, string>> = {};
  for (const [from, to] of Object.entries(raw)) {
    if (!isCatalogImageRef(from)) {
      throw new InvalidImageOverrideError(`"${from}" is not an image of the catalog`);
    }
    if (typeof to !== 'string' || !isImageReference(to)) {
      throw new InvalidImageOverrideError(
        `override for "${from}" must be an image reference (got ${JSON.stringify(to)})`,
      );
    }
    result[from] = to;
  }
  return result;
}

/**
 * The reference to pull and run: an operator's override, else the catalog's tag pinned to its digest
 * when the catalog knows it (`repo:tag@sha256:…`: the engine then refuses any other content).
 */
export function resolveImage(
  definition: Pick<ServiceDefinition, 'image'> & { digest?: string },
  overrides: ImageOverrides,
): string {
  if (!isCatalogImageRef(definition.image)) return definition.image;
  const pinned = definition.digest ? `${definition.image}@${definition.digest}` : definition.image;
  return overrides[definition.image] ?? pinned;
}
