import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../server/src/config/app-config';
import { EngineRepository } from '../../server/src/engine/engine.repository';
import { PortalService } from '../../server/src/portal/portal.service';
import { SecretsRepository } from '../../server/src/secrets/secrets.repository';
import { InstallationRepository } from '../../server/src/setup/installation.repository';
import { appPerSuite } from '../support/medium-app';

/** Every string leaf of a JSON value: where a secret would show up. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('medium: the member portal (real services and SQLite, fake engine)', () => {
  const suite = appPerSuite();
  const portal = () =>
    new PortalService(
      loadConfig({ DATA_DIR: suite.app.dataDir, TLS_MODE: 'off' }),
      suite.app.service(InstallationRepository),
      suite.app.service(EngineRepository),
    ).portal();

  it('has the community’s branding and no tile before any feature, without asking the engine', async () => {
    const calls = suite.app.mark();
    assert.deepEqual(await portal(), {
      community: { name: 'La Fabrique', color: '#336699' },
      domain: 'fabrique.test',
      features: [],
    });
    assert.deepEqual(calls(), []);
  });

  it('shows a running feature at its public address (http: TLS is off)', async () => {
    assert.equal((await suite.app.run('enable', 'pad')).kind, 'done');
    assert.equal((await suite.app.run('enable', 'files')).kind, 'done');
    assert.deepEqual((await portal()).features, [
      { id: 'pad', url: 'http://pad.fabrique.test/' },
      { id: 'files', url: 'http://files.fabrique.test/' },
    ]);
  });

  it('drops a stopped feature and brings it back once started', async () => {
    assert.equal((await suite.app.run('stop', 'pad')).kind, 'done');
    assert.deepEqual(
      (await portal()).features.map((f) => f.id),
      ['files'],
    );
    assert.equal((await suite.app.run('start', 'pad')).kind, 'done');
    assert.deepEqual(
      (await portal()).features.map((f) => f.id),
      ['pad', 'files'],
    );
  });

  it('says nothing secret: no generated secret, client secret or appliance id appears', async () => {
    const said = strings(await portal()).join('\n');
    const secrets = suite.app.service(SecretsRepository);
    const hidden = [
      ...strings(secrets.ensure()),
      ...strings(secrets.oidcClientSecrets()),
      'tlm', // the appliance id, which names every container and volume
    ].filter((s) => s.length >= 3);
    assert.ok(hidden.length > 5, 'the secrets were read');
    for (const secret of hidden) assert.equal(said.includes(secret), false, `the portal shows "${secret}"`);
  });
});
