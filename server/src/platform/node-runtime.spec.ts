import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { NODE_ENV, NODE_FLAGS } from './node-runtime';

/** The repository's root: the first parent holding appliance/Dockerfile (from src or from .build/test). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'appliance', 'Dockerfile'))) {
    const up = dirname(dir);
    assert.notEqual(up, dir, 'repository root not found');
    dir = up;
  }
  return dir;
}

const read = (path: string) => readFileSync(join(repoRoot(), path), 'utf8');
const flags = NODE_FLAGS.join(' ');

describe('every way the manager is started uses the measured node settings', () => {
  it('npm start (scripts/start.sh)', () => {
    const script = read('scripts/start.sh');
    assert.match(script, new RegExp(`\\nexec node ${flags} server/dist/main\\.js\\n`));
    for (const [name, value] of Object.entries(NODE_ENV))
      assert.ok(script.includes(`${name}=`) && script.includes(value));
  });

  it('the image: its CMD, its entrypoint default and its environment', () => {
    const dockerfile = read('appliance/Dockerfile');
    const cmd = JSON.stringify(['node', ...NODE_FLAGS, '/app/server/dist/main.js']).replaceAll(',', ', ');
    assert.ok(dockerfile.includes(`\nCMD ${cmd}\n`), `CMD ${cmd}`);
    // The ENV instructions, continuation lines included.
    const env = [...dockerfile.matchAll(/\nENV ((?:[^\n]*\\\n)*[^\n]*)/g)].map((m) => m[1]).join(' ');
    for (const [name, value] of Object.entries(NODE_ENV))
      assert.match(env, new RegExp(`(^|\\s)${name}=${value}(\\s|$)`));
    assert.ok(read('appliance/entrypoint.sh').includes(`set -- node ${flags} /app/server/dist/main.js`));
  });

  it('npm start -w server', () => {
    const pkg = JSON.parse(read('server/package.json')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.start, `node ${flags} dist/main.js`);
  });
});
