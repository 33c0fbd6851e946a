import { Readable, type Duplex, type Writable } from 'node:stream';
import type { RenderedFile } from '../catalog/catalog.types';
import type { ExecOptions, LogLine, PullProgress } from './engine.types';

/**
 * Pure helpers for the engine's wire formats, kept apart from engine.repository.ts so they are unit
 * tested without an engine: the multiplexed stdout/stderr stream, pull progress, and a small tar writer.
 */

export type StreamKind = 'stdout' | 'stderr';

/**
 * Incremental parser of the engine's multiplexed stream (non-TTY logs and exec): frames of an 8-byte
 * header (stream type, 3 zero bytes, big-endian length) followed by the payload. Chunks may split
 * frames anywhere.
 */
export class FrameDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Array<{ stream: StreamKind; payload: Buffer }> {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Array<{ stream: StreamKind; payload: Buffer }> = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      // 0 is stdin (never sent back), 1 stdout, 2 stderr.
      const stream: StreamKind = this.pending[0] === 2 ? 'stderr' : 'stdout';
      frames.push({ stream, payload: this.pending.subarray(8, 8 + size) });
      this.pending = this.pending.subarray(8 + size);
    }
    return frames;
  }
}

/** Splits demultiplexed output into lines per stream, holding partial lines until completed or flushed. */
export class LineSplitter {
  private readonly partial: Record<StreamKind, string> = { stdout: '', stderr: '' };

  push(stream: StreamKind, payload: Buffer): LogLine[] {
    const text = this.partial[stream] + payload.toString('utf8');
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    return parts.map((line) => ({ stream, text: line.replace(/\r$/, '') }));
  }

  flush(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') lines.push({ stream, text: this.partial[stream] });
      this.partial[stream] = '';
    }
    return lines;
  }
}

/** One message of the engine's pull JSON stream. */
export interface PullMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Newline-delimited JSON values of a byte stream (pull progress, events), parsed as they complete. */
export async function* jsonLines(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<unknown> {
  let buffered = '';
  for await (const chunk of stream) {
    const lines = (buffered + chunk.toString()).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as unknown;
  }
  if (buffered.trim()) yield JSON.parse(buffered) as unknown;
}

/** Aggregates per-layer progress into one percentage (download counts for most of a pull). */
export class PullProgressTracker {
  private readonly layers = new Map<string, { current: number; total: number; done: boolean }>();

  update(message: PullMessage): PullProgress {
    const id = message.id;
    const status = message.status ?? '';
    if (id && /^[0-9a-f]{12,}$/.test(id)) {
      const layer = this.layers.get(id) ?? { current: 0, total: 0, done: false };
      const detail = message.progressDetail;
      if (status === 'Downloading' && detail?.total) {
        layer.total = detail.total;
        layer.current = detail.current ?? layer.current;
      }
      if (['Download complete', 'Pull complete', 'Already exists'].includes(status)) {
        layer.done = true;
        layer.current = layer.total;
      }
      this.layers.set(id, layer);
    }
    return { percent: this.percent(), detail: id ? `${status} ${id}`.trim() : status };
  }

  percent(): number {
    const layers = [...this.layers.values()];
    if (layers.length === 0) return 0;
    if (layers.every((l) => l.done)) return 100;
    const total = layers.reduce((sum, l) => sum + l.total, 0);
    if (total === 0) return Math.floor((100 * layers.filter((l) => l.done).length) / layers.length);
    const current = layers.reduce((sum, l) => sum + (l.done ? l.total : l.current), 0);
    return Math.min(99, Math.floor((100 * current) / total));
  }
}

function header(name: string, size: number, mode: number, uid: number, gid: number, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(512, 0);
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  if (Buffer.byteLength(name) > 100) throw new RangeError(`path too long for tar: ${name}`);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode & 0o7777, 8), 100, 8, 'ascii');
  block.write(octal(uid, 8), 108, 8, 'ascii');
  block.write(octal(gid, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(0, 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii');
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\0' + '00', 257, 8, 'ascii');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(octal(checksum, 7) + ' ', 148, 8, 'ascii');
  return block;
}

/** A ustar archive of rendered files and directories, for the engine's archive upload at `/`. */
export function tarArchive(entries: readonly RenderedFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (!entry.path.startsWith('/') || entry.path.split('/').includes('..')) {
      throw new RangeError(`rendered path must be absolute and normalized: ${entry.path}`);
    }
    const name = entry.path.replace(/^\/+/, '');
    if (entry.type === 'directory') {
      blocks.push(header(`${name.replace(/\/+$/, '')}/`, 0, entry.mode, entry.uid, entry.gid, '5'));
      continue;
    }
    const content = Buffer.from(entry.content, 'utf8');
    blocks.push(header(name, content.length, entry.mode, entry.uid, entry.gid, '0'), content);
    const padding = (512 - (content.length % 512)) % 512;
    if (padding) blocks.push(Buffer.alloc(padding, 0));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

/**
 * Feeds stdin to a hijacked exec stream (then half-closes it so the command sees EOF) and writes its
 * demultiplexed output to the caller's streams, pausing while they apply backpressure: a pg_dump
 * piped into restic must not pile up in memory on a small machine. Resolves when the engine closes.
 */
export function pumpExec(stream: Duplex, options: Pick<ExecOptions, 'stdin' | 'stdout' | 'stderr'>): Promise<void> {
  const demux = new FrameDemuxer();
  return new Promise<void>((resolve, reject) => {
    const write = (target: Writable | undefined, payload: Buffer): void => {
      if (target && !target.write(payload)) {
        stream.pause();
        target.once('drain', () => stream.resume());
      }
    };
    stream.on('data', (chunk: Buffer) => {
      for (const frame of demux.push(chunk))
        write(frame.stream === 'stderr' ? options.stderr : options.stdout, frame.payload);
    });
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', reject);
    const input = options.stdin;
    if (input instanceof Readable) input.pipe(stream);
    else if (input !== undefined) stream.end(input);
  });
}
