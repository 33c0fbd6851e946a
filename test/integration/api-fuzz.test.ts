import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/server-process';

/**
 * The schemathesis pass over the served OpenAPI document (scripts/fuzz/run.sh), anonymous and logged
 * in: no 5xx, no answer the document does not describe. Its output is kept in the test log.
 */
describe('API fuzzing against the OpenAPI document', () => {
  it('finds no server error and no answer outside the document', { timeout: 15 * 60_000 }, async () => {
    const child = spawn('bash', [join(REPO_ROOT, 'scripts', 'fuzz', 'run.sh')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const summary = output
      .split('\n')
      .filter((line) => /^==|generated|passed|failures|FAILED|Error/.test(line))
      .join('\n');
    console.log(summary);
    assert.equal(code, 0, `schemathesis found problems:\n${output.slice(-20_000)}`);
  });
});
