import { DynamicModule, Module } from '@nestjs/common';
import { MODE_MODULES } from './app.modules';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';

@Module({})
export class AppModule {
  /** The modules of config.mode (app.modules.ts says which and why). */
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), ...MODE_MODULES[config.mode]] };
  }
}
