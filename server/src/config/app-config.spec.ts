import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has embedded defaults: private redis, local socket, appliance mode, port 8080', () => {
    const config = loadConfig({ DATA_DIR: '/data' });
    assert.equal(config.port, 8080);
    assert.equal(config.redisUrl, undefined);
    assert.deepEqual(config.docker, { socketPath: '/var/run/docker.sock' });
    assert.equal(config.mode, 'appliance');
    assert.equal(config.dataDir, '/data');
  });

  it('parses DOCKER_HOST and REDIS_URL', () => {
    const config = loadConfig({ DOCKER_HOST: 'tcp://engine:2375', REDIS_URL: 'redis://r:6379/1', MODE: 'upstream' });
    assert.deepEqual(config.docker, { host: 'engine', port: 2375 });
    assert.equal(config.redisUrl, 'redis://r:6379/1');
    assert.equal(config.mode, 'upstream');
  });

  it('DATABASE_URL: SQLite by default; a postgres:// URL for an upstream only, refused otherwise', () => {
    assert.equal(loadConfig({ MODE: 'upstream' }).databaseUrl, undefined);
    const url = 'postgres://hub:secret@db.example:5432/hub';
    assert.equal(loadConfig({ MODE: 'upstream', DATABASE_URL: ` ${url} ` }).databaseUrl, url);
    assert.equal(
      loadConfig({ MODE: 'upstream', DATABASE_URL: 'postgresql://db/hub' }).databaseUrl,
      'postgresql://db/hub',
    );
    assert.throws(
      () => loadConfig({ MODE: 'upstream', DATABASE_URL: 'mysql://db/hub' }),
      /DATABASE_URL must use postgres/,
    );
    assert.throws(() => loadConfig({ MODE: 'upstream', DATABASE_URL: 'not a url' }), /DATABASE_URL must be a URL/);
    const refused = (() => {
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (error) {
        return error as Error;
      }
    })();
    assert.ok(refused instanceof ConfigError);
    assert.match(refused.message, /MODE=upstream only: .*SQLite file, which its backups and self-update copy/);
    assert.doesNotMatch(refused.message, /secret/, 'the password is never repeated');
  });

  it('MEMORY_BUDGET_MB: none by default, a whole number of MiB, refused otherwise', () => {
    assert.equal(loadConfig({}).memoryBudgetMb, 0);
    assert.equal(loadConfig({ MEMORY_BUDGET_MB: '1900' }).memoryBudgetMb, 1900);
    assert.throws(
      () => loadConfig({ MEMORY_BUDGET_MB: '2g' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'MEMORY_BUDGET_MB',
    );
  });

  it('names the variable that is wrong', () => {
    assert.throws(
      () => loadConfig({ PORT: '70000' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'PORT',
    );
    assert.throws(
      () => loadConfig({ MODE: 'x' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'MODE',
    );
  });

  it('PUBLIC_URL: an http(s) origin and path, without a trailing slash; unset by default', () => {
    assert.equal(loadConfig({}).publicUrl, undefined);
    assert.equal(loadConfig({ PUBLIC_URL: 'https://hub.example.coop/' }).publicUrl, 'https://hub.example.coop');
    assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8099' }).publicUrl, 'http://127.0.0.1:8099');
    for (const bad of [
      'hub.example.coop',
      'ftp://hub.example.coop',
      'https://u:p@hub.example.coop',
      'https://h/?a=1',
    ]) {
      assert.throws(
        () => loadConfig({ PUBLIC_URL: bad }),
        (e: unknown) => e instanceof ConfigError && e.variable === 'PUBLIC_URL',
        bad,
      );
    }
  });
});

describe('LINK_HEARTBEAT_MS', () => {
  it('defaults to a minute, takes a shorter one for tests, and refuses nonsense', () => {
    assert.equal(loadConfig({}).linkHeartbeatMs, 60_000);
    assert.equal(loadConfig({ LINK_HEARTBEAT_MS: '200' }).linkHeartbeatMs, 200);
    for (const bad of ['0', '-5', '1.5', 'soon', '99999999']) {
      assert.throws(
        () => loadConfig({ LINK_HEARTBEAT_MS: bad }),
        (e: unknown) => e instanceof ConfigError && e.variable === 'LINK_HEARTBEAT_MS',
      );
    }
  });
});
