import type { DynamicModule, Type } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BackupsModule } from './backups/backups.module';
import type { Mode } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { EngineModule } from './engine/engine.module';
import { JobsModule } from './jobs/jobs.module';
import { LocksModule } from './locks/locks.module';
import { PlatformModule } from './platform/platform.module';
import { QueueModule } from './queue/queue.module';
import { SecretsModule } from './secrets/secrets.module';
import { SelfUpdateModule } from './self-update/self-update.module';
import { FeaturesModule } from './features/features.module';
import { ServicesModule } from './services/services.module';
import { SetupFeaturesModule } from './setup/setup-features';
import { SetupModule } from './setup/setup.module';
import { CoreHealthModule } from './system/core-health.module';
import { SystemModule } from './system/system.module';
import { DiagnosisModule } from './diagnosis/diagnosis.module';
import { UsersModule } from './users/users.module';
import { MembersModule } from './members/members.module';
import { OidcModule } from './oidc/oidc.module';
import { MailModule } from './mail/mail.module';
import { CommunityAccountsModule } from './members/community-accounts.module';
import { CommunityServiceAccounts } from './members/community-service-accounts';
import { PortalModule } from './portal/portal.module';
import { FirstStepsModule } from './first-steps/first-steps.module';
import { FleetModule } from './fleet/fleet.module';
import { FederationModule } from './federation/federation.module';
import { ApplianceLocalModule } from './federation/appliance-local.module';
import { ApplianceLocal } from './federation/appliance-local';

export type ModuleEntry = Type | DynamicModule;

/**
 * The one place that says which modules each mode loads (ConfigModule comes first in both, from
 * AppModule.forRoot). The core is what any manager needs (the platform: clock, data directory, processes) to be set up and administered: database,
 * queue, locks, jobs, sessions and admin accounts, the setup wizard. Everything that needs the Docker
 * engine (the engine, the community's features and their secrets, the engine's health, the
 * manager's self-update and its images) is the appliance's: an upstream runs on a machine without
 * a Docker socket, so none of it may be loaded there, not even indirectly (a core module must never
 * import one of these; test/integration/modes.test.ts boots the upstream without an engine).
 */
export const CORE_MODULES: readonly ModuleEntry[] = [
  PlatformModule,
  DatabaseModule,
  QueueModule,
  LocksModule,
  JobsModule,
  AuthModule,
  SetupModule,
  UsersModule,
];

export const MODE_MODULES: Readonly<Record<Mode, readonly ModuleEntry[]>> = {
  appliance: [
    ...CORE_MODULES,
    EngineModule,
    SecretsModule,
    SetupFeaturesModule.appliance(),
    ServicesModule,
    FeaturesModule,
    SystemModule,
    SelfUpdateModule,
    BackupsModule,
    // The diagnosis page and the wizard's DNS check (issue 14).
    DiagnosisModule,
    // The community's members (issue 11), who sign in to the services through the manager's OpenID
    // provider: an upstream has admins only.
    OidcModule,
    // Suspension and removal reach the provider's sessions and the member's Matrix account.
    MembersModule.withServiceAccounts(CommunityAccountsModule, CommunityServiceAccounts),
    // Outgoing mail (optional): invitations and password resets by mail.
    MailModule,
    // The member portal at the community's domain: branding and a tile per running feature.
    PortalModule,
    // The dashboard's first-run checklist (issue 14).
    FirstStepsModule,
    // The link to a mutualised host (issue 12): outbound only, signed, and nothing local depends on it.
    FederationModule.withLocal(ApplianceLocalModule, ApplianceLocal),
  ],
  // The core, an engine-free health, and the fleet (enrollment codes, the registry, signed commands).
  upstream: [...CORE_MODULES, SetupFeaturesModule.none(), CoreHealthModule, FleetModule],
};
