import { canonicalJson, configHash, type Json } from './canonical';
import { CATALOG } from './catalog';
import type { ServiceId, TlsMode } from './catalog.types';
import { matrixHost, publicHost } from './naming';
import { PRIVATE_RANGES } from './network-ranges';

export interface ProxyRenderInput {
  domain: string;
  enabled: Iterable<ServiceId>;
  tls: TlsMode;
  /** Kept in every config: a `/load` without it would move the admin API back to localhost and lock us out. */
  adminListen: string;
  /** `host:port` of the manager's web app (the dashboard). */
  managerUpstream: string;
  /** Host ports; Caddy listens on the same numbers inside its container so redirects use them. */
  ports: { http: number; https: number };
  /** Synapse's max_upload_size, used as the request body limit. */
  maxUploadMb: number;
  acmeEmail?: string;
  /**
   * Addresses (IP or CIDR) of the front proxies whose `X-Forwarded-*` headers are passed on. Default:
   * the private ranges when TLS is off (another proxy terminates TLS in front), none otherwise.
   */
  trustedProxies?: readonly string[];
}

const IP_OR_CIDR = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

type Obj = { [key: string]: Json };

const MiB = 1024 * 1024;

function upstream(id: ServiceId): string {
  return `${id}:${CATALOG[id].internalPort}`;
}

/**
 * Caddy replaces `X-Forwarded-Proto` (and -For, -Host) with what it saw itself unless the connection
 * comes from a trusted proxy. Behind a TLS-terminating front, Caddy sees plain http; Synapse then
 * refuses to start single sign-on, since the scheme no longer matches its https `public_baseurl`.
 * Trusted here, on the handler: the server-level `trusted_proxies` only exists from Caddy 2.6.3,
 * while the handler's list is read by 2.6.2 (the test image) and still honoured by 2.11.
 */
export function trustedProxiesFor(input: Pick<ProxyRenderInput, 'tls' | 'trustedProxies'>): string[] {
  const ranges = input.trustedProxies ?? (input.tls === 'off' ? PRIVATE_RANGES : []);
  for (const range of ranges) if (!IP_OR_CIDR.test(range)) throw new RangeError(`"${range}" is not an IP range`);
  return [...ranges];
}

function reverseProxy(dial: string, trusted: readonly string[]): Obj {
  const handler: Obj = { handler: 'reverse_proxy', upstreams: [{ dial }] };
  if (trusted.length > 0) handler.trusted_proxies = [...trusted];
  return handler;
}

function jsonResponse(body: Json): Obj {
  return {
    handler: 'static_response',
    status_code: 200,
    headers: { 'Access-Control-Allow-Origin': ['*'], 'Content-Type': ['application/json'] },
    body: canonicalJson(body),
  };
}

function route(match: Obj | undefined, handle: Obj[]): Obj {
  return match ? { match: [match], handle, terminal: true } : { handle, terminal: true };
}

/** Hosts served, in a fixed order. */
export function proxyHosts(domain: string, enabled: ReadonlySet<ServiceId>): string[] {
  const hosts = [domain, publicHost(domain, 'admin')];
  if (enabled.has('synapse')) hosts.push(matrixHost(domain));
  for (const id of ['element', 'hedgedoc', 'nextcloud'] as const) {
    const subdomain = CATALOG[id].subdomain;
    if (enabled.has(id) && subdomain) hosts.push(publicHost(domain, subdomain));
  }
  return hosts;
}

function routes(input: ProxyRenderInput, enabled: ReadonlySet<ServiceId>): Obj[] {
  const { domain } = input;
  const bodyLimit: Obj = { handler: 'request_body', max_size: input.maxUploadMb * MiB };
  const trusted = trustedProxiesFor(input);
  const result: Obj[] = [];
  if (enabled.has('synapse')) {
    const matrix = matrixHost(domain);
    // On the apex so user ids stay @name:<domain>, while Synapse itself lives on matrix.<domain>:443.
    result.push(
      route({ host: [domain], path: ['/.well-known/matrix/server'] }, [jsonResponse({ 'm.server': `${matrix}:443` })]),
      route({ host: [domain], path: ['/.well-known/matrix/client'] }, [
        jsonResponse({ 'm.homeserver': { base_url: `https://${matrix}` } }),
      ]),
      // Paths are passed through untouched (a rewrite breaks request signatures); the admin API stays
      // internal, reached by the manager directly.
      route({ host: [matrix], path: ['/_matrix/*', '/_synapse/client/*'] }, [
        bodyLimit,
        reverseProxy(upstream('synapse'), trusted),
      ]),
    );
  }
  for (const id of ['element', 'hedgedoc', 'nextcloud'] as const) {
    const subdomain = CATALOG[id].subdomain;
    if (!enabled.has(id) || !subdomain) continue;
    // Nextcloud enforces its own upload limit and uploads large files in chunks.
    const proxy = reverseProxy(upstream(id), trusted);
    const handlers = id === 'nextcloud' ? [proxy] : [bodyLimit, proxy];
    result.push(route({ host: [publicHost(domain, subdomain)] }, handlers));
  }
  result.push(
    route({ host: [domain, publicHost(domain, 'admin')] }, [bodyLimit, reverseProxy(input.managerUpstream, trusted)]),
  );
  // Anything else (unknown host, matrix paths outside the public API) gets a 404, not Caddy's empty 200.
  result.push(route(undefined, [{ handler: 'static_response', status_code: 404 }]));
  return result;
}

function tlsApp(input: ProxyRenderInput, hosts: string[]): Obj | undefined {
  const subjects = [...hosts].sort();
  switch (input.tls) {
    case 'internal':
      return { automation: { policies: [{ subjects, issuers: [{ module: 'internal' }] }] } };
    case 'acme':
      // Without an email Caddy's default issuers apply, which need no config at all.
      return input.acmeEmail
        ? { automation: { policies: [{ subjects, issuers: [{ module: 'acme', email: input.acmeEmail }] }] } }
        : undefined;
    case 'off':
      return undefined;
    default: {
      const unknown: never = input.tls;
      throw new Error(`unknown TLS mode ${String(unknown)}`);
    }
  }
}

/** Caddy's JSON config for `POST /load`. Pure; equal inputs give byte-equal `serializeProxyConfig`. */
export function renderProxyConfig(input: ProxyRenderInput): Obj {
  const enabled = new Set(input.enabled);
  const hosts = proxyHosts(input.domain, enabled);
  const plain = input.tls === 'off';
  // With TLS off the services reach the OpenID issuer (`http://<domain>/oidc`, port 80 as the front
  // proxy serves it) through this container under the apex's network alias: Caddy answers on 80 inside
  // as well when the published port is another (not published: the front keeps the host's 80).
  const listen = plain ? [...new Set([`:${input.ports.http}`, ':80'])] : [`:${input.ports.https}`];
  const server: Obj = {
    listen,
    routes: routes(input, enabled),
  };
  // With TLS off Caddy must neither manage certificates nor redirect to https (another proxy does TLS).
  if (plain) server.automatic_https = { disable: true };
  const apps: Obj = {
    http: { http_port: input.ports.http, https_port: input.ports.https, servers: { main: server } },
  };
  const tls = tlsApp(input, hosts);
  if (tls) apps.tls = tls;
  // The proxy's root filesystem is read-only: Caddy must not try to add its local CA to the
  // container's trust store (browsers are what need to trust it, not the proxy).
  if (input.tls === 'internal') apps.pki = { certificate_authorities: { local: { install_trust: false } } };
  return { admin: { listen: input.adminListen }, apps };
}

/** Body for Caddy's `/load`, with sorted keys so its hash is stable. */
export function serializeProxyConfig(config: Obj): string {
  return canonicalJson(config);
}

export function proxyConfigHash(config: Obj): string {
  return configHash(config);
}

/**
 * Whether the config Caddy reports (`GET /config/`, parsed) is the one we render. Compared canonically,
 * since Caddy re-serializes what it was given with its own key order.
 */
export function sameProxyConfig(live: unknown, desired: Obj): boolean {
  return live !== null && typeof live === 'object' && canonicalJson(live as Json) === canonicalJson(desired);
}
