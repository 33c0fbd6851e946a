/**
 * The backup bench's data, generated from a seed so every run (and every machine) backs up the same
 * bytes: many small files as a service volume holds them (text that compresses, media that does not)
 * and one large database dump. Nothing here depends on the clock or the machine.
 */
import { closeSync, mkdirSync, openSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast and good enough to make bytes that neither compress nor deduplicate. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export interface BenchDataShape {
  seed: number;
  smallFiles: number;
  /** Small files are 1 KiB to this size (skewed towards small ones, as real volumes are). */
  smallMaxBytes: number;
  /** The share of small files that are incompressible (media), the rest is text. */
  mediaShare: number;
  dumpBytes: number;
}

export interface BenchData {
  files: number;
  bytes: number;
  dumpBytes: number;
}

/** ~200 MB: sized so that the whole backup bench stays within a few minutes on a small CI machine. */
export const DEFAULT_SHAPE: BenchDataShape = {
  seed: 20261130,
  smallFiles: 10_000,
  smallMaxBytes: 36 * 1024,
  mediaShare: 0.35,
  dumpBytes: 72 * 1024 * 1024,
};

/** A fixed date for every file, so that archive formats that record it stay identical too. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/** Words of 2 to 10 lowercase letters: text that compresses about as well as chat messages do. */
function vocabulary(next: () => number, size: number): Buffer[] {
  const words: Buffer[] = [];
  for (let i = 0; i < size; i++) {
    const length = 2 + (next() % 9);
    const word = Buffer.alloc(length + 1);
    for (let j = 0; j < length; j++) word[j] = 97 + (next() % 26);
    word[length] = next() % 12 === 0 ? 10 : 32; // some line breaks
    words.push(word);
  }
  return words;
}

/** Word ranks picked Zipf-like (frequent words far more often, as in real text), 16 random bits each. */
function zipfTable(words: number): Uint16Array {
  const table = new Uint16Array(65536);
  for (let i = 0; i < table.length; i++) table[i] = Math.floor((i / 65536) ** 3 * words);
  return table;
}

interface Text {
  words: Buffer[];
  ranks: Uint16Array;
}

function fillText(buf: Buffer, next: () => number, { words, ranks }: Text, from = 0, to = buf.length): void {
  let at = from;
  let bits = 0;
  let spare = false;
  while (at < to) {
    if (!spare) bits = next();
    const word = words[ranks[spare ? bits >>> 16 : bits & 0xffff]];
    spare = !spare;
    const end = Math.min(word.length, to - at);
    for (let i = 0; i < end; i++) buf[at + i] = word[i];
    at += end;
  }
}

function fillRandom(buf: Buffer, next: () => number): void {
  const whole = buf.length - (buf.length % 4);
  for (let at = 0; at < whole; at += 4) buf.writeUInt32LE(next(), at);
  for (let at = whole; at < buf.length; at++) buf[at] = next() & 0xff;
}

/** A `COPY ... FROM stdin` section as pg_dump writes it: ids, senders, timestamps and message text. */
function writeDump(path: string, bytes: number, next: () => number, words: Text): void {
  const fd = openSync(path, 'w');
  try {
    const header = Buffer.from(
      'COPY public.events (stream_ordering, sender, origin_server_ts, json) FROM stdin;\n',
      'utf8',
    );
    writeSync(fd, header);
    let written = header.length;
    let row = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    while (written < bytes) {
      let at = 0;
      while (at < chunk.length - 512 && written + at < bytes) {
        row += 1;
        at += chunk.write(
          `${row}\t@user${next() % 500}:example.org\t${1_760_000_000_000 + row * 1000 + (next() % 1000)}\t{"body":"`,
          at,
          'latin1',
        );
        const textEnd = at + 40 + (next() % 360);
        fillText(chunk, next, words, at, Math.min(textEnd, chunk.length - 8));
        for (let i = at; i < textEnd && i < chunk.length; i++) if (chunk[i] === 10) chunk[i] = 32;
        at = Math.min(textEnd, chunk.length - 8);
        at += chunk.write('"}\n', at, 'latin1');
      }
      const length = Math.min(at, bytes - written);
      writeSync(fd, chunk, 0, length);
      written += length;
    }
  } finally {
    closeSync(fd);
  }
  utimesSync(path, MTIME, MTIME);
}

/**
 * Writes the data under `dir` (which must exist and be empty): `files/<aa>/<bb>/<n>.txt|.bin` and
 * `db/dump.sql`. Returns what a reader will see, for throughput figures.
 */
export function generateBenchData(dir: string, shape: BenchDataShape = DEFAULT_SHAPE): BenchData {
  const next = seededRandom(shape.seed);
  const vocab = vocabulary(next, 4000);
  const words: Text = { words: vocab, ranks: zipfTable(vocab.length) };
  let bytes = 0;
  const scratch = Buffer.alloc(shape.smallMaxBytes);
  for (let n = 0; n < shape.smallFiles; n++) {
    const sub = join(dir, 'files', (n % 64).toString(16).padStart(2, '0'), ((n >> 6) % 16).toString(16));
    if (n < 64 * 16) mkdirSync(sub, { recursive: true });
    const size = 1024 + Math.floor((next() / 0x100000000) ** 2 * (shape.smallMaxBytes - 1024));
    const media = next() / 0x100000000 < shape.mediaShare;
    const buf = scratch.subarray(0, size);
    if (media) fillRandom(buf, next);
    else fillText(buf, next, words);
    const path = join(sub, `${n}.${media ? 'bin' : 'txt'}`);
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
    utimesSync(path, MTIME, MTIME);
    bytes += size;
  }
  mkdirSync(join(dir, 'db'));
  writeDump(join(dir, 'db', 'dump.sql'), shape.dumpBytes, next, words);
  return { files: shape.smallFiles + 1, bytes: bytes + shape.dumpBytes, dumpBytes: shape.dumpBytes };
}
