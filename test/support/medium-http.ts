import 'reflect-metadata';
import { type DynamicModule, Global, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
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
import { MembersModule } from '../../server/src/members/members.module';
import { Clock } from '../../server/src/platform/clock';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { UserRepository } from '../../server/src/users/user.repository';
import { UsersModule } from '../../server/src/users/users.module';
import { tempDir } from './leftovers';

/** A clock the test moves forward (link expiry); the real one otherwise. */
export class TestClock extends Clock {
  offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * The platform's clock, replaced by the test's, and its data directory (the mail relay's password
 * file): the accounts need nothing else of it.
 */
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
export class TestClockModule {}

@Module({})
class AccountsHttpModule {
  static with(dataDir: string, options: AccountsHttpOptions): DynamicModule {
    return {
      module: AccountsHttpModule,
      imports: [
        ConfigModule.forRoot(loadConfig({ DATA_DIR: dataDir, TLS_MODE: 'off', ...options.env })),
        TestClockModule,
        DatabaseModule,
        AuthModule,
        UsersModule,
        MembersModule,
        ...(options.imports ?? []),
      ],
    };
  }
}

/** More modules over the accounts (the federation's routes, say), and environment variables. */
export interface AccountsHttpOptions {
  imports?: Array<Type | DynamicModule>;
  env?: Record<string, string>;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/**
 * `module` over HTTP, set up the way app.factory.ts sets up the manager (prefix, body limits,
 * validation, errors); forwarded addresses are believed from loopback so that a test can play several
 * clients.
 */
export async function startHttpModule(module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: false, bodyParser: false });
  app.set('trust proxy', 'loopback');
  app.use(jsonBodies());
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  const openapi = buildOpenApi(app);
  app.useGlobalFilters(new ErrorFilter(allowedMethods(openapi)));
  app.use(literalPathMethods(openapi));
  await app.init();
  return app;
}

/** An admin in `app`'s table and a session of theirs, as setup or an accepted invitation leaves them. */
export async function insertAdmin(
  app: INestApplication,
  username: string,
  password: string,
): Promise<Session & { id: string }> {
  const id = randomUUID();
  await app.get(UserRepository).insert({
    id,
    username,
    email: `${username}@example.org`,
    passwordHash: await hashPassword(password),
    role: 'admin',
    status: 'active',
    displayName: null,
    createdAt: new Date(),
  });
  const issued = await app.get(AuthService).createSession(id);
  return { id, cookie: `tl_session=${issued.token}; tl_csrf=${issued.csrfToken}`, csrf: issued.csrfToken };
}

/**
 * The accounts over HTTP (sessions, the guard, admins, members), on real SQLite, set up the way
 * app.factory.ts sets up the manager (prefix, body limits, validation, errors), without the queue or
 * the engine. Forwarded addresses are believed from loopback so that a test can play several clients.
 */
export class AccountsHttpApp {
  private constructor(
    readonly app: INestApplication,
    readonly dataDir: string,
  ) {}

  static async start(options: AccountsHttpOptions = {}): Promise<AccountsHttpApp> {
    const dataDir = tempDir('medium-accounts');
    return new AccountsHttpApp(await startHttpModule(AccountsHttpModule.with(dataDir, options)), dataDir);
  }

  get server(): Server {
    return this.app.getHttpServer() as Server;
  }

  get clock(): TestClock {
    return this.app.get<Clock, TestClock>(Clock);
  }

  /** An admin in the table and a session of theirs, as setup or an accepted invitation leaves them. */
  admin(username: string, password = 'correct horse battery'): Promise<Session & { id: string }> {
    return insertAdmin(this.app, username, password);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async dispose(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
