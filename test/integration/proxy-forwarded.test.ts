/**
 * Single sign-on behind a front proxy (TLS off): the real Caddy of the test image, loaded with the
 * rendered config, passes the front's `X-Forwarded-Proto: https` on to the service when the front is
 * trusted (private ranges, the default with TLS off), and puts its own `http` when it is not. Without
 * that, Synapse sees http, which does not match its https public_baseurl, and the sign-in loops.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { renderProxyConfig, serializeProxyConfig } from '../../server/src/catalog/proxy.render';
import { docker, dockerOk } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import { requireEngineAndImages, testImageTags } from '../support/test-images';

const RUN = `tl-xfp-${randomBytes(4).toString('hex')}`;
const NETWORK = RUN;
const UPSTREAM = `${RUN}-upstream`;
const CADDY = `${RUN}-caddy`;
const CLIENT = `${RUN}-client`;
const DOMAIN = 'example.test';

/** Answers every GET with the X-Forwarded-Proto it received. */
const ECHO = `
from http.server import BaseHTTPRequestHandler, HTTPServer
class Echo(BaseHTTPRequestHandler):
    def do_GET(self):
        body = (self.headers.get("X-Forwarded-Proto") or "-").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
HTTPServer(("", 8080), Echo).serve_forever()
`;

function config(trustedProxies?: string[]): string {
  return serializeProxyConfig(
    renderProxyConfig({
      domain: DOMAIN,
      enabled: ['proxy'],
      tls: 'off',
      // The image's own listen address, so that the client container can load the next config.
      adminListen: '0.0.0.0:2019',
      managerUpstream: `${UPSTREAM}:8080`,
      ports: { http: 80, https: 443 },
      maxUploadMb: 10,
      trustedProxies,
    }),
  );
}

/** curl from the client container (a private address on the test network); prints the body. */
function curl(...args: string[]): Promise<string> {
  return dockerOk(['exec', CLIENT, 'curl', '-fsS', '--max-time', '5', ...args]);
}

async function load(body: string): Promise<void> {
  await curl('-X', 'POST', '-H', 'Content-Type: application/json', '--data-binary', body, `http://${CADDY}:2019/load`);
}

/** What the upstream received when the front said https (the first answer once Caddy serves the config). */
function forwardedProto(): Promise<string> {
  return eventually(
    () => curl('-H', `Host: ${DOMAIN}`, '-H', 'X-Forwarded-Proto: https', `http://${CADDY}/`),
    'an answer through Caddy',
    {
      retryOnError: true,
    },
  );
}

describe('proxy: X-Forwarded-Proto from a trusted front reaches the services (real Caddy)', () => {
  before(async () => {
    await requireEngineAndImages();
    const { caddy, synapse } = testImageTags();
    await dockerOk(['network', 'create', NETWORK]);
    await dockerOk(['run', '-d', '--name', CADDY, '--network', NETWORK, caddy]);
    await dockerOk([
      'run',
      '-d',
      '--name',
      UPSTREAM,
      '--network',
      NETWORK,
      '--entrypoint',
      'python3',
      synapse,
      '-c',
      ECHO,
    ]);
    await dockerOk(['run', '-d', '--name', CLIENT, '--network', NETWORK, '--entrypoint', 'sleep', synapse, 'infinity']);
    await eventually(
      async () => (await docker(['exec', CLIENT, 'curl', '-fsS', `http://${CADDY}:2019/config/`])).code === 0,
      'Caddy admin API up',
      { timeoutMs: 30_000 },
    );
  });

  after(async () => {
    for (const name of [CLIENT, UPSTREAM, CADDY]) await docker(['rm', '-f', name]);
    await docker(['network', 'rm', NETWORK]);
  });

  it('passes the front’s https on with the default ranges', async () => {
    await load(config());
    assert.equal(await forwardedProto(), 'https');
  });

  it('puts its own http when the front is not trusted', async () => {
    await load(config([]));
    assert.equal(await forwardedProto(), 'http');
  });
});
