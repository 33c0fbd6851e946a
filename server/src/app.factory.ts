import { INestApplication, LogLevel as NestLogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { allowedMethods, literalPathMethods } from './common/allowed-methods';
import { jsonBodies } from './common/body-limits';
import { ErrorFilter } from './common/error.filter';
import { ApiErrorDto, documentCommonErrors } from './common/openapi-errors';
import { securityHeaders } from './common/security-headers';
import { TrustedProxies } from './common/trusted-proxies';
import { webAssets } from './common/web-assets.http';
import { createValidationPipe } from './common/validation';
import { OidcHttp } from './oidc/oidc.http';
import { OffsiteHttp } from './fleet/offsite.http';
import { OFFSITE_MOUNT } from './fleet/offsite-credentials.service';
import { WebAssetsRepository } from './platform/web-assets.repository';
import { AppConfig, LOG_LEVELS, runsFeatures } from './config/app-config';
import { RedisServerRepository } from './queue/redis-server.repository';

export interface RunningApp {
  app: INestApplication;
  openapi: OpenAPIObject;
  /** Closes Nest (queues, database) and then the private redis-server, in that order. */
  close(): Promise<void>;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tiers-lieux appliance')
    .setDescription('Admin API of the appliance. Cookie session; writes need the x-csrf-token header.')
    .setVersion('0.1.0')
    .addCookieAuth('tl_session')
    .build();
  return documentCommonErrors(SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorDto] }));
}

function levelsUpTo(level: AppConfig['logLevel']): NestLogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

/** Serves the built web app at `/`, with index.html for any non-API path (client-side routes). */
export function serveWeb(app: NestExpressApplication, webDir: string | undefined): void {
  if (!webDir || !WebAssetsRepository.isBuilt(webDir)) {
    new Logger('Web').warn('The web app is not built (run `npm run build`); only the API is served.');
    return;
  }
  const dir = resolve(webDir);
  app.use(webAssets(dir, WebAssetsRepository.list(dir)));
}

export async function createApp(config: AppConfig): Promise<RunningApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: levelsUpTo(config.logLevel),
    bodyParser: false,
  });
  const trusted = app.get(TrustedProxies);
  // Forwarded headers are believed hop by hop, only from our own proxy and the operator's (TRUST_PROXY).
  app.set('trust proxy', (address: string) => trusted.trusts(address));
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(cookieParser());
  // The community's OpenID provider (appliance mode), ahead of the JSON body parser: it reads its own.
  if (runsFeatures(config.mode)) app.use('/oidc', app.get(OidcHttp).router());
  // An upstream's off-site backups (restic's REST protocol), ahead of the JSON body parser: it streams.
  if (config.mode === 'upstream') app.use(OFFSITE_MOUNT, app.get(OffsiteHttp).handler());
  // A documented path asked with a method it does not take gets its 405 before its body is read
  // (the check needs the OpenAPI document, built below once the routes exist).
  let methodCheck: RequestHandler = (_req, _res, next) => next();
  app.use((req: Request, res: Response, next: NextFunction) => methodCheck(req, res, next));
  app.use(jsonBodies());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  const openapi = buildOpenApi(app);
  app.useGlobalFilters(new ErrorFilter(allowedMethods(openapi)));
  methodCheck = literalPathMethods(openapi);
  app.use('/api/openapi.json', (req: Request, res: Response, next: NextFunction) =>
    req.method === 'GET' ? res.json(openapi) : next(),
  );
  serveWeb(app, config.webDir);
  await app.init();
  const redis = app.get(RedisServerRepository, { strict: false });
  return {
    app,
    openapi,
    close: async () => {
      await app.close();
      await redis?.stop();
    },
  };
}
