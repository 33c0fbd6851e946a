import { Inject, Injectable } from '@nestjs/common';
import { servicesForFeatures } from '../catalog/catalog';
import type { Feature, RenderContext, ServiceId, TlsMode } from '../catalog/catalog.types';
import { readableAccent } from '../catalog/colour';
import { profileFor } from '../catalog/machine-profile';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { desiredContainers } from '../engine/desired-state';
import { EngineInfoRepository } from '../engine/engine-info.repository';
import type { DesiredContainer } from '../engine/engine.types';
import { InstallationRepository } from '../setup/installation.repository';
import { UserRepository } from '../users/user.repository';
import { ComponentRepository } from './component.repository';
import { SecretsRepository } from '../secrets/secrets.repository';
import { issuerFor, membersRenderInput } from '../oidc/oidc-clients';
import { type StartingRoom, startingRooms, storedRoomNames } from './starting-rooms';
import { PORTAL_LOGO_PATH } from '../portal/portal.rules';
import { MailSettingsRepository } from '../mail/mail-settings.repository';

const LAN_SUFFIXES = ['.local', '.lan', '.home', '.internal', '.test', '.localhost', '.example'];
export const MAX_UPLOAD_MB = 100;

/** Everything the reconciler needs, read in one go from the database, the secrets and the engine. */
export interface ApplianceSnapshot {
  ctx: RenderContext;
  features: Feature[];
  enabled: ServiceId[];
  stopped: ServiceId[];
  desired: DesiredContainer[];
  /** Disabled features whose data the admins asked to delete, not yet deleted. */
  deleting: Feature[];
  /** Enabled features with a restart asked for and not yet carried out. */
  restarting: Array<{ feature: Feature; requestedAt: Date }>;
  /** The chat's starting rooms (chosen in the wizard), which members join and the chat admin makes. */
  rooms: StartingRoom[];
}

export function tlsModeFor(setting: AppConfig['proxy']['tls'], domain: string): TlsMode {
  if (setting !== 'auto') return setting;
  return LAN_SUFFIXES.some((suffix) => domain.endsWith(suffix)) ? 'internal' : 'acme';
}

@Injectable()
export class ApplianceContextService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly users: UserRepository,
    private readonly components: ComponentRepository,
    private readonly secrets: SecretsRepository,
    private readonly engine: EngineInfoRepository,
    private readonly mail: MailSettingsRepository,
  ) {}

  /** Null until setup is complete: before that there is nothing to run. */
  async load(): Promise<ApplianceSnapshot | null> {
    const installation = await this.installation.get();
    if (!installation) return null;
    const featureRows = await this.installation.features();
    const features = featureRows.filter((f) => f.enabled).map((f) => f.id);
    const stoppedFeatures = featureRows.filter((f) => f.enabled && !f.desiredRunning).map((f) => f.id);
    const enabled = servicesForFeatures(features);
    const running = new Set(servicesForFeatures(features.filter((f) => !stoppedFeatures.includes(f))));
    // Infrastructure stays up while any feature is enabled; only a stopped feature's own services stop.
    const stopped = enabled.filter((id) => !running.has(id));
    const [firstAdmin] = await this.users.listAdmins();
    const info = await this.engine.info();
    const tls = tlsModeFor(this.config.proxy.tls, installation.domain);
    // The enabled features sign members in through the community's provider (the manager, on /oidc);
    // no client secret is read (nor generated) while none is on.
    const scheme = tls === 'off' ? 'http' : 'https';
    const rooms = startingRooms(installation.domain, storedRoomNames(installation.startingRooms));
    const members =
      features.length > 0
        ? membersRenderInput({
            features,
            issuer: issuerFor(scheme, installation.domain),
            domain: installation.domain,
            secrets: this.secrets.oidcClientSecrets(),
            autoJoinRooms: rooms.map((room) => room.alias),
            // The same branding as the portal and the sign-in page: Element's theme and header logo.
            colour: readableAccent(installation.color),
            ...(installation.logo ? { logoUrl: `${scheme}://${installation.domain}${PORTAL_LOGO_PATH}` } : {}),
          })
        : undefined;
    const ctx: RenderContext = {
      settings: {
        applianceId: installation.applianceId,
        domain: installation.domain,
        communityName: installation.communityName,
        adminUsername: firstAdmin?.username ?? 'admin',
        tls,
        federation: { mode: 'open', allowedDomains: [] },
        maxUploadMb: MAX_UPLOAD_MB,
        // The dashboard's relay: chat and files send their own mail (resets, notifications) through it.
        smtp: await this.mail.forServices(installation.communityName),
        pad: { allowAnonymous: false, allowRegister: false },
      },
      secrets: this.secrets.ensure(),
      profile: profileFor({
        totalMemoryBytes: info.totalMemoryBytes,
        arch: info.arch,
        budgetBytes: this.config.memoryBudgetMb * 1024 * 1024,
      }),
      ...(members ? { members } : {}),
    };
    const desired = desiredContainers({
      ctx,
      enabled,
      stopped,
      overrides: this.config.imageOverrides,
      pinned: await this.components.pins(),
      hostPorts: { http: this.config.proxy.httpPort, https: this.config.proxy.httpsPort },
    });
    const deleting = featureRows.filter((f) => !f.enabled && f.deleteData).map((f) => f.id);
    const restarting = featureRows.flatMap((f) =>
      f.enabled && f.restartRequestedAt ? [{ feature: f.id, requestedAt: f.restartRequestedAt }] : [],
    );
    return { ctx, features, enabled, stopped, desired, deleting, restarting, rooms };
  }
}
