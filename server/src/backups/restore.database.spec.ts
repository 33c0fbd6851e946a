import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import type { Readable, Writable } from 'node:stream';
import { DatabaseLoadError, pgRestoreCommand, streamDump, TailBuffer } from './restore.database';

/** Writes `count` chunks of 64 KiB, honouring backpressure, until done or aborted. */
async function producer(output: Writable, signal: AbortSignal, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (signal.aborted) throw new Error('aborted');
    if (!output.write(Buffer.alloc(64 * 1024, i % 256))) await once(output, 'drain');
  }
  output.end();
}

async function drain(input: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of input) bytes += (chunk as Buffer).length;
  return bytes;
}

describe('streamDump: restic dump into pg_restore', () => {
  it('carries a dump larger than the pipe from one side to the other', async () => {
    let received = 0;
    await streamDump(
      (out, signal) => producer(out, signal, 200),
      async (input) => {
        received = await drain(input);
        return 0;
      },
      new TailBuffer(),
    );
    assert.equal(received, 200 * 64 * 1024);
  });

  it('a consumer that stops early fails with its exit code and stderr, and the producer is not left blocked', async () => {
    const stderr = new TailBuffer();
    await assert.rejects(
      streamDump(
        (out, signal) => producer(out, signal, 10_000),
        (input) => {
          input.once('data', () => undefined);
          stderr.write('pg_restore: error: could not execute query\n');
          input.pause();
          return Promise.resolve(1);
        },
        stderr,
      ),
      (err: unknown) =>
        err instanceof DatabaseLoadError && err.exitCode === 1 && /could not execute query/.test(err.message),
    );
  });

  it('a failed producer is the reported cause, and the consumer sees the end of its input', async () => {
    await assert.rejects(
      streamDump(
        (out) => {
          out.write(Buffer.from('PGDMP'));
          return Promise.reject(new Error('restic: snapshot not found'));
        },
        async (input) => {
          await drain(input);
          return 1;
        },
        new TailBuffer(),
      ),
      /snapshot not found/,
    );
  });

  it('a consumer that cannot start stops the producer too', async () => {
    await assert.rejects(
      streamDump(
        (out, signal) => producer(out, signal, 10_000),
        () => Promise.reject(new Error('no such container')),
        new TailBuffer(),
      ),
      /no such container/,
    );
  });
});

describe('pgRestoreCommand and TailBuffer', () => {
  it('loads as the owner role, in one transaction, stopping at the first error', () => {
    const cmd = pgRestoreCommand('synapse', 'synapse_user');
    assert.equal(cmd[0], 'pg_restore');
    for (const flag of ['--no-owner', '--exit-on-error', '--single-transaction', '--no-privileges'])
      assert.ok(cmd.includes(flag), flag);
    assert.equal(cmd[cmd.indexOf('--role') + 1], 'synapse_user');
    assert.equal(cmd[cmd.indexOf('--dbname') + 1], 'synapse');
  });

  it('keeps only the end of a long output', () => {
    const tail = new TailBuffer(16);
    for (let i = 0; i < 100; i++) tail.write(`line ${i}\n`);
    assert.ok(tail.text().endsWith('line 99'));
    assert.ok(tail.text().length <= 16);
  });
});
