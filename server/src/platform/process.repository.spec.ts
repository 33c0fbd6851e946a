import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { ProcessRepository } from './process.repository';

describe('ProcessRepository', () => {
  const processes = new ProcessRepository();

  it('spawns with an argument array (no shell), sees and signals the child', async () => {
    const child = processes.spawn(
      process.execPath,
      ['-e', 'process.stdout.write("ready $HOME"); setInterval(() => {}, 1000)'],
      ['ignore', 'pipe', 'ignore'],
    );
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    assert.equal(chunk.toString(), 'ready $HOME'); // not expanded: no shell in between
    const pid = child.pid!;
    assert.equal(processes.isAlive(pid), true);
    assert.match(processes.commandLine(pid), /setInterval/);
    const exited = once(child, 'exit');
    processes.signal(pid, 'SIGTERM');
    const [, signal] = (await exited) as [number | null, string | null];
    assert.equal(signal, 'SIGTERM');
    assert.equal(processes.isAlive(pid), false);
    assert.equal(processes.commandLine(pid), '');
    assert.throws(() => processes.signal(pid, 'SIGHUP'));
  });

  it('reports a missing program as an ENOENT error event', async () => {
    const child = processes.spawn('tl-no-such-program', [], ['ignore', 'ignore', 'ignore']);
    const [err] = (await once(child, 'error')) as [NodeJS.ErrnoException];
    assert.equal(err.code, 'ENOENT');
  });
});
