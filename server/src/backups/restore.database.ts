import { PassThrough, Writable } from 'node:stream';

/**
 * pg_restore of a custom-format dump read from stdin, into the database just created again with its
 * owner: objects are created as that owner (`--role`), grants stay those the manager sets, and the
 * whole load is one transaction, so a broken dump leaves an empty database rather than half of one.
 */
export function pgRestoreCommand(database: string, role: string): string[] {
  return [
    'pg_restore',
    '--username',
    'postgres',
    '--dbname',
    database,
    '--no-owner',
    '--role',
    role,
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
  ];
}

/** Keeps the last `limit` bytes written (a tool's stderr, for the technical detail). */
export class TailBuffer extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit = 4096) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1)
      this.size -= this.chunks.shift()!.length;
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8').slice(-this.limit).trim();
  }
}

export class DatabaseLoadError extends Error {
  constructor(
    readonly exitCode: number,
    detail: string,
  ) {
    super(`pg_restore exited with code ${exitCode}${detail ? `: ${detail}` : ''}`);
    this.name = 'DatabaseLoadError';
  }
}

/**
 * Streams a dump from `produce` (restic dump, writing into the given stream) into `consume` (pg_restore
 * through `docker exec`, reading it as stdin), never holding it in memory: the pipe carries backpressure
 * both ways. When the consumer stops early, the producer is aborted instead of blocking on a full pipe;
 * when the producer fails, the consumer gets end of input and its failure is not the one reported.
 */
export async function streamDump(
  produce: (output: Writable, signal: AbortSignal) => Promise<void>,
  consume: (input: PassThrough) => Promise<number>,
  stderr: TailBuffer,
): Promise<void> {
  const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
  const abort = new AbortController();
  const producer: { error?: Error } = {};
  const producing = produce(pipe, abort.signal).then(
    () => {
      if (!pipe.writableEnded) pipe.end();
    },
    (err: unknown) => {
      producer.error = err instanceof Error ? err : new Error(`the dump could not be read: ${String(err)}`);
      if (!pipe.writableEnded) pipe.end();
    },
  );
  /** The producer's own failure (it failed first), not the abort that followed the consumer's. */
  let producerFailedFirst = false;
  const stopProducer = async () => {
    producerFailedFirst = producer.error !== undefined;
    abort.abort();
    // Whatever restic still writes goes nowhere: the pipe must not hold it back.
    pipe.resume();
    await producing;
  };
  let code: number;
  try {
    code = await consume(pipe);
  } catch (err) {
    await stopProducer();
    throw err;
  }
  if (code !== 0) {
    await stopProducer();
    if (producerFailedFirst && producer.error) throw producer.error;
    throw new DatabaseLoadError(code, stderr.text());
  }
  await producing;
  if (producer.error) throw producer.error;
}
