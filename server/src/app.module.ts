import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './database/database.module';
import { EngineModule } from './engine/engine.module';
import { JobsModule } from './jobs/jobs.module';
import { LocksModule } from './locks/locks.module';
import { QueueModule } from './queue/queue.module';
import { SecretsModule } from './secrets/secrets.module';
import { SelfUpdateModule } from './self-update/self-update.module';
import { ServicesModule } from './services/services.module';
import { SetupModule } from './setup/setup.module';
import { SystemModule } from './system/system.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        LocksModule,
        EngineModule,
        SecretsModule,
        JobsModule,
        AuthModule,
        SetupModule,
        UsersModule,
        ServicesModule,
        SystemModule,
        SelfUpdateModule,
      ],
    };
  }
}
