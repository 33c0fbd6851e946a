import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_CONFIG } from '../../server/src/config/config.module';
import type { AppConfig } from '../../server/src/config/app-config';
import { OidcClientsService } from '../../server/src/oidc/oidc-clients.service';
import { SecretsRepository } from '../../server/src/secrets/secrets.repository';
import { ApplianceContextService } from '../../server/src/services/appliance-context.service';
import { InstallationRepository } from '../../server/src/setup/installation.repository';
import { DataSource } from 'typeorm';
import { synapseSsoSettings } from '../../server/src/catalog/synapse.sso';
import { FeatureSettingEntity } from '../../server/src/features/feature-setting.entity';
import { InstallationEntity } from '../../server/src/setup/installation.entity';
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

  it("renders Synapse's auto_join_rooms from the starting rooms stored by the wizard (the default list without one)", async () => {
    // Chat marked on as the wizard leaves it (starting Synapse is the integration tier's business).
    await suite.app
      .service(DataSource)
      .getRepository(FeatureSettingEntity)
      .save({ id: 'chat', enabled: true, desiredRunning: true, updatedAt: new Date() });
    const before = await load();
    assert.deepEqual(before.ctx.members?.autoJoinRooms, ['#general:fabrique.test', '#annonces:fabrique.test']);
    await suite.app
      .service(DataSource)
      .getRepository(InstallationEntity)
      .update({ id: 1 }, { startingRooms: JSON.stringify(['Entraide', 'Announcements', 'Événements']) });
    const snapshot = await load();
    const aliases = ['#entraide:fabrique.test', '#announcements:fabrique.test', '#evenements:fabrique.test'];
    assert.deepEqual(snapshot.ctx.members?.autoJoinRooms, aliases);
    assert.deepEqual(synapseSsoSettings(snapshot.ctx).auto_join_rooms, aliases);
    // The rooms the chat admin makes are the same ones; only the announcements room is read-only.
    assert.deepEqual(
      snapshot.rooms.map((r) => [r.alias, r.announcements]),
      aliases.map((alias) => [alias, alias.startsWith('#announcements')]),
    );
  });
});
