import Module from 'node:module';
import { dirname } from 'node:path';

/**
 * Puts a stand-in for the CommonJS file `file` (which must export a function) in the module cache,
 * so that whoever requires it gets a function that loads the real file on its first call. Does
 * nothing when the file is already loaded. Returns whether it deferred.
 */
export function deferFunctionModule(file: string): boolean {
  if (require.cache[file]) return false;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const load = () => {
    if (!real) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred load itself
      real = require(file) as (...args: unknown[]) => unknown;
    }
    return real;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]): unknown {
    return load().apply(this, args);
  };
  require.cache[file] = standIn;
  return true;
}

/** The files dockerode loads at start and the manager never calls (see below), resolved as dockerode does. */
export function unusedDockerodeParts(): string[] {
  const dockerode = dirname(require.resolve('dockerode'));
  const modem = dirname(require.resolve('docker-modem', { paths: [dockerode] }));
  return [require.resolve('./session', { paths: [dockerode] }), require.resolve('./ssh', { paths: [modem] })];
}

/*
 * dockerode loads its BuildKit session helper (gRPC and protobuf) and docker-modem its SSH transport
 * (ssh2, which also reserves 16 MiB of WASM memory for poly1305) as soon as they are required. The
 * manager builds no image through the engine and DOCKER_HOST accepts only unix:// and tcp://, so
 * neither is ever called: deferring them leaves 173 modules (1.7 MB of source) unloaded and saved about
 * 4 MiB of idle RSS (npm start, Node 20; 6.6 MiB with the V8 flags of scripts/start.sh). Imported by
 * engine.repository.ts before dockerode; should a later version call them, they load then.
 */
for (const file of unusedDockerodeParts()) deferFunctionModule(file);
