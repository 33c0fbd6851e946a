import { Injectable, Logger } from '@nestjs/common';
import { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import { AuthService } from '../auth/auth.service';
import { readSessionCookie } from '../auth/session-cookie';
import { interactionPath } from './oidc-provider.factory';
import { OidcProviderService } from './oidc-provider.service';
import { signInPathFor } from './return-path';

type Handler = ReturnType<Provider['callback']>;

/**
 * `/oidc` on the express app: the provider's endpoints, and the interaction that signs a member in
 * with their manager session. Mounted by app.factory.ts ahead of the API and the web app.
 */
@Injectable()
export class OidcHttp {
  private readonly logger = new Logger('OIDC');
  private readonly callbacks = new WeakMap<Provider, Handler>();

  constructor(
    private readonly providers: OidcProviderService,
    private readonly auth: AuthService,
  ) {}

  router(): RequestHandler {
    const router = Router();
    router.get('/interaction/:uid', (req, res, next) => void this.interaction(req, res).catch(next));
    router.use((req, res, next) => void this.endpoint(req, res).catch(next));
    router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => this.failed(error, res, next));
    return router;
  }

  private async endpoint(req: Request, res: Response): Promise<void> {
    const provider = await this.providers.provider();
    if (!provider) return notFound(res);
    // Koa (inside oidc-provider) believes forwarded headers as told; express already decided which
    // proxies to trust (trusted-proxies.ts), so pass on its conclusion and nothing a client forged.
    req.headers['x-forwarded-proto'] = req.protocol;
    req.headers['x-forwarded-for'] = req.ip ?? '';
    delete req.headers['x-forwarded-host'];
    let callback = this.callbacks.get(provider);
    if (!callback) this.callbacks.set(provider, (callback = provider.callback()));
    callback(req, res);
  }

  /**
   * First-party clients need no consent: a browser with a valid manager session for an active
   * account finishes the interaction at once, with a grant for the scopes asked; any other goes to
   * the sign-in page, which comes back here afterwards.
   */
  private async interaction(req: Request, res: Response): Promise<void> {
    const provider = await this.providers.provider();
    if (!provider) return notFound(res);
    const details = await provider.interactionDetails(req, res);
    const token = readSessionCookie(req);
    const auth = token ? await this.auth.authenticate(token) : null;
    if (!auth) {
      res.redirect(303, signInPathFor(interactionPath(details.uid)));
      return;
    }
    const accountId = auth.user.id;
    const clientId = String(details.params.client_id ?? '');
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const grant = existing && existing.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
    if (typeof details.params.scope === 'string') grant.addOIDCScope(details.params.scope);
    const claims = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(claims)) grant.addOIDCClaims(claims as string[]);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  /** An interaction that expired or was never started: back to the sign-in page, which says so. */
  private failed(error: unknown, res: Response, next: NextFunction): void {
    if (res.headersSent) return next(error);
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'SessionNotFound') {
      res.redirect(303, '/?signin=expired#/login');
      return;
    }
    this.logger.error(`OpenID provider: ${String(error)}`);
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'The sign-in failed.' });
  }
}

function notFound(res: Response): void {
  res.status(404).json({
    statusCode: 404,
    error: 'Not Found',
    message: 'The community has no sign-in service until setup is complete.',
  });
}
