import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { OidcBrowser } from '../support/oidc-browser';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

const DOMAIN = setupPayload('').domain;
const ISSUER = `http://${DOMAIN}/oidc`;
// Synapse sends its https public_baseurl callback in every TLS mode (a front proxy does TLS when it is off).
const CALLBACK = `https://matrix.${DOMAIN}/_synapse/client/oidc/callback`;
const CODE_TTL_SEC = 3;
const PASSWORD = 'a long enough password';

interface Session {
  cookie: string;
  csrf: string;
}
type Jwk = { kid: string; kty: string; d?: string } & Record<string, unknown>;

/**
 * Acceptance point 2 of issue 11: a standard relying party (openid-client) against the manager's
 * provider, TLS off (an http issuer), with a member created through the real invitation routes.
 */
describe('OpenID provider: code flow with PKCE for a first-party client', () => {
  // No feature chosen at setup: the provider needs no engine.
  const server = new ServerProcess(tempDataDir('oidc'), { TLS_MODE: 'off', OIDC_CODE_TTL_SEC: String(CODE_TTL_SEC) });
  let admin: Session;
  let member: Session & { id: string };
  let config: client.Configuration;
  let clientSecret: string;

  const api = () => request(server.url);
  const write = (s: Session, call: request.Test) => call.set('Cookie', s.cookie).set('x-csrf-token', s.csrf);

  /** A browser carrying the member's manager session, as after they signed in. */
  function signedIn(session: Session): OidcBrowser {
    const b = new OidcBrowser(server.url, DOMAIN);
    b.setCookie(session.cookie);
    return b;
  }

  async function authorize(b: OidcBrowser, redirectUri = CALLBACK) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const hop = await b.follow(url.href);
    return { hop, verifier, state };
  }

  /** The authorization response at the client's redirect URI, with its code. */
  async function codeFor(b: OidcBrowser) {
    const { hop, verifier, state } = await authorize(b);
    assert.ok(hop.location?.startsWith(`${CALLBACK}?`), `expected the callback, got ${hop.status} ${hop.location}`);
    return { callback: new URL(hop.location!), verifier, state };
  }

  function redeem(code: { callback: URL; verifier: string; state: string }) {
    return client.authorizationCodeGrant(config, code.callback, {
      pkceCodeVerifier: code.verifier,
      expectedState: code.state,
    });
  }

  async function refusedGrant(promise: Promise<unknown>): Promise<void> {
    await assert.rejects(promise, (error: { error?: string }) => error.error === 'invalid_grant');
  }

  /** What the provider keeps for an account (sessions, grants, codes), read from the real database. */
  function providerRows(accountId: string): number {
    const db = new Database(join(server.dataDir, 'appliance.sqlite'), { readonly: true });
    try {
      const row = db.prepare(`SELECT COUNT(*) AS n FROM "oidc_payload" WHERE "account_id" = ?`).get(accountId);
      return (row as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function jwks(): Promise<Jwk[]> {
    return ((await api().get('/oidc/jwks').expect(200)).body as { keys: Jwk[] }).keys;
  }

  /** The ID token's RS256 signature, checked with node's crypto against the published key. */
  async function verifySignature(idToken: string): Promise<string> {
    const [header, payload, signature] = idToken.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string; alg: string };
    assert.equal(alg, 'RS256');
    const key = (await jwks()).find((k) => k.kid === kid);
    assert.ok(key, `key ${kid} is published`);
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
    assert.ok(ok, 'the ID token signature verifies');
    return kid;
  }

  /** A relying party as Synapse is one: the \`synapse\` client, its secret in the body (client_secret_post), ID tokens verified. */
  function discover(): Promise<client.Configuration> {
    const fetcher = new OidcBrowser(server.url, DOMAIN).fetch;
    return client.discovery(new URL(ISSUER), 'synapse', undefined, client.ClientSecretPost(clientSecret), {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
      [client.customFetch]: fetcher,
    });
  }

  before(async () => {
    await server.start();
    await api().get('/oidc/.well-known/openid-configuration').expect(404);
    const res = await api()
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    admin = sessionFrom(res.headers['set-cookie']);
    const invitation = await write(admin, api().post('/api/members/invitations'))
      .send({ kind: 'single', expiresInHours: 48 })
      .expect(201);
    const accepted = await api()
      .post(`/api/members/invitations/${invitation.body.token as string}/accept`)
      .send({ username: 'dominique', password: PASSWORD })
      .expect(201);
    const list = (await api().get('/api/members').set('Cookie', admin.cookie).expect(200)).body as Array<{
      id: string;
      username: string;
    }>;
    member = { ...sessionFrom(accepted.headers['set-cookie']), id: list.find((m) => m.username === 'dominique')!.id };
    // The provider is built (keys and client secrets generated) at its first request.
    await api().get('/oidc/.well-known/openid-configuration').expect(200);
    const secretsFile = join(server.dataDir, 'secrets', 'oidc-clients.json');
    assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(server.dataDir, 'secrets', 'oidc-keys.json')).mode & 0o777, 0o600);
    clientSecret = (JSON.parse(readFileSync(secretsFile, 'utf8')) as { synapse: string }).synapse;
    config = await discover();
  });
  after(() => server.dispose());

  it('publishes discovery and a JWKS of public keys', async () => {
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, ISSUER);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.ok(meta.id_token_signing_alg_values_supported?.includes('RS256'));
    const keys = await jwks();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].d, undefined, 'no private part is published');
  });

  it('completes the code flow with PKCE; the ID token verifies and names the member', async () => {
    const tokens = await redeem(await codeFor(signedIn(member)));
    await verifySignature(tokens.id_token!);
    const claims = tokens.claims()!;
    assert.equal(claims.iss, ISSUER);
    assert.equal(claims.aud, 'synapse');
    assert.equal(claims.sub, member.id);
    assert.equal(claims.preferred_username, 'dominique');
    assert.equal(claims.name, 'dominique');
  });

  it('sends a browser without a manager session to the sign-in page, with a return path', async () => {
    const { hop } = await authorize(new OidcBrowser(server.url, DOMAIN));
    assert.equal(hop.status, 303);
    assert.match(hop.location ?? '', /^\/\?return=%2Foidc%2Finteraction%2F[\w-]+#\/login$/);
  });

  it('refuses a wrong redirect URI without redirecting to it', async () => {
    const { hop } = await authorize(signedIn(member), 'http://elsewhere.example/callback');
    assert.equal(hop.status, 400);
    assert.equal(hop.location, null);
    assert.match(hop.body, /redirect_uri/);
  });

  it('refuses a code used twice', async () => {
    const code = await codeFor(signedIn(member));
    await redeem(code);
    await refusedGrant(redeem(code));
  });

  it('redeems a code once when two requests race for it', async () => {
    const code = await codeFor(signedIn(member));
    const results = await Promise.allSettled([redeem(code), redeem(code)]);
    assert.equal(
      results.filter((r) => r.status === 'fulfilled').length,
      1,
      JSON.stringify(results.map((r) => r.status)),
    );
    const refused = results.find((r) => r.status === 'rejected');
    assert.equal((refused?.reason as { error?: string } | undefined)?.error, 'invalid_grant');
  });

  it('refuses an expired code', async () => {
    const b = signedIn(member);
    const before = await b.get(`${ISSUER}/.well-known/openid-configuration`);
    await before.arrayBuffer();
    const issuedBy = Date.parse(before.headers.get('date')!);
    const code = await codeFor(b);
    // The server's own clock (its Date header, to the second) passes the code's lifetime.
    await eventually(
      async () => {
        const res = await api().get('/api/health');
        return Date.parse(res.headers.date) >= issuedBy + (CODE_TTL_SEC + 2) * 1000;
      },
      'the server clock passes the code lifetime',
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    await refusedGrant(redeem(code));
  });

  it('rotates keys: the new one signs, the previous stays published, older ones go', async () => {
    const first = (await jwks())[0].kid;
    const oldToken = (await redeem(await codeFor(signedIn(member)))).id_token!;
    const rotated = await write(admin, api().post('/api/oidc/keys/rotate')).send({}).expect(200);
    assert.deepEqual(rotated.body.publishedKeyIds, [rotated.body.signingKeyId, first]);
    assert.deepEqual(
      (await jwks()).map((k) => k.kid),
      [rotated.body.signingKeyId, first],
    );
    assert.equal(await verifySignature(oldToken), first, 'a token signed before still verifies');
    // openid-client caches the JWKS it fetched: a fresh relying party sees the new key.
    config = await discover();
    const newToken = (await redeem(await codeFor(signedIn(member)))).id_token!;
    assert.equal(await verifySignature(newToken), rotated.body.signingKeyId);
    const again = await write(admin, api().post('/api/oidc/keys/rotate')).send({}).expect(200);
    assert.deepEqual(
      (await jwks()).map((k) => k.kid),
      [again.body.signingKeyId, rotated.body.signingKeyId],
    );
    await write(member, api().post('/api/oidc/keys/rotate')).send({}).expect(403);
  });

  it("refuses a suspended member's codes and next authorization", async () => {
    const b = signedIn(member);
    const pending = await codeFor(b);
    assert.ok(providerRows(member.id) > 0);
    await write(admin, api().patch(`/api/members/${member.id}`))
      .send({ status: 'suspended' })
      .expect(200);
    await refusedGrant(redeem(pending));
    assert.equal(providerRows(member.id), 0, "the member's provider sessions, grants and codes are gone");
    // Same browser, provider cookies and all: its provider session went with the suspension.
    const { hop } = await authorize(b);
    assert.equal(hop.status, 303);
    assert.match(hop.location ?? '', /^\/\?return=%2Foidc%2Finteraction%2F/);
    await api().post('/api/auth/login').send({ username: 'dominique', password: PASSWORD }).expect(403);
  });
});
