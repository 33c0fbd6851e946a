import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from './canonical';
import type { ServiceId, TlsMode } from './catalog.types';
import {
  proxyConfigHash,
  renderProxyConfig,
  sameProxyConfig,
  serializeProxyConfig,
  type ProxyRenderInput,
} from './proxy.render';

type Route = { match?: Array<{ host?: string[]; path?: string[] }>; handle: Array<Record<string, Json>> };

function input(overrides: Partial<ProxyRenderInput> = {}): ProxyRenderInput {
  return {
    domain: 'example.org',
    enabled: ['proxy', 'postgres', 'synapse', 'element', 'hedgedoc', 'nextcloud'],
    tls: 'acme',
    adminListen: '127.0.0.1:2019',
    managerUpstream: 'manager:8080',
    ports: { http: 80, https: 443 },
    maxUploadMb: 50,
    ...overrides,
  };
}

function server(config: Record<string, Json>): { listen: string[]; routes: Route[]; automatic_https?: unknown } {
  const apps = config.apps as { http: { servers: { main: unknown } } };
  return apps.http.servers.main as { listen: string[]; routes: Route[] };
}

function dialFor(routes: Route[], host: string): string | undefined {
  const found = routes.find(
    (r) => r.match?.[0].host?.includes(host) && !r.match?.[0].path?.[0].startsWith('/.well-known'),
  );
  const proxy = found?.handle.find((h) => h.handler === 'reverse_proxy') as
    { upstreams: Array<{ dial: string }> } | undefined;
  return proxy?.upstreams[0].dial;
}

describe('renderProxyConfig', () => {
  it('routes every enabled service to its container without rewriting paths', () => {
    const { routes } = server(renderProxyConfig(input()));
    assert.equal(dialFor(routes, 'matrix.example.org'), 'synapse:8008');
    assert.equal(dialFor(routes, 'chat.example.org'), 'element:80');
    assert.equal(dialFor(routes, 'pad.example.org'), 'hedgedoc:3000');
    assert.equal(dialFor(routes, 'files.example.org'), 'nextcloud:80');
    assert.equal(dialFor(routes, 'example.org'), 'manager:8080');
    assert.equal(dialFor(routes, 'admin.example.org'), 'manager:8080');
    assert.ok(routes.every((r) => r.handle.every((h) => h.handler !== 'rewrite')));
  });

  it('serves only the public Matrix APIs on matrix.<domain>, with the upload size as body limit', () => {
    const { routes } = server(renderProxyConfig(input()));
    const matrix = routes.find((r) => r.match?.[0].host?.[0] === 'matrix.example.org');
    assert.deepEqual(matrix?.match?.[0].path, ['/_matrix/*', '/_synapse/client/*']);
    assert.deepEqual(matrix?.handle[0], { handler: 'request_body', max_size: 50 * 1024 * 1024 });
    assert.deepEqual(routes.at(-1)?.handle, [{ handler: 'static_response', status_code: 404 }]);
  });

  it('serves both Matrix well-known documents on the apex with CORS', () => {
    const { routes } = server(renderProxyConfig(input()));
    const body = (path: string) => {
      const r = routes.find((x) => x.match?.[0].host?.[0] === 'example.org' && x.match?.[0].path?.[0] === path);
      assert.ok(r, path);
      const handler = r.handle[0] as { body: string; headers: Record<string, string[]> };
      assert.deepEqual(handler.headers['Access-Control-Allow-Origin'], ['*']);
      return JSON.parse(handler.body) as unknown;
    };
    assert.deepEqual(body('/.well-known/matrix/server'), { 'm.server': 'matrix.example.org:443' });
    assert.deepEqual(body('/.well-known/matrix/client'), {
      'm.homeserver': { base_url: 'https://matrix.example.org' },
    });
  });

  it('only routes what is enabled', () => {
    const { routes } = server(renderProxyConfig(input({ enabled: ['proxy', 'postgres', 'hedgedoc'] })));
    const hosts = routes.flatMap((r) => r.match?.[0].host ?? []);
    assert.ok(hosts.includes('pad.example.org'));
    for (const absent of ['matrix.example.org', 'chat.example.org', 'files.example.org'])
      assert.ok(!hosts.includes(absent), absent);
    assert.ok(!routes.some((r) => r.match?.[0].path?.some((p) => p.startsWith('/.well-known/matrix'))));
  });

  for (const tls of ['acme', 'internal', 'off'] as TlsMode[]) {
    it(`keeps admin.listen in TLS mode ${tls}`, () => {
      assert.deepEqual(renderProxyConfig(input({ tls })).admin, { listen: '127.0.0.1:2019' });
    });
  }

  it('uses the internal issuer for every host in internal mode', () => {
    const config = renderProxyConfig(input({ tls: 'internal', enabled: ['synapse'] }));
    assert.deepEqual((config.apps as Record<string, Json>).tls, {
      automation: {
        policies: [
          { subjects: ['admin.example.org', 'example.org', 'matrix.example.org'], issuers: [{ module: 'internal' }] },
        ],
      },
    });
    assert.deepEqual(server(config).listen, [':443']);
    // Read-only root: no attempt to write the local CA into the container's trust store.
    assert.deepEqual((config.apps as Record<string, Json>).pki, {
      certificate_authorities: { local: { install_trust: false } },
    });
  });

  it('listens on plain http only, with automatic HTTPS disabled, when TLS is off', () => {
    const config = renderProxyConfig(input({ tls: 'off', ports: { http: 8080, https: 8443 } }));
    // 80 as well, inside only: the services reach the issuer http://<domain>/oidc there.
    assert.deepEqual(server(config).listen, [':8080', ':80']);
    assert.deepEqual(server(renderProxyConfig(input({ tls: 'off', ports: { http: 80, https: 443 } }))).listen, [':80']);
    assert.deepEqual(server(config).automatic_https, { disable: true });
    assert.equal((config.apps as Record<string, Json>).tls, undefined);
    assert.equal(((config.apps as Record<string, Json>).http as { http_port: number }).http_port, 8080);
  });

  it('sets the ACME account email only when given', () => {
    assert.equal((renderProxyConfig(input()).apps as Record<string, Json>).tls, undefined);
    const tls = (renderProxyConfig(input({ acmeEmail: 'admin@example.org' })).apps as Record<string, Json>).tls;
    assert.match(JSON.stringify(tls), /"module":"acme","email":"admin@example.org"/);
  });

  it('gives a stable hash whatever order the services come in', () => {
    const a = renderProxyConfig(input({ enabled: ['synapse', 'element', 'hedgedoc'] as ServiceId[] }));
    const b = renderProxyConfig(input({ enabled: ['hedgedoc', 'element', 'synapse', 'synapse'] as ServiceId[] }));
    assert.equal(serializeProxyConfig(a), serializeProxyConfig(b));
    assert.equal(proxyConfigHash(a), proxyConfigHash(b));
    assert.match(proxyConfigHash(a), /^[0-9a-f]{64}$/);
    assert.notEqual(proxyConfigHash(a), proxyConfigHash(renderProxyConfig(input({ enabled: ['synapse'] }))));
  });

  describe('sameProxyConfig', () => {
    const desired = renderProxyConfig(input());

    it('accepts the live config whatever its key order, as Caddy re-serializes it', () => {
      const reversed = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(reversed)
          : value !== null && typeof value === 'object'
            ? Object.fromEntries(
                Object.entries(value)
                  .reverse()
                  .map(([key, member]) => [key, reversed(member)]),
              )
            : value;
      const live = reversed(JSON.parse(serializeProxyConfig(desired)));
      assert.notEqual(JSON.stringify(live), serializeProxyConfig(desired));
      assert.ok(sameProxyConfig(live, desired));
    });

    it('refuses a changed route, a moved admin listener, an empty or missing config', () => {
      const hijacked = JSON.parse(serializeProxyConfig(desired)) as {
        apps: { http: { servers: { main: { routes: unknown[] } } } };
      };
      hijacked.apps.http.servers.main.routes.unshift({
        handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: 'hedgedoc:3000' }] }],
      });
      assert.equal(sameProxyConfig(hijacked, desired), false);
      assert.equal(sameProxyConfig({ ...desired, admin: { listen: '0.0.0.0:2019' } }, desired), false);
      assert.equal(sameProxyConfig({ admin: desired.admin }, desired), false);
      assert.equal(sameProxyConfig(null, desired), false);
      assert.equal(sameProxyConfig('', desired), false);
    });
  });
});

describe('trusted front proxies (X-Forwarded-* passed on to the services)', () => {
  const handlers = (config: Record<string, Json>) =>
    server(config).routes.flatMap((r) => r.handle.filter((h) => h.handler === 'reverse_proxy'));

  it('trusts the private ranges on every reverse_proxy handler when TLS is off', () => {
    const proxies = handlers(renderProxyConfig(input({ tls: 'off' })));
    assert.equal(proxies.length, 5);
    for (const proxy of proxies)
      assert.deepEqual(proxy.trusted_proxies, [
        '127.0.0.0/8',
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
        '::1/128',
        'fc00::/7',
      ]);
    // The handler's list (Caddy 2.6.2 and later), not the server-level module (2.6.3 and later).
    assert.equal(
      (server(renderProxyConfig(input({ tls: 'off' }))) as Record<string, unknown>).trusted_proxies,
      undefined,
    );
  });

  it('trusts nobody when Caddy terminates TLS itself', () => {
    for (const tls of ['acme', 'internal'] as TlsMode[])
      for (const proxy of handlers(renderProxyConfig(input({ tls })))) assert.equal(proxy.trusted_proxies, undefined);
  });

  it('takes the ranges from the setting, and an empty list trusts nobody', () => {
    const only = handlers(renderProxyConfig(input({ tls: 'off', trustedProxies: ['192.0.2.10', '198.51.100.0/24'] })));
    for (const proxy of only) assert.deepEqual(proxy.trusted_proxies, ['192.0.2.10', '198.51.100.0/24']);
    for (const proxy of handlers(renderProxyConfig(input({ tls: 'off', trustedProxies: [] }))))
      assert.equal(proxy.trusted_proxies, undefined);
    assert.throws(() => renderProxyConfig(input({ tls: 'off', trustedProxies: ['everyone'] })), RangeError);
  });

  it('keeps the admin listener as given', () => {
    assert.deepEqual(renderProxyConfig(input({ tls: 'off' })).admin, { listen: '127.0.0.1:2019' });
  });
});
