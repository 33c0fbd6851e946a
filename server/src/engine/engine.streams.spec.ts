import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { parseEngineEvent, watchEvents } from './engine.events';
import { FrameDemuxer, jsonLines, LineSplitter, PullProgressTracker, pumpExec, tarArchive } from './engine.streams';
import type { EngineEvent } from './engine.types';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('FrameDemuxer and LineSplitter', () => {
  it('reassembles frames split across chunks and splits lines per stream', () => {
    const wire = Buffer.concat([frame(1, 'hello\nwor'), frame(2, 'oops\n'), frame(1, 'ld\npartial')]);
    const demux = new FrameDemuxer();
    const lines = new LineSplitter();
    const out = [];
    for (let i = 0; i < wire.length; i += 3) {
      for (const f of demux.push(wire.subarray(i, i + 3))) out.push(...lines.push(f.stream, f.payload));
    }
    out.push(...lines.flush());
    assert.deepEqual(out, [
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'world' },
      { stream: 'stdout', text: 'partial' },
    ]);
  });
});

describe('PullProgressTracker', () => {
  it('aggregates layer bytes into one percentage and ends at 100', () => {
    const t = new PullProgressTracker();
    t.update({ status: 'Pulling from library/postgres', id: '15.19' });
    t.update({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
    t.update({ status: 'Pulling fs layer', id: 'bbbbbbbbbbbb' });
    assert.equal(
      t.update({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 50, total: 100 } }).percent,
      50,
    );
    assert.equal(
      t.update({ status: 'Downloading', id: 'bbbbbbbbbbbb', progressDetail: { current: 0, total: 300 } }).percent,
      12,
    );
    assert.equal(t.update({ status: 'Download complete', id: 'aaaaaaaaaaaa' }).percent, 25);
    t.update({ status: 'Pull complete', id: 'aaaaaaaaaaaa' });
    assert.equal(t.update({ status: 'Pull complete', id: 'bbbbbbbbbbbb' }).percent, 100);
  });
});

describe('jsonLines', () => {
  it('parses newline-delimited JSON split anywhere', async () => {
    const values = [];
    for await (const v of jsonLines([Buffer.from('{"a":1}\n{"b"'), ':2}\n', '{"c":3}'])) values.push(v);
    assert.deepEqual(values, [{ a: 1 }, { b: 2 }, { c: 3 }]);
  });
});

describe('tarArchive', () => {
  it('writes files and directories that tar extracts with their content and modes', () => {
    const archive = tarArchive([
      { type: 'directory', path: '/data', mode: 0o750, uid: 991, gid: 991 },
      {
        type: 'file',
        path: '/data/homeserver.yaml',
        content: 'server_name: "é.org"\n',
        mode: 0o600,
        uid: 991,
        gid: 991,
      },
      { type: 'file', path: '/app/config.json', content: '{}', mode: 0o644, uid: 0, gid: 0 },
    ]);
    assert.equal(archive.length % 512, 0);
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    writeFileSync(join(dir, 'a.tar'), archive);
    const listing = execFileSync('tar', ['-tvf', join(dir, 'a.tar')], { encoding: 'utf8' });
    assert.match(listing, /drwxr-x--- 991\/991 .* data\//);
    execFileSync('tar', ['-xf', 'a.tar', '--no-same-owner'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'data/homeserver.yaml'), 'utf8'), 'server_name: "é.org"\n');
    assert.equal(statSync(join(dir, 'data/homeserver.yaml')).mode & 0o777, 0o600);
  });

  it('refuses relative or escaping paths', () => {
    assert.throws(
      () => tarArchive([{ type: 'file', path: 'etc/x', content: '', mode: 0o644, uid: 0, gid: 0 }]),
      RangeError,
    );
    assert.throws(
      () => tarArchive([{ type: 'file', path: '/data/../etc/x', content: '', mode: 0o644, uid: 0, gid: 0 }]),
      RangeError,
    );
  });
});

describe('pumpExec', () => {
  it('sends stdin, half-closes, and routes demultiplexed output to the caller streams', async () => {
    const written: Buffer[] = [];
    const received: Buffer[] = [];
    const stderr: Buffer[] = [];
    // Stands for the hijacked connection: what is written is stdin, what is read is the engine's answer.
    const wire = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, done) => {
        written.push(chunk);
        done();
      },
      final(done) {
        // The engine answers after stdin's EOF, then closes the connection.
        this.push(frame(1, 'dump bytes'));
        this.push(frame(2, 'a warning'));
        this.push(null);
        done();
      },
    });
    await pumpExec(wire, {
      stdin: 'SELECT 1;',
      stdout: new Writable({ write: (c: Buffer, _e, done) => (received.push(c), done()) }),
      stderr: new Writable({ write: (c: Buffer, _e, done) => (stderr.push(c), done()) }),
    });
    assert.equal(Buffer.concat(written).toString(), 'SELECT 1;');
    assert.equal(Buffer.concat(received).toString(), 'dump bytes');
    assert.equal(Buffer.concat(stderr).toString(), 'a warning');
  });
});

describe('engine events', () => {
  it('maps start, die and health events with their labels', () => {
    const raw = (action: string, attrs: Record<string, string> = {}) =>
      JSON.stringify({
        Type: 'container',
        Action: action,
        Actor: {
          ID: 'c1',
          Attributes: {
            name: 'tl-tl1-synapse',
            'org.tiers-lieux.service': 'synapse',
            'org.tiers-lieux.appliance-id': 'tl1',
            ...attrs,
          },
        },
        time: 1_700_000_000,
      });
    assert.deepEqual(parseEngineEvent(raw('die', { exitCode: '137' })), {
      kind: 'die',
      containerId: 'c1',
      name: 'tl-tl1-synapse',
      serviceId: 'synapse',
      applianceId: 'tl1',
      health: undefined,
      exitCode: 137,
      time: new Date(1_700_000_000_000),
    });
    assert.equal(parseEngineEvent(raw('health_status: unhealthy'))?.health, 'unhealthy');
    assert.equal(parseEngineEvent(raw('start'))?.kind, 'start');
    assert.equal(parseEngineEvent(raw('exec_create: ls')), undefined);
    assert.equal(parseEngineEvent('not json'), undefined);
  });

  it('reconnects after the stream ends or fails, reporting each connection', async () => {
    const events: EngineEvent[] = [];
    const statuses: string[] = [];
    let opens = 0;
    const line = `${JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: {} }, time: 1 })}\n`;
    await new Promise<void>((resolve) => {
      const watcher = watchEvents(
        () => {
          opens += 1;
          if (opens === 2)
            return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
          if (opens === 4) {
            watcher.close();
            resolve();
          }
          return Promise.resolve([Buffer.from(line.slice(0, 10)), Buffer.from(line.slice(10))]);
        },
        { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
        { sleep: () => Promise.resolve() },
      );
    });
    assert.ok(opens >= 4);
    assert.deepEqual(statuses.slice(0, 4), ['connected', 'disconnected', 'disconnected', 'connected']);
    assert.ok(events.length >= 2 && events.every((e) => e.kind === 'start'));
  });
});
