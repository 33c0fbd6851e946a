import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import {
  type ImageOverrides,
  InvalidImageOverrideError,
  isImageReference,
  parseImageOverrides,
} from '../catalog/catalog';
import { TLS_MODES, type TlsMode } from '../catalog/catalog.types';
import { parseDatabaseUrl } from './database-url';
import { NetworkConfigError, parseDnsServers, parsePublicAddresses } from './network-config';

export const MODES = ['appliance', 'upstream'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Whether a mode runs the community's features on a Docker engine. Its modules are listed in
 * app.modules.ts; this is for what is not a module (SIGHUP, the recovery CLI).
 */
export function runsFeatures(mode: Mode): boolean {
  return mode === 'appliance';
}

/** The manager's name on its services' frontend network when it runs in a container. */
export const MANAGER_ALIAS = 'manager';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The one typed, validated configuration object. Only this folder reads process.env. */
export interface AppConfig {
  dataDir: string;
  port: number;
  host: string;
  /** DATABASE_URL (upstream only, config/database-url.ts): Postgres; undefined: SQLite under dataDir. */
  databaseUrl: string | undefined;
  /** Empty when the appliance runs its own private redis-server under dataDir. */
  redisUrl: string | undefined;
  docker: { socketPath: string } | { host: string; port: number };
  mode: Mode;
  logLevel: LogLevel;
  /** Built web app served at `/`; undefined when it has not been built. */
  webDir: string | undefined;
  /**
   * TRUST_PROXY: addresses or CIDRs (or `loopback`) of reverse proxies in front of the manager whose
   * X-Forwarded-For/-Proto are believed. The appliance's own proxy container is always trusted.
   */
  trustProxy: readonly string[];
  proxy: {
    httpPort: number;
    httpsPort: number;
    /** `auto`: internal CA for LAN-only names (.local, .lan, .test, .internal), ACME otherwise. */
    tls: TlsMode | 'auto';
    /** How the proxy container reaches this manager (dashboard on the apex and `admin.`). */
    managerUpstream: string;
  };
  /** Catalog image → local reference (private mirror, offline install, test images). Operator-only. */
  imageOverrides: ImageOverrides;
  /** Seconds between periodic reconciliations. */
  reconcileIntervalSec: number;
  /**
   * MEMORY_BUDGET_MB: the memory the services may take, when the machine also runs other things; the
   * machine profile (memory limits, caches) is chosen for the smaller of it and the engine's memory.
   * 0 (default): the engine's whole memory.
   */
  memoryBudgetMb: number;
  /** Set by the appliance image: the manager then joins its services' network (as `manager`). */
  inContainer: boolean;
  /** Seconds an updated service has to become healthy before it is rolled back. */
  updateHealthTimeoutSec: number;
  /** The manager's own update (server/src/self-update). */
  selfUpdate: {
    /**
     * APPLIANCE_UPDATE_IMAGE: the channel reference the manager may replace itself with. Only the
     * operator sets it (no route takes an image name: the socket is root). Undefined: the running
     * image's repository with tag `stable`.
     */
    image: string | undefined;
    /** APPLIANCE_UPDATE_HEALTH_TIMEOUT: seconds the new manager has to become healthy (default 120). */
    healthTimeoutSec: number;
    /** APPLIANCE_UPDATE_CHECK_HOURS: how often the channel is pulled to see whether it moved; 0 never. */
    checkIntervalHours: number;
  };
  /**
   * BACKUP_TARGET_TIMEOUT_SEC: how long one restic call may go without a word from its target (no
   * progress, no end) before it is stopped and the job fails: a hung target must not block every
   * later backup. Default 3600.
   */
  backupTargetTimeoutSec: number;
  /** OIDC_CODE_TTL_SEC: how long an OpenID authorization code may be redeemed (default 60; tests shorten it). */
  oidcCodeTtlSec: number;
  /**
   * PUBLIC_URL: the address others reach this manager at (an upstream's enrollment codes carry it).
   * Undefined: https://<the installation's domain>.
   */
  publicUrl: string | undefined;
  /** LINK_HEARTBEAT_MS: the heartbeat toward a mutualised host (federation/), default a minute; tests shorten it. */
  linkHeartbeatMs: number;
  /**
   * OFFSITE_QUOTA_MB: what each enrolled appliance may store in its off-site repository on an upstream
   * (fleet/offsite*), default 51200 (50 GiB); past it, uploads are refused.
   */
  offsiteQuotaBytes: number;
  /** DNS_SERVERS and PUBLIC_ADDRESSES, read by the diagnosis (network-config.ts). */
  dns: { servers: string[]; publicAddresses: string[] };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

type Env = Record<string, string | undefined>;

function parsePort(env: Env): number {
  const raw = env.PORT ?? '8080';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be a port number between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

function parseRedisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', `must be a URL such as redis://host:6379 (got "${raw}")`);
  }
  if (!['redis:', 'rediss:', 'unix:'].includes(url.protocol)) {
    throw new ConfigError('REDIS_URL', `must use redis://, rediss:// or unix:// (got "${url.protocol}")`);
  }
  return raw;
}

function parseDocker(env: Env): AppConfig['docker'] {
  const raw = env.DOCKER_HOST?.trim();
  if (!raw) return { socketPath: '/var/run/docker.sock' };
  if (raw.startsWith('unix://')) return { socketPath: raw.slice('unix://'.length) };
  const match = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(raw);
  if (match) return { host: match[1], port: Number(match[2]) };
  throw new ConfigError('DOCKER_HOST', `must be unix:///path/to/docker.sock or tcp://host:port (got "${raw}")`);
}

function parseNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim() || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function parseOverrides(env: Env): ImageOverrides {
  const raw = env.IMAGE_OVERRIDES?.trim();
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('IMAGE_OVERRIDES', 'must be a JSON object mapping catalog images to image references');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('IMAGE_OVERRIDES', 'must be a JSON object mapping catalog images to image references');
  }
  try {
    return parseImageOverrides(parsed as Record<string, unknown>);
  } catch (err) {
    if (err instanceof InvalidImageOverrideError) throw new ConfigError('IMAGE_OVERRIDES', err.message);
    throw err;
  }
}

function parseUpdateImage(env: Env): string | undefined {
  const raw = env.APPLIANCE_UPDATE_IMAGE?.trim();
  if (!raw) return undefined;
  // A tag, not a digest: a channel has to be able to move to a newer image.
  const tagged = !raw.includes('@') && raw.lastIndexOf(':') > raw.lastIndexOf('/');
  if (!isImageReference(raw) || !tagged) {
    throw new ConfigError(
      'APPLIANCE_UPDATE_IMAGE',
      `must be an image reference with a tag, e.g. repo/name:stable (got "${raw}")`,
    );
  }
  return raw;
}

function parseEnum<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
}

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function isCidrOrAddress(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function parseTrustProxy(raw: string | undefined): string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return [];
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((entry) => entry !== 'loopback' && !isCidrOrAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must list the addresses or networks of the proxies in front, such as 127.0.0.1 or 172.16.0.0/12, or "loopback" (got "${bad}"); trusting any sender would let clients forge their address`,
    );
  }
  return entries;
}

function parsePublicUrl(env: Env): string | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be a URL such as https://hub.example.coop (got "${raw}")`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new ConfigError('PUBLIC_URL', `must be an http(s) address without query or credentials (got "${raw}")`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env, defaults: { webDir?: string } = {}): AppConfig {
  const dataDirRaw = env.DATA_DIR?.trim() || './.data';
  if (dataDirRaw.includes('\0')) throw new ConfigError('DATA_DIR', 'must be a directory path');
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(dataDirRaw);
  const host = env.HOST?.trim() || '0.0.0.0';
  const port = parsePort(env);
  const inContainer = parseBoolean('APPLIANCE_IN_CONTAINER', env.APPLIANCE_IN_CONTAINER);
  const mode = parseEnum('MODE', env.MODE?.trim() || 'appliance', MODES);
  return {
    dataDir,
    port,
    host,
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL, mode),
    redisUrl: parseRedisUrl(env),
    docker: parseDocker(env),
    mode,
    logLevel: parseEnum('LOG_LEVEL', env.LOG_LEVEL?.trim() || 'log', LOG_LEVELS),
    webDir: env.WEB_DIR?.trim() ? resolve(env.WEB_DIR.trim()) : defaults.webDir,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    proxy: {
      httpPort: parseNumber(env, 'PROXY_HTTP_PORT', 80, 1, 65535),
      httpsPort: parseNumber(env, 'PROXY_HTTPS_PORT', 443, 1, 65535),
      tls: parseEnum('TLS_MODE', env.TLS_MODE?.trim() || 'auto', [...TLS_MODES, 'auto'] as const),
      managerUpstream:
        env.MANAGER_UPSTREAM?.trim() || (inContainer ? `${MANAGER_ALIAS}:${port}` : `host.docker.internal:${port}`),
    },
    imageOverrides: parseOverrides(env),
    reconcileIntervalSec: parseNumber(env, 'RECONCILE_INTERVAL', 60, 2, 86400),
    memoryBudgetMb: parseNumber(env, 'MEMORY_BUDGET_MB', 0, 0, 16 * 1024 * 1024),
    updateHealthTimeoutSec: parseNumber(env, 'UPDATE_HEALTH_TIMEOUT', 300, 10, 3600),
    selfUpdate: {
      image: parseUpdateImage(env),
      healthTimeoutSec: parseNumber(env, 'APPLIANCE_UPDATE_HEALTH_TIMEOUT', 120, 10, 3600),
      checkIntervalHours: parseNumber(env, 'APPLIANCE_UPDATE_CHECK_HOURS', 24, 0, 8760),
    },
    backupTargetTimeoutSec: parseNumber(env, 'BACKUP_TARGET_TIMEOUT_SEC', 3600, 1, 7 * 86400),
    oidcCodeTtlSec: parseNumber(env, 'OIDC_CODE_TTL_SEC', 60, 1, 600),
    publicUrl: parsePublicUrl(env),
    linkHeartbeatMs: parseNumber(env, 'LINK_HEARTBEAT_MS', 60_000, 50, 3_600_000),
    offsiteQuotaBytes: parseNumber(env, 'OFFSITE_QUOTA_MB', 51_200, 1, 1 << 30) * 1024 * 1024,
    dns: networkConfig(env),
    inContainer,
  };
}

function networkConfig(env: Env): AppConfig['dns'] {
  try {
    return { servers: parseDnsServers(env), publicAddresses: parsePublicAddresses(env) };
  } catch (err) {
    if (err instanceof NetworkConfigError) throw new ConfigError(err.variable, err.message);
    throw err;
  }
}
