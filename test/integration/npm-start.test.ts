import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { freePort, REPO_ROOT, tempDataDir } from '../support/server-process';

/** The README's first command, as a volunteer runs it: provisions, builds, serves the wizard. */
describe('npm start', () => {
  let child: ReturnType<typeof spawn> | undefined;

  after(() => {
    // npm starts the server as its child: end the whole process group.
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  });

  it('builds and serves the wizard, printing the setup token and the URL', async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: tempDataDir('npm-start'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 300_000;
    while (!/Listening on/.test(log)) {
      assert.ok(child.exitCode === null, `npm start exited with ${child.exitCode}:\n${log}`);
      assert.ok(Date.now() < deadline, `npm start did not serve within 5 minutes:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(log, new RegExp(`Setup wizard: http://localhost:${port}/ {2}setup token: \\S+`));
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="app"/);
    const status = await fetch(`http://127.0.0.1:${port}/api/setup/status`);
    assert.deepEqual(await status.json(), { completed: false });
  });
});
