import 'reflect-metadata';
import { type DynamicModule, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { after, before } from 'node:test';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { FEATURES, type Feature } from '../../server/src/catalog/catalog.types';
import { loadConfig, type AppConfig } from '../../server/src/config/app-config';
import { ConfigModule } from '../../server/src/config/config.module';
import { PlatformModule } from '../../server/src/platform/platform.module';
import { TrustedProxies } from '../../server/src/common/trusted-proxies';
import { createDataSource } from '../../server/src/database/data-source';
import { EngineExecutor } from '../../server/src/engine/engine.executor';
import { EngineInfoRepository } from '../../server/src/engine/engine-info.repository';
import { EngineRepository } from '../../server/src/engine/engine.repository';
import { ImageRecordRepository } from '../../server/src/images/image-record.repository';
import { ImageTrustService } from '../../server/src/images/image-trust.service';
import type { JobProgress } from '../../server/src/jobs/job-progress';
import type { JobKind } from '../../server/src/jobs/job.types';
import { JobsService } from '../../server/src/jobs/jobs.service';
import { MailService } from '../../server/src/mail/mail.service';
import { MailSettingsRepository } from '../../server/src/mail/mail-settings.repository';
import { SmtpRepository } from '../../server/src/mail/smtp.repository';
import { LockService } from '../../server/src/locks/lock.service';
import { LocksModule } from '../../server/src/locks/locks.module';
import { SecretsRepository } from '../../server/src/secrets/secrets.repository';
import { ApplianceContextService } from '../../server/src/services/appliance-context.service';
import { ComponentRepository } from '../../server/src/services/component.repository';
import { FeatureSettingRepository } from '../../server/src/features/feature-setting.repository';
import { MatrixAdminService } from '../../server/src/services/matrix-admin.service';
import { MatrixRoomsService } from '../../server/src/services/matrix-rooms.service';
import { OperationsService } from '../../server/src/features/operations.service';
import { ProxyAdminRepository } from '../../server/src/services/proxy-admin.repository';
import { ProxyService } from '../../server/src/services/proxy.service';
import { ReconcilerService } from '../../server/src/services/reconciler.service';
import { ServiceHttpRepository } from '../../server/src/services/service-http.repository';
import { ServiceStepsService } from '../../server/src/services/service-steps.service';
import { InstallationRepository } from '../../server/src/setup/installation.repository';
import { completeInstallation } from '../../server/src/setup/installation.fixtures.spec';
import { SetupService } from '../../server/src/setup/setup.service';
import { HostRepository } from '../../server/src/system/host.repository';
import { ReconcileStats } from '../../server/src/system/reconcile-stats';
import { UserRepository } from '../../server/src/users/user.repository';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import type { ResticPort } from '../../server/src/backups/restic.types';
import { RestoreRunner } from '../../server/src/backups/restore.runner';
import { BackupTargetRepository } from '../../server/src/backups/backup-target.repository';
import { FakeEngine } from './fake-engine';
import { tempDir } from './leftovers';

export const MEDIUM_APPLIANCE = 'tlm';

@Module({})
class MediumModule {
  static with(
    config: AppConfig,
    dataSource: DataSource,
    engine: FakeEngine,
    restic: Partial<ResticPort>,
  ): DynamicModule {
    return {
      module: MediumModule,
      imports: [ConfigModule.forRoot(config), PlatformModule, LocksModule],
      providers: [
        { provide: DataSource, useValue: dataSource },
        // One fake stands for both engine repositories, as one client serves both for real.
        { provide: EngineRepository, useValue: engine },
        { provide: EngineInfoRepository, useValue: engine },
        // restic is the backups' outside system: the medium tier gives restores a stand-in of its port.
        { provide: ResticRepository, useValue: restic },
        RestoreRunner,
        BackupTargetRepository,
        // Queueing is the jobs tier's business: jobs here are run directly, as its processor would.
        { provide: JobsService, useValue: {} },
        { provide: SetupService, useValue: { completed$: new Subject<Feature[]>() } },
        ApplianceContextService,
        ComponentRepository,
        EngineExecutor,
        FeatureSettingRepository,
        HostRepository,
        ReconcileStats,
        ImageRecordRepository,
        ImageTrustService,
        InstallationRepository,
        // The relay's settings reach the services' configuration; a change re-applies chat and files.
        MailService,
        MailSettingsRepository,
        SmtpRepository,
        MatrixAdminService,
        MatrixRoomsService,
        OperationsService,
        ProxyAdminRepository,
        ProxyService,
        ReconcilerService,
        SecretsRepository,
        ServiceHttpRepository,
        ServiceStepsService,
        TrustedProxies,
        UserRepository,
      ],
    };
  }
}

/** One app for a whole describe block: started before its tests, disposed after them. */
export function appPerSuite(): { readonly app: MediumApp } {
  let app: MediumApp | undefined;
  before(async () => {
    app = await MediumApp.start();
  });
  after(() => app?.dispose());
  return {
    get app(): MediumApp {
      if (!app) throw new Error('the medium app is not started (use it inside a test)');
      return app;
    },
  };
}

/** The real services (operations, reconciler, repositories on SQLite) over a fake engine; no dockerd. */
export class MediumApp {
  readonly progress: JobProgress[] = [];

  private constructor(
    readonly dataDir: string,
    readonly engine: FakeEngine,
    private readonly context: INestApplicationContext,
    private readonly dataSource: DataSource,
  ) {}

  /** Boots on `dataDir` (a new temp dir when absent) and `engine` (kept across a manager restart). */
  static async start(
    options: { dataDir?: string; engine?: FakeEngine; env?: Record<string, string>; restic?: Partial<ResticPort> } = {},
  ): Promise<MediumApp> {
    const fresh = options.dataDir === undefined;
    const dataDir = options.dataDir ?? tempDir('medium');
    const engine = options.engine ?? new FakeEngine();
    const config = loadConfig({ DATA_DIR: dataDir, TLS_MODE: 'off', RECONCILE_INTERVAL: '86400', ...options.env });
    const dataSource = createDataSource(dataDir);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    if (fresh)
      await completeInstallation(dataSource, {
        applianceId: MEDIUM_APPLIANCE,
        now: new Date(),
        disabled: [...FEATURES],
      });
    const context = await NestFactory.createApplicationContext(
      MediumModule.with(config, dataSource, engine, options.restic ?? {}),
      {
        logger: false,
      },
    );
    // Tests drive every reconcile themselves: no boot, periodic or event-triggered run behind their back.
    context.get(ReconcilerService).onApplicationShutdown();
    return new MediumApp(dataDir, engine, context, dataSource);
  }

  get operations(): OperationsService {
    return this.context.get(OperationsService);
  }

  get restore(): RestoreRunner {
    return this.context.get(RestoreRunner);
  }

  get reconciler(): ReconcilerService {
    return this.context.get(ReconcilerService);
  }

  get features(): FeatureSettingRepository {
    return this.context.get(FeatureSettingRepository);
  }

  get locks(): LockService {
    return this.context.get(LockService);
  }

  get components(): ComponentRepository {
    return this.context.get(ComponentRepository);
  }

  /** Any provider of the app, for a test that looks at one more part. */
  service<T>(token: (abstract new (...args: never[]) => T) | symbol): T {
    return this.context.get<T>(token);
  }

  /** Runs a job the way the jobs processor does, recording its progress. */
  run(kind: JobKind, feature: Feature, options: Record<string, boolean> = {}, jobId: string = randomUUID()) {
    return this.operations.run({
      jobId,
      kind,
      target: feature,
      options,
      progress: (p) => this.progress.push(p),
    });
  }

  /** The engine calls recorded from now on. */
  mark(): () => string[] {
    const from = this.engine.calls.length;
    return () => this.engine.calls.slice(from);
  }

  /** Stops this manager; the data directory and the engine stay for the next one. */
  async stop(): Promise<void> {
    await this.context.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Stops and deletes the data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
