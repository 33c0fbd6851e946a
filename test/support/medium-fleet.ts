import 'reflect-metadata';
import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildOpenApi } from '../../server/src/app.factory';
import { AuthModule } from '../../server/src/auth/auth.module';
import { AuthService } from '../../server/src/auth/auth.service';
import { hashPassword } from '../../server/src/auth/password.hasher';
import { allowedMethods, literalPathMethods } from '../../server/src/common/allowed-methods';
import { jsonBodies } from '../../server/src/common/body-limits';
import { ErrorFilter } from '../../server/src/common/error.filter';
import { createValidationPipe } from '../../server/src/common/validation';
import { type AppConfig, loadConfig } from '../../server/src/config/app-config';
import { APP_CONFIG, ConfigModule } from '../../server/src/config/config.module';
import { DatabaseModule } from '../../server/src/database/database.module';
import { FleetModule } from '../../server/src/fleet/fleet.module';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { signRequest } from '../../server/src/fleet-link/link-signature';
import { Clock } from '../../server/src/platform/clock';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { InstallationEntity } from '../../server/src/setup/installation.entity';
import { UserRepository } from '../../server/src/users/user.repository';
import { UsersModule } from '../../server/src/users/users.module';
import { tempDir } from './leftovers';
import { TestClock, type Session } from './medium-http';

@Global()
@Module({
  providers: [
    { provide: Clock, useClass: TestClock },
    {
      provide: DataDirRepository,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new DataDirRepository(c.dataDir),
    },
  ],
  exports: [Clock, DataDirRepository],
})
class FleetTestPlatformModule {}

@Module({})
class FleetHttpModule {
  static with(dataDir: string, publicUrl: string): DynamicModule {
    return {
      module: FleetHttpModule,
      imports: [
        ConfigModule.forRoot(
          loadConfig({ DATA_DIR: dataDir, TLS_MODE: 'off', MODE: 'upstream', PUBLIC_URL: publicUrl }),
        ),
        FleetTestPlatformModule,
        DatabaseModule,
        AuthModule,
        UsersModule,
        FleetModule,
      ],
    };
  }
}

/** A key pair an appliance would make, and what it sends when enrolling. */
export interface DeviceKeys {
  privateKey: KeyObject;
  publicKey: string;
}

export function deviceKeys(): DeviceKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyToBase64(publicKey) };
}

export interface SignOptions {
  keys: DeviceKeys;
  applianceId?: string;
  /** Default: the server's (test) clock. */
  timestamp?: string;
  nonce?: string;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
  /** Plays another client (trust proxy: loopback). */
  from?: string;
}

/**
 * The upstream's fleet over HTTP (sessions, the guard, the device routes) on real SQLite, set up the
 * way app.factory.ts sets up the manager, without the queue. Device requests are signed with
 * fleet-link/link-signature.ts, as the appliance signs them.
 */
export class FleetHttpApp {
  private constructor(
    readonly app: INestApplication,
    readonly dataDir: string,
    readonly publicUrl: string,
  ) {}

  static async start(): Promise<FleetHttpApp> {
    const dataDir = tempDir('medium-fleet');
    const publicUrl = 'http://127.0.0.1:8099';
    const app = await NestFactory.create<NestExpressApplication>(FleetHttpModule.with(dataDir, publicUrl), {
      logger: false,
      bodyParser: false,
    });
    app.set('trust proxy', 'loopback');
    app.use(jsonBodies());
    app.use(cookieParser());
    app.setGlobalPrefix('api');
    app.useGlobalPipes(createValidationPipe());
    const openapi = buildOpenApi(app);
    app.useGlobalFilters(new ErrorFilter(allowedMethods(openapi)));
    app.use(literalPathMethods(openapi));
    await app.init();
    await app.get(DataSource).getRepository(InstallationEntity).insert({
      id: 1,
      communityName: 'Coop Hébergement',
      color: '#336699',
      logo: null,
      domain: 'hub.example.coop',
      language: 'fr',
      applianceId: 'tlm-hub',
      completedAt: new Date(),
    });
    return new FleetHttpApp(app, dataDir, publicUrl);
  }

  get server(): Server {
    return this.app.getHttpServer() as Server;
  }

  get clock(): TestClock {
    return this.app.get<Clock, TestClock>(Clock);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async admin(username: string): Promise<Session> {
    const id = randomUUID();
    await this.app.get(UserRepository).insert({
      id,
      username,
      email: `${username}@example.org`,
      passwordHash: await hashPassword('correct horse battery'),
      role: 'admin',
      status: 'active',
      displayName: null,
      createdAt: new Date(),
    });
    const issued = await this.app.get(AuthService).createSession(id);
    return { cookie: `tl_session=${issued.token}; tl_csrf=${issued.csrfToken}`, csrf: issued.csrfToken };
  }

  /** A device request signed as the appliance signs it (exact body bytes, timestamp, nonce). */
  signed(method: 'GET' | 'POST', path: string, body: unknown, options: SignOptions): request.Test {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = signRequest(options.keys.privateKey, {
      method,
      path,
      body: options.signedBody ?? text,
      timestamp: options.timestamp ?? this.clock.now().toISOString(),
      nonce: options.nonce ?? randomBytes(18).toString('base64url'),
      applianceId: options.applianceId,
    });
    const agent = request(this.server);
    const req = method === 'GET' ? agent.get(path) : agent.post(path);
    req.set(headers);
    if (options.from) req.set('X-Forwarded-For', options.from);
    if (method === 'POST') req.set('Content-Type', 'application/json').send(text);
    return req;
  }

  async dispose(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
