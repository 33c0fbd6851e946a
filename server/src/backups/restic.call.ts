import { Writable, type Readable } from 'node:stream';
import { repositoryArgs, SCRATCH, type ResticAccess, type VolumeMountRef } from './restic.container';
import type { BackupTarget } from './restic.types';
import { LineSplitter } from '../engine/engine.streams';
const MAX_CAPTURE = 16 * 1024 * 1024;

/** One restic run: its arguments, the access it needs, the volumes, streams and signal. */
export interface Call {
  args: readonly string[];
  access?: ResticAccess;
  volumes?: ReadonlyArray<VolumeMountRef>;
  tmpfs?: readonly string[];
  stdin?: Readable;
  /** Raw output (dump); otherwise stdout is captured and read line by line. */
  stdout?: Writable;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  entrypoint?: readonly string[];
  /** Another repository than the target's (`-r`, inside restic's container) and its password file
   * (absolute, under the data directory): the export's repository (restic-export.repository.ts). */
  repository?: string;
  passwordFile?: string;
}

/** Keeps the text of a stream (bounded) and hands over each complete line. */
export class LineCapture extends Writable {
  text = '';
  private readonly lines = new LineSplitter();

  constructor(private readonly onLine?: (line: string) => void) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.text.length < MAX_CAPTURE) this.text += chunk.toString('utf8');
    for (const line of this.lines.push('stdout', chunk)) this.onLine?.(line.text);
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    for (const line of this.lines.flush()) this.onLine?.(line.text);
    done();
  }
}

/** A promise made once and shared, made anew after a failure (the image pulled, the mount found). */
export function memoized<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}

/** A call's command line: restic's global options and repository first, or a plain tool's arguments. */
export function commandOf(target: BackupTarget, call: Call): string[] {
  if (call.entrypoint !== undefined) return [...call.args];
  const repository = call.repository ? ['-r', call.repository] : repositoryArgs(target);
  return ['--json', '--cache-dir', `${SCRATCH}/cache`, ...repository, ...call.args];
}
