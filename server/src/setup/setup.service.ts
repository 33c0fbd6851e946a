import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { hashPassword } from '../auth/password.hasher';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException, fieldErrors } from '../common/api-error';
import { Clock } from '../platform/clock';
import { sameSecret } from '../common/tokens';
import { UserEntity } from '../users/user.entity';
import { SettingsDto, SetupStatusDto } from './dto/setup-status.dto';
import { SetupDto } from './dto/setup.dto';
import { InstallationRepository } from './installation.repository';
import { SetupFeatures } from './setup-features';
import { SetupTokenRepository } from './setup-token.repository';
import { FEATURES, type Feature } from './setup.types';
import { storedRoomNames } from '../services/starting-rooms';

@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  /** Serialises completions: two browsers racing on a fresh box must not both win. */
  private pending: Promise<unknown> = Promise.resolve();
  /** Emits once setup has landed, so the features' services come up without waiting for the next periodic check. */
  readonly completed$ = new Subject<Feature[]>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly tokens: SetupTokenRepository,
    private readonly clock: Clock,
    private readonly features: SetupFeatures,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.installation.get()) {
      this.tokens.remove();
      return;
    }
    const token = this.tokens.createIfMissing();
    const host = ['0.0.0.0', '::'].includes(this.config.host) ? 'localhost' : this.config.host;
    if (token) {
      // The one place the token is ever written out: whoever reads this log may set the box up.
      this.logger.log(`Setup wizard: http://${host}:${this.config.port}/  setup token: ${token}`);
      this.logger.log(`The setup token is also stored in ${this.tokens.location}`);
      return;
    }
    // Printed once only, so that old log lines do not multiply copies of it.
    this.logger.log(
      `Setup wizard: http://${host}:${this.config.port}/  (the setup token was printed at first start; \`appliance setup-token\` or ${this.tokens.location} shows it)`,
    );
  }

  async status(): Promise<SetupStatusDto> {
    const installation = await this.installation.get();
    if (!installation) return { completed: false };
    return {
      completed: true,
      language: installation.language,
      mode: this.config.mode,
      community: { name: installation.communityName, color: installation.color, logo: installation.logo ?? undefined },
    };
  }

  async settings(): Promise<SettingsDto> {
    const installation = await this.installation.get();
    if (!installation) throw new ApiException(HttpStatus.CONFLICT, 'Setup has not been completed yet.');
    const enabled = new Set((await this.installation.features()).filter((f) => f.enabled).map((f) => f.id));
    return {
      applianceId: installation.applianceId,
      community: { name: installation.communityName, color: installation.color, logo: installation.logo ?? undefined },
      domain: installation.domain,
      language: installation.language,
      features: this.features.offered.map((id) => ({ id, enabled: enabled.has(id) })),
      startingRooms: [...storedRoomNames(installation.startingRooms)],
    };
  }

  complete(dto: SetupDto): Promise<UserEntity> {
    const run = this.pending.then(() => this.completeNow(dto));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async completeNow(dto: SetupDto): Promise<UserEntity> {
    if (await this.installation.get()) {
      throw new ApiException(HttpStatus.CONFLICT, 'Setup was already completed; log in instead.');
    }
    const expected = this.tokens.read();
    if (!dto.setupToken) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'The setup token is required: find it in the server log.');
    }
    if (!expected || !sameSecret(dto.setupToken, expected)) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'The setup token is not valid: copy it again from the server log.');
    }
    const refused = dto.features.filter((id) => !this.features.offered.includes(id));
    if (refused.length > 0) {
      throw fieldErrors([
        {
          field: 'features',
          code: 'notOffered',
          message:
            this.features.offered.length === 0
              ? `features must be empty: this manager runs in ${this.config.mode} mode, which installs no features`
              : `features may only list ${this.features.offered.join(', ')}`,
        },
      ]);
    }
    if (dto.admin.password.toLowerCase().includes(dto.admin.username)) {
      throw fieldErrors([
        { field: 'admin.password', code: 'containsUsername', message: 'admin.password must not contain the username' },
      ]);
    }
    const now = this.clock.now();
    const admin: UserEntity = {
      id: randomUUID(),
      username: dto.admin.username,
      email: dto.admin.email,
      passwordHash: await hashPassword(dto.admin.password),
      role: 'admin',
      status: 'active',
      displayName: null,
      createdAt: now,
    };
    await this.installation.complete(
      {
        id: 1,
        communityName: dto.community.name,
        color: dto.community.color.toLowerCase(),
        logo: dto.community.logo ?? null,
        domain: dto.domain,
        language: dto.language,
        // Short: it prefixes every container, volume and network name on the host.
        applianceId: randomBytes(4).toString('hex'),
        // Left out: the default list (what every community had before the wizard offered a choice).
        startingRooms: dto.rooms ? JSON.stringify(dto.rooms) : null,
        completedAt: now,
        firstStepsDismissedAt: null,
      },
      FEATURES.map((id) => ({ id, enabled: dto.features.includes(id), desiredRunning: true, updatedAt: now })),
      admin,
    );
    this.tokens.remove();
    this.features.prepare(dto.features, admin.username);
    this.completed$.next(dto.features);
    this.logger.log(`Setup completed for "${dto.community.name}" (${dto.domain}); first admin: ${admin.username}`);
    return admin;
  }
}
