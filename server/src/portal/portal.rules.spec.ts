import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActualContainer, HealthStatus } from '../engine/engine.types';
import { decodeLogo, isServing, portalTiles } from './portal.rules';

function container(serviceId: string, state: 'running' | 'exited' = 'running', health: HealthStatus = 'healthy') {
  return { id: serviceId, name: serviceId, serviceId, state, health } as ActualContainer;
}

const CHAT = [container('synapse'), container('element')];
const PAD = [container('hedgedoc')];

describe('portal tiles', () => {
  it('has one tile per running feature, in the catalog order, at its public host', () => {
    const tiles = portalTiles({
      domain: 'fabrique.org',
      scheme: 'https',
      wanted: ['pad', 'chat'],
      containers: [...PAD, ...CHAT],
    });
    assert.deepEqual(tiles, [
      { id: 'chat', url: 'https://chat.fabrique.org/' },
      { id: 'pad', url: 'https://pad.fabrique.org/' },
    ]);
  });

  it('follows the TLS mode for the scheme', () => {
    const [tile] = portalTiles({ domain: 'fabrique.test', scheme: 'http', wanted: ['pad'], containers: PAD });
    assert.equal(tile?.url, 'http://pad.fabrique.test/');
  });

  it('leaves out a feature not wanted, even when its containers still run (being stopped)', () => {
    assert.deepEqual(portalTiles({ domain: 'd.org', scheme: 'https', wanted: ['chat'], containers: PAD }), []);
  });

  it('leaves out a feature with a service missing, exited, failing or still starting', () => {
    assert.equal(isServing('chat', [container('synapse')]), false);
    assert.equal(isServing('chat', [container('synapse'), container('element', 'exited')]), false);
    assert.equal(isServing('chat', [container('synapse', 'running', 'unhealthy'), container('element')]), false);
    assert.equal(isServing('chat', [container('synapse', 'running', 'starting'), container('element')]), false);
    assert.equal(isServing('chat', [container('synapse'), container('element', 'running', 'none')]), true);
  });
});

describe('portal logo', () => {
  it('decodes the data URL the wizard stores, and nothing else', () => {
    const logo = decodeLogo(`data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`);
    assert.equal(logo?.type, 'image/png');
    assert.equal(logo?.bytes.toString(), 'png bytes');
    assert.equal(decodeLogo('data:image/svg+xml;base64,PHN2Zz4='), null);
  });
});
