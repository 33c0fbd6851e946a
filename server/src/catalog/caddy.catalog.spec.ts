import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CADDY_ADMIN_LISTEN, CADDY_LOAD_COMMAND, CADDY_READ_CONFIG_COMMAND, caddyDefinition } from './caddy.catalog';
import { testContext } from './catalog.fixtures.spec';

describe('caddy catalog: admin API for the manager alone', () => {
  it('starts Caddy with its admin API on the container loopback only', () => {
    assert.equal(CADDY_ADMIN_LISTEN, '127.0.0.1:2019');
    const [bootstrap] = caddyDefinition.renderFiles(testContext());
    assert.ok(bootstrap.type === 'file');
    assert.deepEqual(JSON.parse(bootstrap.content), { admin: { listen: '127.0.0.1:2019' } });
    assert.ok(caddyDefinition.renderCommand(testContext())?.includes('--resume'));
  });

  it('reads and loads through that loopback listener, with no argument taken from a config', () => {
    assert.deepEqual(CADDY_LOAD_COMMAND, [
      'caddy',
      'reload',
      '--config',
      '-',
      '--address',
      '127.0.0.1:2019',
      '--force',
    ]);
    assert.equal(CADDY_READ_CONFIG_COMMAND.at(-1), 'http://127.0.0.1:2019/config/');
    assert.equal(CADDY_READ_CONFIG_COMMAND[0], 'sh');
  });
});
