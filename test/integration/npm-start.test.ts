import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually } from '../support/eventually';
import { removeTempDir } from '../support/leftovers';
import { freePort, REPO_ROOT, tempDataDir } from '../support/server-process';

/** The README's first command, as a volunteer runs it: provisions, builds, serves the wizard. */
describe('npm start', () => {
  let child: ReturnType<typeof spawn> | undefined;
  const dataDir = tempDataDir('npm-start');

  after(async () => {
    // npm starts the server as its child: end the whole process group (the redis-server too), and
    // wait for npm itself to be gone before the data directory goes.
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    // The manager removes its pid file last, once its redis-server is stopped.
    await eventually(() => !existsSync(join(dataDir, 'manager.pid')), 'the manager has shut down', {
      timeoutMs: 20_000,
    });
    removeTempDir(dataDir);
  });

  it('builds and serves the wizard, printing the setup token and the URL', async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const npm = child;
    await eventually(
      () => {
        assert.ok(npm.exitCode === null, `npm start exited with ${npm.exitCode}:\n${log}`);
        return /Listening on/.test(log);
      },
      () => `npm start serves:\n${log}`,
      { timeoutMs: 300_000, intervalMs: 250 },
    );
    assert.match(log, new RegExp(`Setup wizard: http://localhost:${port}/ {2}setup token: \\S+`));
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="app"/);
    const status = await fetch(`http://127.0.0.1:${port}/api/setup/status`);
    assert.deepEqual(await status.json(), { completed: false });
  });
});
