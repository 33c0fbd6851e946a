import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The front proxy of a TLS-off deployment (another proxy that terminates HTTPS in front of the
 * appliance's Caddy): HTTPS on loopback with a throwaway self-signed certificate for `domain` and its
 * subdomains, every request passed on to Caddy's published HTTP port with the original Host and
 * `X-Forwarded-Proto: https`. Chromium reaches it through `hostResolverRules()`.
 */
export class TlsFront {
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly domain: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'tl-front-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          `/CN=${this.domain}`,
          '-addext',
          `subjectAltName=DNS:${this.domain},DNS:*.${this.domain}`,
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'pipe' },
      );
      const key = readFileSync(join(dir, 'key.pem'));
      const cert = readFileSync(join(dir, 'cert.pem'));
      this.server = createServer({ key, cert }, (req, res) => {
        const upstream = httpRequest(
          {
            host: '127.0.0.1',
            port: this.targetPort,
            method: req.method,
            path: req.url,
            headers: {
              ...req.headers,
              'x-forwarded-proto': 'https',
              'x-forwarded-for': req.socket.remoteAddress ?? '',
            },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        req.pipe(upstream);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Chromium's switch sending `domain` and its subdomains (any port) to this front. */
  hostResolverRules(): string {
    return `--host-resolver-rules=MAP ${this.domain} 127.0.0.1:${this.port},MAP *.${this.domain} 127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
