import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_CONFIG } from '../../server/src/config/config.module';
import type { AppConfig } from '../../server/src/config/app-config';
import { OidcClientsService } from '../../server/src/oidc/oidc-clients.service';
import { SecretsRepository } from '../../server/src/secrets/secrets.repository';
import { ApplianceContextService } from '../../server/src/services/appliance-context.service';
import { InstallationRepository } from '../../server/src/setup/installation.repository';
import { appPerSuite } from '../support/medium-app';

describe("medium: the services' render context follows the OpenID provider's clients (real SQLite, fake engine)", () => {
  const suite = appPerSuite();
  const load = async () => (await suite.app.service(ApplianceContextService).load())!;
  /** The provider's own view of a client, built as the provider builds it. */
  const provider = () =>
    new OidcClientsService(
      suite.app.service<AppConfig>(APP_CONFIG),
      suite.app.service(InstallationRepository),
      suite.app.service(SecretsRepository),
    );

  it('renders no members input while no feature is on', async () => {
    const snapshot = await load();
    assert.deepEqual(snapshot.features, []);
    assert.equal(snapshot.ctx.members, undefined);
  });

  it("gives an enabled feature's service exactly the provider's client settings, and no other", async () => {
    assert.equal((await suite.app.run('enable', 'pad')).kind, 'done');
    const { ctx } = await load();
    assert.deepEqual(Object.keys(ctx.members?.clients ?? {}), ['pad']);
    assert.deepEqual(ctx.members?.clients?.pad, await provider().settingsFor('hedgedoc'));
    // TLS off (the medium app's mode): an http issuer on the apex, the services' https callbacks.
    assert.equal(ctx.members?.clients?.pad?.issuer, `http://${ctx.settings.domain}/oidc`);
    assert.equal(ctx.members?.autoJoinRooms, undefined, 'no rooms without chat');
    const site = await provider().site();
    const registered = provider()
      .metadata(site!)
      .find((m) => m.client_id === 'hedgedoc');
    assert.deepEqual(registered?.redirect_uris, ctx.members?.clients?.pad?.redirectUris);
  });
});
