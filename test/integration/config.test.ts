import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { removeTempDir } from '../support/leftovers';
import { REPO_ROOT, tempDataDir } from '../support/server-process';

function boot(env: Record<string, string>) {
  const dataDir = tempDataDir('config');
  try {
    return spawnSync(process.execPath, [join(REPO_ROOT, 'server', 'dist', 'main.js')], {
      env: { ...process.env, DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
  } finally {
    removeTempDir(dataDir);
  }
}

describe('configuration is validated once at boot', () => {
  for (const [name, value] of [
    ['PORT', 'eighty'],
    ['MODE', 'hub'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://nope'],
    ['DOCKER_HOST', 'ssh://host'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', 'true'],
  ]) {
    it(`stops the boot with a message naming ${name} when it is bad`, () => {
      const result = boot({ [name]: value });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`Invalid configuration: ${name} `));
    });
  }
});
