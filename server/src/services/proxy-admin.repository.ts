import { Injectable } from '@nestjs/common';
import { Writable } from 'node:stream';
import { CADDY_LOAD_COMMAND, CADDY_READ_CONFIG_COMMAND } from '../catalog/caddy.catalog';
import { EngineRepository } from '../engine/engine.repository';

export class ProxyAdminError extends Error {}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Last lines of a command's stderr, for an error message (Caddy logs JSON lines there). */
function tail(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
}

/**
 * Caddy's admin API, which listens on the proxy container's loopback only (see caddy.catalog.ts):
 * reached through the engine, so only the manager, which holds the Docker socket, can read or load.
 */
@Injectable()
export class ProxyAdminRepository {
  constructor(private readonly engine: EngineRepository) {}

  /** The live config as Caddy reports it (`GET /config/`), parsed; null when Caddy holds none. */
  async readConfig(containerId: string): Promise<unknown> {
    const stdout = collector();
    const stderr = collector();
    const code = await this.engine.exec(containerId, CADDY_READ_CONFIG_COMMAND, {
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    if (code !== 0) throw new ProxyAdminError(`reading the proxy config failed (exit ${code}): ${tail(stderr.text())}`);
    try {
      return JSON.parse(stdout.text()) as unknown;
    } catch {
      throw new ProxyAdminError(`the proxy answered a config that is not JSON: ${stdout.text().slice(0, 200)}`);
    }
  }

  /** `POST /load` of the given JSON, by the caddy binary inside the container. */
  async load(containerId: string, body: string): Promise<void> {
    const stderr = collector();
    const code = await this.engine.exec(containerId, CADDY_LOAD_COMMAND, { stdin: body, stderr: stderr.stream });
    if (code !== 0) throw new ProxyAdminError(`loading the proxy config failed (exit ${code}): ${tail(stderr.text())}`);
  }
}
