import 'reflect-metadata';
import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthModule } from '../../server/src/auth/auth.module';
import { loadConfig } from '../../server/src/config/app-config';
import { ConfigModule } from '../../server/src/config/config.module';
import { DatabaseModule } from '../../server/src/database/database.module';
import { FleetModule } from '../../server/src/fleet/fleet.module';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { signRequest } from '../../server/src/fleet-link/link-signature';
import { Clock } from '../../server/src/platform/clock';
import { ProcessRepository } from '../../server/src/platform/process.repository';
import { RedisModule } from '../../server/src/queue/queue.module';
import { RedisServerRepository } from '../../server/src/queue/redis-server.repository';
import { InstallationEntity } from '../../server/src/setup/installation.entity';
import { UsersModule } from '../../server/src/users/users.module';
import { removeTempDir, tempDir } from './leftovers';
import { insertAdmin, startHttpModule, TestClock, TestClockModule, type Session } from './medium-http';

/** The private redis-server is started through the platform's child processes. */
@Global()
@Module({ providers: [ProcessRepository], exports: [ProcessRepository] })
class ProcessesModule {}

@Module({})
class FleetHttpModule {
  static with(dataDir: string, publicUrl: string): DynamicModule {
    return {
      module: FleetHttpModule,
      imports: [
        ConfigModule.forRoot(
          loadConfig({ DATA_DIR: dataDir, TLS_MODE: 'off', MODE: 'upstream', PUBLIC_URL: publicUrl }),
        ),
        TestClockModule,
        DatabaseModule,
        AuthModule,
        UsersModule,
        FleetModule,
        // The device rate counters' Redis: a private redis-server, as the upstream starts it.
        ProcessesModule,
        RedisModule,
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
 * way app.factory.ts sets up the manager, without the queue (its private redis-server is there, for the
 * device rate counters). Device requests are signed with fleet-link/link-signature.ts, as the
 * appliance signs them.
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
    const app = await startHttpModule(FleetHttpModule.with(dataDir, publicUrl));
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
    const { cookie, csrf } = await insertAdmin(this.app, username, 'correct horse battery');
    return { cookie, csrf };
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
    await this.app.get(RedisServerRepository).stop();
    removeTempDir(this.dataDir);
  }
}
