import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { redisServersIn } from '../support/leftovers';

/**
 * Runs last (scripts/test.sh puts it at the end of every run): nothing the run created may remain,
 * neither a temporary directory nor a redis-server started in one. The ledger lists exactly this
 * run's directories, so other runs on the same machine are not counted.
 */
it('leaves no temporary directory and no redis-server behind', () => {
  const ledger = process.env.TL_TEST_LEDGER;
  assert.ok(ledger && existsSync(ledger), 'TL_TEST_LEDGER is not set: this check runs at the end of scripts/test.sh');
  const dirs = readFileSync(ledger, 'utf8').split('\n').filter(Boolean);
  const left = dirs.flatMap((dir) => [
    ...(existsSync(dir) ? [`directory ${dir}`] : []),
    ...redisServersIn(dir).map((pid) => `redis-server pid ${pid} in ${dir}`),
  ]);
  assert.deepEqual(left, [], `left behind by this run (${dirs.length} directories created)`);
});
