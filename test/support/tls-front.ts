import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The front proxy of a TLS-off deployment (another proxy that terminates HTTPS in front of the
 * appliance's Caddy): HTTPS on loopback with a throwaway self-signed certificate for `domain` and its
 * subdomains, every request passed on to Caddy's published HTTP port with the original Host and
 * `X-Forwarded-Proto: https`. Plain HTTP is sent to HTTPS (308), as fronts usually do. Chromium
 * reaches it through `hostResolverRules()`, for both schemes.
 */
export class TlsFront {
  private server: Server | undefined;
  private redirect: HttpServer | undefined;
  /** The HTTPS port, and the plain HTTP one that only redirects to HTTPS. */
  port = 0;
  httpPort = 0;
  /** What went wrong passing requests on (shown by the tests when a page does not load). */
  readonly errors: string[] = [];

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
        upstream.on('error', (error) => {
          this.errors.push(`${req.method} ${req.headers.host}${req.url}: ${error.message}`);
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        req.pipe(upstream);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const tls = this.server;
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    this.port = (tls.address() as AddressInfo).port;
    const redirect = createHttpServer((req, res) => {
      res.writeHead(308, { location: `https://${req.headers.host ?? this.domain}${req.url ?? '/'}` });
      res.end();
    });
    this.redirect = redirect;
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    this.httpPort = (redirect.address() as AddressInfo).port;
  }

  /** Chromium's switch sending `domain` and its subdomains to this front: port 80 to HTTP, any other to HTTPS. */
  hostResolverRules(): string {
    const hosts = [this.domain, `*.${this.domain}`];
    const rules = [
      ...hosts.map((h) => `MAP ${h}:80 127.0.0.1:${this.httpPort}`),
      ...hosts.map((h) => `MAP ${h} 127.0.0.1:${this.port}`),
    ];
    return `--host-resolver-rules=${rules.join(',')}`;
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.redirect]) {
      if (!server?.listening) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
