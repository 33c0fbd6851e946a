import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { REPO_ROOT, ServerProcess, tempDataDir } from '../support/server-process';

const CLI = join(REPO_ROOT, 'server', 'dist', 'cli', 'main.js');

/** `appliance <command>` as `docker exec` runs it: same DATA_DIR as the manager, its own process. */
function appliance(dataDir: string, ...argv: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [CLI, ...argv], {
    env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

describe('the recovery CLI reads the data directory of the running manager', () => {
  const server = new ServerProcess(tempDataDir('cli'));
  after(() => server.dispose());

  it('prints the setup token, signals the manager through its pid file, and says when it is gone', async () => {
    await server.start();
    assert.deepEqual(appliance(server.dataDir, 'setup-token'), { code: 0, out: server.setupTokenFromLog() });

    const pidFile = join(server.dataDir, 'manager.pid');
    assert.ok(existsSync(pidFile), 'the manager writes its pid file');
    assert.deepEqual(appliance(server.dataDir, 'reconcile'), {
      code: 0,
      out: 'Reconciliation requested; follow it in the manager log.',
    });
    // SIGHUP would end a process without a handler: the manager took it and still answers.
    await request(server.url).get('/api/setup/status').expect(200);

    assert.equal(await server.stop(), 0);
    assert.equal(existsSync(pidFile), false, 'a graceful stop removes the pid file');
    const gone = appliance(server.dataDir, 'reconcile');
    assert.equal(gone.code, 1);
    assert.match(gone.out, /The manager is not running/);
  });

  it('says setup is completed when there is no token any more', () => {
    const empty = tempDataDir('cli-empty');
    const run = appliance(empty, 'setup-token');
    assert.equal(run.code, 1);
    assert.match(run.out, /Setup is already completed/);
  });
});
