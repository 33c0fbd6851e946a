/**
 * The homeserver.yaml rendered for single sign-on, read by the real Synapse of the test image with its
 * own config loader (the one `synapse.app.homeserver` runs at start): the option names, the
 * `client_secret_path` file, the starting rooms, and that its `oidc` extra (authlib) is installed.
 * No database is needed: the config is loaded, not started.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { membersContext } from '../../server/src/catalog/members.fixtures.spec';
import { synapseDefinition } from '../../server/src/catalog/synapse.catalog';
import { DOCKER } from '../support/docker-cli';
import { requireEngineAndImages, testImageTags } from '../support/test-images';

/** Writes the rendered files inside a throwaway container, then loads the config and prints what Synapse made of it. */
const LOAD = `
import json, os, sys
for f in json.load(sys.stdin):
    os.makedirs(os.path.dirname(f["path"]), exist_ok=True)
    with open(f["path"], "w") as out:
        out.write(f["content"])
import authlib
from synapse.config.homeserver import HomeServerConfig
c = HomeServerConfig.load_config("check", ["-c", "/data/homeserver.yaml"])
p = c.oidc.oidc_providers[0]
print(json.dumps({
    "providers": len(c.oidc.oidc_providers),
    "idp_id": p.idp_id, "idp_name": p.idp_name, "issuer": p.issuer, "client_id": p.client_id,
    "client_secret": p.client_secret, "client_auth_method": p.client_auth_method,
    "pkce_method": p.pkce_method, "scopes": list(p.scopes), "user_profile_method": p.user_profile_method,
    "localpart": p.user_mapping_provider_config.localpart_template.render(user={"preferred_username": "alex"}),
    "display_name": p.user_mapping_provider_config.display_name_template.render(user={"name": "Alex D."}),
    "auto_join_rooms": c.registration.auto_join_rooms,
    "auto_join_user_id": c.registration.auto_join_user_id,
    "password_login": c.auth.password_enabled_for_login,
    "sso_client_whitelist": c.sso.sso_client_whitelist,
}))
`;

function loadInSynapse(files: Array<{ path: string; content: string }>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOCKER, ['run', '--rm', '-i', '--entrypoint', 'python', testImageTags().synapse, '-c', LOAD]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`synapse refused the config (${code}): ${err}`)),
    );
    child.stdin.end(JSON.stringify(files));
  });
}

describe('synapse single sign-on config, loaded by the real Synapse', () => {
  it('accepts the rendered oidc_providers, reads the secret file and keeps password login', async () => {
    await requireEngineAndImages();
    const ctx = membersContext();
    const files = synapseDefinition
      .renderFiles(ctx)
      .flatMap((f) => (f.type === 'file' ? [{ path: f.path, content: f.content }] : []));
    const seen = JSON.parse(await loadInSynapse(files)) as Record<string, unknown>;
    assert.deepEqual(seen, {
      providers: 1,
      // Synapse prefixes the configured idp_id.
      idp_id: 'oidc-community',
      idp_name: 'La Fabrique',
      issuer: 'https://example.org/oidc',
      client_id: 'client-chat',
      client_secret: 'client-secret-chat',
      client_auth_method: 'client_secret_post',
      pkce_method: 'always',
      scopes: ['openid', 'profile'],
      user_profile_method: 'userinfo_endpoint',
      localpart: 'alex',
      display_name: 'Alex D.',
      auto_join_rooms: ['#general:example.org', '#annonces:example.org'],
      auto_join_user_id: '@camille:example.org',
      password_login: true,
      // Synapse adds its own fallback login page to the list.
      sso_client_whitelist: ['https://chat.example.org/', 'https://matrix.example.org/_matrix/static/client/login'],
    });
  });
});
