import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  applianceEnv,
  applianceIdOf,
  completeSetup,
  DOMAIN,
  matrixLogin,
  newChatAdminPassword,
  type Session,
  startAppliance,
  viaProxy,
  waitFeature,
} from '../support/appliance';
import { eventually } from '../support/eventually';
import type { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages } from '../support/test-images';

const MEMBER = 'dominique';
const PASSWORD = 'un mot de passe de membre assez long';
/** Element's address: whitelisted in Synapse's `sso.client_whitelist`, so the login token comes back at once. */
const ELEMENT = `https://chat.${DOMAIN}/`;

interface Hop {
  status: number;
  location: string | null;
  text: string;
}

/**
 * A browser behind the front proxy that TLS-off deployments have: every request goes to the
 * appliance's Caddy on its published port with the public Host and `X-Forwarded-Proto: https`, as a
 * trusted front that terminates TLS sends it. A cookie jar by name (enough for these few origins);
 * redirects are followed by hand so each hop can be seen.
 */
class FrontBrowser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly port: number) {}

  send(url: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const payload = init.json === undefined ? undefined : JSON.stringify(init.json);
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          headers: {
            host: target.host,
            'x-forwarded-proto': 'https',
            ...(cookie ? { cookie } : {}),
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...init.headers,
          },
        },
        (res) => {
          for (const header of res.headers['set-cookie'] ?? []) {
            const [pair] = header.split(';');
            const [name, ...value] = pair.split('=');
            if (value.join('=') === '') this.jar.delete(name.trim());
            else this.jar.set(name.trim(), value.join('='));
          }
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => {
            const location = res.headers.location ? new URL(res.headers.location, target).href : null;
            resolve({ status: res.statusCode ?? 0, location, text });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Follows redirects until `stop` says a hop is the one wanted, or a hop is not a redirect. */
  async follow(url: string, stop: (location: string) => boolean, trail: string[] = []): Promise<Hop> {
    let next = url;
    for (let n = 0; n < 15; n++) {
      const hop = await this.send(next);
      trail.push(`${hop.status} ${next}`);
      if (hop.status < 300 || hop.status >= 400 || !hop.location || stop(hop.location)) return hop;
      next = hop.location;
    }
    throw new Error(`too many redirects:\n${trail.join('\n')}`);
  }
}

describe('members: single sign-on to chat through the proxy (real Synapse, real engine, TLS off behind a front)', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let admin: Session;
  let applianceId = '';
  let adminToken = '';
  let memberToken = '';
  let memberId = '';
  let generalId = '';
  const port = () => Number(env.PROXY_HTTP_PORT);
  const member = () => new FrontBrowser(port());
  let browser: FrontBrowser;

  const write = (call: request.Test) => call.set('Cookie', admin.cookie).set('x-csrf-token', admin.csrf);
  const matrix = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    viaProxy(env.PROXY_HTTP_PORT, `matrix.${DOMAIN}`, path, init);

  /** Synapse's SSO from Element's button to the login token, through the manager's provider. */
  async function ssoLoginToken(b: FrontBrowser): Promise<{ token?: string; last: Hop; trail: string[] }> {
    const trail: string[] = [];
    const start = `https://matrix.${DOMAIN}/_matrix/client/v3/login/sso/redirect/oidc-community?redirectUrl=${encodeURIComponent(ELEMENT)}`;
    const last = await b.follow(start, (location) => location.startsWith(ELEMENT), trail);
    const token = last.location?.startsWith(ELEMENT)
      ? (new URL(last.location).searchParams.get('loginToken') ?? undefined)
      : undefined;
    return { token, last, trail };
  }

  before(async () => {
    await requireEngineAndImages();
    // Caddy reaches the manager on the host through host.docker.internal: it must listen beyond loopback.
    env = await applianceEnv({ HOST: '0.0.0.0' });
    server = await startAppliance('members-sso', env);
    admin = await completeSetup(server, ['chat']);
    applianceId = await applianceIdOf(server, admin);
    await waitFeature(server, admin, 'chat', (s) => s.state === 'running' && s.health === 'healthy');
    const { password } = await newChatAdminPassword(server, admin);
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    adminToken = login.body.access_token as string;
  });

  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('creates the starting rooms as the chat admin once chat is up', async () => {
    for (const alias of [`#general:${DOMAIN}`, `#annonces:${DOMAIN}`]) {
      const found = await eventually(async () => {
        const res = await matrix(`/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
        return res.status === 200 ? (res.body.room_id as string) : undefined;
      }, `${alias} exists`);
      if (alias.startsWith('#general')) generalId = found;
    }
    // The manager's step saw both (made them, or found them made by Synapse at the admin's registration).
    await eventually(() => {
      const record = JSON.parse(readFileSync(join(server.dataDir, 'secrets', 'matrix-admin.json'), 'utf8')) as {
        rooms?: string[];
      };
      return record.rooms?.length === 2;
    }, 'the starting rooms are recorded with the chat admin');
    const joined = await matrix('/_matrix/client/v3/joined_rooms', { token: adminToken });
    assert.ok((joined.body.joined_rooms as string[]).includes(generalId), 'the admin is in Général');
  });

  it('signs an invited member in to Synapse through the manager, who joins Général and posts there', async () => {
    const invitation = await write(request(server.url).post('/api/members/invitations'))
      .send({ kind: 'single', expiresInHours: 48 })
      .expect(201);
    browser = member();
    // The member accepts on the community's site, through the front: their manager session is a secure one.
    const accepted = await browser.send(
      `https://${DOMAIN}/api/members/invitations/${invitation.body.token as string}/accept`,
      { method: 'POST', json: { username: MEMBER, password: PASSWORD } },
    );
    assert.equal(accepted.status, 201, accepted.text);
    assert.ok(browser.cookie('__Host-tl_session'), 'a secure manager session');
    const list = (await request(server.url).get('/api/members').set('Cookie', admin.cookie).expect(200)).body as Array<{
      id: string;
      username: string;
    }>;
    memberId = list.find((m) => m.username === MEMBER)!.id;

    const { token, last, trail } = await ssoLoginToken(browser);
    assert.ok(
      token,
      `no login token; the flow stopped at ${last.status}:\n${trail.join('\n')}\n${last.text.slice(0, 800)}`,
    );
    const login = await matrix('/_matrix/client/v3/login', { method: 'POST', body: { type: 'm.login.token', token } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.user_id, `@${MEMBER}:${DOMAIN}`);
    memberToken = login.body.access_token as string;

    const rooms = await matrix('/_matrix/client/v3/joined_rooms', { token: memberToken });
    assert.ok((rooms.body.joined_rooms as string[]).includes(generalId), JSON.stringify(rooms.body));
    const sent = await matrix(`/_matrix/client/v3/rooms/${encodeURIComponent(generalId)}/send/m.room.message/t1`, {
      method: 'PUT',
      token: memberToken,
      body: { msgtype: 'm.text', body: 'Bonjour à toutes et à tous !' },
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const messages = await matrix(`/_matrix/client/v3/rooms/${encodeURIComponent(generalId)}/messages?dir=b&limit=20`, {
      token: adminToken,
    });
    const chunk = messages.body.chunk as Array<{ type: string; sender: string; content: { body?: string } }>;
    assert.ok(
      chunk.some((e) => e.sender === `@${MEMBER}:${DOMAIN}` && e.content.body === 'Bonjour à toutes et à tous !'),
      'the admin reads the member message',
    );
  });

  it('removing the member ends their Matrix access token and refuses their next sign-in', async () => {
    await write(request(server.url).delete(`/api/members/${memberId}`)).expect(204);
    await eventually(
      async () => (await matrix('/_matrix/client/v3/account/whoami', { token: memberToken })).status === 401,
      'the removed member token is refused',
      { timeoutMs: 15_000 },
    );
    const whoami = await matrix('/_matrix/client/v3/account/whoami', { token: memberToken });
    assert.equal(whoami.body.errcode, 'M_UNKNOWN_TOKEN');
    // The same browser (its manager session is gone with the member) gets no login token...
    const again = await ssoLoginToken(browser);
    assert.equal(again.token, undefined, again.trail.join('\n'));
    // ...and cannot sign in to the manager again to get one.
    const signIn = await browser.send(`https://${DOMAIN}/api/auth/login`, {
      method: 'POST',
      json: { username: MEMBER, password: PASSWORD },
    });
    assert.ok(signIn.status >= 400, `sign-in answered ${signIn.status}`);
    const fresh = await ssoLoginToken(browser);
    assert.equal(fresh.token, undefined, fresh.trail.join('\n'));
  });
});
