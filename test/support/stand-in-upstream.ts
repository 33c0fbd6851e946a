import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { keyFingerprint, publicKeyFromBase64, publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { checkRequest, LINK_HEADERS } from '../../server/src/fleet-link/link-signature';
import {
  LINK_PROTOCOL,
  type Command,
  type CommandAck,
  type EnrollRequest,
  type Heartbeat,
  type SignedCommand,
} from '../../server/src/fleet-link/link.types';
import { signCommand } from '../../server/src/fleet-link/signed-command';

/**
 * A STAND-IN for the upstream's device routes (fleet-link/link.types.ts), for the medium tier only:
 * node:http and fleet-link's own functions, verifying every signature and refusing replayed nonces as
 * the contract says. The real upstream (MODE=upstream, fleet/) is tested against the appliance in the
 * integration tier once both sides are merged.
 */
export class StandInUpstream {
  readonly keys = generateKeyPairSync('ed25519');
  readonly name = 'Coop Hébergement';
  readonly heartbeats: Heartbeat[] = [];
  readonly acks: Array<{ id: string; ack: CommandAck }> = [];
  readonly left: string[] = [];
  readonly enrollments: EnrollRequest[] = [];
  /** Refusals it answered (signature problems, replays), so a test can say none happened. */
  readonly refusals: string[] = [];
  /** Commands waiting for the appliance, until acked. */
  queue: SignedCommand[] = [];
  revoked = false;
  private readonly tokens = new Set<string>();
  private readonly nonces = new Set<string>();
  private readonly appliances = new Map<string, KeyObject>();
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get fingerprint(): string {
    return keyFingerprint(this.keys.publicKey);
  }

  /** A new single-use code (for another key's fingerprint when `fingerprint` is given). */
  code(fingerprint = this.fingerprint): string {
    const token = randomUUID().replace(/-/g, '');
    this.tokens.add(token);
    return encodeEnrollmentCode({ url: this.url, token, fingerprint });
  }

  /** A command signed by this upstream's key (or `by`), bound to `applianceId`, expiring in a minute. */
  command(applianceId: string, type: string, params: Record<string, string> = {}, patch: Partial<Command> = {}) {
    const now = Date.now();
    const command: Command = {
      id: randomUUID(),
      applianceId,
      type,
      params,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 60_000).toISOString(),
      ...patch,
    };
    return signCommand(this.keys.privateKey, command);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections until start() again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? '';
    const header = (name: string) => req.headers[name] as string | undefined;
    if (req.method === 'GET' && path === '/api/fleet/device/about') {
      return send(res, 200, {
        protocol: LINK_PROTOCOL,
        name: this.name,
        publicKey: publicKeyToBase64(this.keys.publicKey),
        fingerprint: this.fingerprint,
      });
    }
    const parts = {
      method: req.method ?? '',
      path,
      body,
      applianceId: header(LINK_HEADERS.appliance),
      timestamp: header(LINK_HEADERS.timestamp),
      nonce: header(LINK_HEADERS.nonce),
      signature: header(LINK_HEADERS.signature),
    };
    const refuse = (status: number, why: string) => {
      this.refusals.push(`${path}: ${why}`);
      send(res, status, { message: why });
    };
    if (req.method === 'POST' && path === '/api/fleet/device/enroll') {
      const request = JSON.parse(body.toString('utf8')) as EnrollRequest;
      const problem = checkRequest(publicKeyFromBase64(request.publicKey), parts, new Date());
      if (problem) return refuse(401, problem);
      if (!this.tokens.delete(request.token)) return send(res, 409, { message: 'code used, expired or revoked' });
      const applianceId = `app-${this.appliances.size + 1}`;
      this.appliances.set(applianceId, publicKeyFromBase64(request.publicKey));
      this.enrollments.push(request);
      return send(res, 200, {
        applianceId,
        upstream: {
          protocol: LINK_PROTOCOL,
          name: this.name,
          publicKey: publicKeyToBase64(this.keys.publicKey),
          fingerprint: this.fingerprint,
        },
      });
    }
    const key = parts.applianceId ? this.appliances.get(parts.applianceId) : undefined;
    if (!key) return refuse(401, 'unknown appliance');
    const problem = checkRequest(key, parts, new Date());
    if (problem) return refuse(401, problem);
    if (this.nonces.has(parts.nonce!)) return refuse(401, 'replayed nonce');
    this.nonces.add(parts.nonce!);
    if (this.revoked) return send(res, 403, { message: 'revoked' });
    if (req.method === 'POST' && path === '/api/fleet/device/heartbeat') {
      this.heartbeats.push(JSON.parse(body.toString('utf8')) as Heartbeat);
      return send(res, 200, { pendingCommands: this.queue.length, serverTime: new Date().toISOString() });
    }
    if (req.method === 'GET' && path === '/api/fleet/device/commands') return send(res, 200, this.queue);
    const ack = /^\/api\/fleet\/device\/commands\/([^/]+)\/ack$/.exec(path);
    if (req.method === 'POST' && ack) {
      const id = decodeURIComponent(ack[1]);
      this.acks.push({ id, ack: JSON.parse(body.toString('utf8')) as CommandAck });
      this.queue = this.queue.filter((c) => c.command.id !== id);
      return send(res, 204);
    }
    if (req.method === 'POST' && path === '/api/fleet/device/leave') {
      this.left.push(parts.applianceId!);
      return send(res, 204);
    }
    send(res, 404, { message: 'no such route' });
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
