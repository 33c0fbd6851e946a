import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { SecretsRepository } from '../secrets/secrets.repository';
import { ApplianceSetupPreflight, NoSetupPreflight, SetupPreflight } from './setup-preflight';
import { FEATURES, type Feature } from './setup.types';
import { HostRepository } from '../system/host.repository';

/**
 * The wizard's feature step, chosen by mode: an appliance offers the catalog's features and prepares
 * what they need; an upstream runs none (it has no Docker engine), so it offers nothing. This keeps the
 * core setup module free of anything that only makes sense next to the engine.
 */
export abstract class SetupFeatures {
  abstract readonly offered: readonly Feature[];
  /** Called once the installation is stored, with the features chosen (a subset of `offered`). */
  abstract prepare(features: readonly Feature[], adminUsername: string): void;
}

@Injectable()
export class ApplianceSetupFeatures extends SetupFeatures {
  readonly offered = FEATURES;

  constructor(private readonly secrets: SecretsRepository) {
    super();
  }

  prepare(features: readonly Feature[], adminUsername: string): void {
    // Only the wish: the Matrix admin gets its own random password, never the dashboard's.
    if (features.includes('chat')) this.secrets.saveMatrixAdmin({ username: adminUsername });
  }
}

export class NoSetupFeatures extends SetupFeatures {
  readonly offered: readonly Feature[] = [];

  prepare(): void {}
}

/** Provides SetupFeatures to the (static) SetupModule, wherever it is imported from. */
@Global()
@Module({})
export class SetupFeaturesModule {
  static appliance(): DynamicModule {
    return {
      module: SetupFeaturesModule,
      providers: [
        { provide: SetupFeatures, useClass: ApplianceSetupFeatures },
        { provide: SetupPreflight, useClass: ApplianceSetupPreflight },
        HostRepository,
      ],
      exports: [SetupFeatures, SetupPreflight],
    };
  }

  static none(): DynamicModule {
    return {
      module: SetupFeaturesModule,
      providers: [
        { provide: SetupFeatures, useClass: NoSetupFeatures },
        { provide: SetupPreflight, useClass: NoSetupPreflight },
      ],
      exports: [SetupFeatures, SetupPreflight],
    };
  }
}
