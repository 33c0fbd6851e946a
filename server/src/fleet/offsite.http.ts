import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OffsiteCredentialsService } from './offsite-credentials.service';
import { OffsiteStorageRepository, OverQuotaError } from './offsite-storage.repository';
import {
  accessOf,
  appendOnlyRefusal,
  basicCredentials,
  parseOffsitePath,
  parseRange,
  quotaRefusal,
  type OffsiteTarget,
} from './offsite.rules';

const V2 = 'application/vnd.x.restic.rest.v2';

/**
 * `/api/fleet/offsite/<appliance id>/…` on an upstream: restic's REST protocol, one append-only
 * repository per enrolled appliance, within a quota, behind the credential it got over the signed link
 * (offsite-credentials.service.ts). Mounted by app.factory.ts ahead of the JSON body parser: bodies are
 * streamed to disk. The repository is encrypted by restic on the appliance with its own password,
 * which never leaves it: this side stores ciphertext it cannot open.
 */
@Injectable()
export class OffsiteHttp {
  private readonly logger = new Logger('Offsite');

  constructor(
    private readonly credentials: OffsiteCredentialsService,
    private readonly storage: OffsiteStorageRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handler(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      this.handle(req, res).catch((error: unknown) => {
        if (res.headersSent) return res.destroy();
        this.logger.error(`off-site ${req.method} failed: ${String(error)}`);
        next(error);
      });
    };
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const target = parseOffsitePath(req.path);
    const access = target && accessOf(req.method, target);
    if (!target || !access) return text(res, 404, 'Not a path of restic’s REST protocol.');
    const given = basicCredentials(req.headers.authorization);
    const auth = given ? await this.credentials.check(target.applianceId, given.user, given.password) : null;
    if (auth !== 'ok') {
      if (auth === 'revoked') return text(res, 403, 'This appliance is no longer enrolled on this host.');
      res.setHeader('WWW-Authenticate', 'Basic realm="off-site backups"');
      return text(res, 401, 'Unknown or wrong off-site credential.');
    }
    if (target.kind === 'repository') {
      await this.storage.createRepository(target.applianceId);
      return text(res, 200, '');
    }
    if (target.kind === 'list') {
      const files = await this.storage.list(target.applianceId, target.type);
      const v2 = (req.headers.accept ?? '').includes(V2);
      // Exactly this content type (no charset added): restic reads the list's version from it.
      res.writeHead(200, { 'Content-Type': v2 ? V2 : 'application/vnd.x.restic.rest.v1' });
      res.end(JSON.stringify(v2 ? files : files.map((f) => f.name)));
      return;
    }
    const file = this.storage.pathOf(target);
    const size = await this.storage.size(file);
    if (access === 'read') return this.read(req, res, file, size);
    const refusal = appendOnlyRefusal(access, target, size !== null);
    if (refusal) return text(res, 403, refusal);
    if (access === 'delete') {
      await this.storage.remove(file);
      return text(res, 200, '');
    }
    return this.write(req, res, target, file);
  }

  private read(req: Request, res: Response, file: string, size: number | null): void {
    if (size === null) return text(res, 404, 'Not found.');
    const range = parseRange(req.headers.range, size);
    if (range === 'invalid') {
      res.setHeader('Content-Range', `bytes */${size}`);
      return text(res, 416, 'Range not satisfiable.');
    }
    res.status(range ? 206 : 200).type('application/octet-stream');
    res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
    if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    if (req.method === 'HEAD') return void res.end();
    const stream = this.storage.read(file, range ?? undefined);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /** Refused before a byte is stored when the declared length goes past the quota; bounded while it streams. */
  private async write(req: Request, res: Response, target: OffsiteTarget, file: string): Promise<void> {
    const quota = this.config.offsiteQuotaBytes;
    const used = await this.storage.usage(target.applianceId);
    const declared = Number(req.headers['content-length'] ?? 0) || 0;
    const over = quotaRefusal(used, declared, quota);
    if (over) return text(res, 413, over, true);
    const isLock = target.kind === 'blob' && target.type === 'locks';
    try {
      const stored = await this.storage.write(file, req, quota - used, isLock);
      if (!stored)
        return text(res, 403, 'This off-site repository is append-only: an existing file cannot be replaced.');
    } catch (error) {
      if (error instanceof OverQuotaError) return text(res, 413, quotaRefusal(used, quota, quota) ?? '', true);
      throw error;
    }
    text(res, 200, '');
  }
}

/** A plain-text answer: restic shows the body of a refusal as it is. */
function text(res: Response, status: number, body: string, close = false): void {
  // A refused upload's body is not read: the connection closes rather than drain it.
  if (close) res.setHeader('Connection', 'close');
  res.status(status).type('text/plain').send(body);
}
