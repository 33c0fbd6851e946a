import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataDirRepository } from '../platform/data-dir.repository';
import { FederationLinkRepository } from './federation-link.repository';
import { FederationService } from './federation.service';
import { backoffDelay } from './link-backoff';

/** Answers that no retry will change: the file is set aside rather than tried forever. */
const FINAL = new Set([
  'federation.codeUnreadable',
  'federation.codeRefused',
  'federation.fingerprintMismatch',
  'federation.alreadyEnrolled',
  'federation.revoked',
]);

/**
 * Pre-provisioned enrollment: a co-op that ships a device puts the host's code in the data volume
 * (`enrollment-code`). On boot the appliance joins with it, the link awaiting an admin's confirmation
 * (nothing is sent to the host before that). A host that does not answer is tried again with backoff;
 * boot never waits for it.
 */
@Injectable()
export class ProvisionedEnrollmentService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Federation');
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: DataDirRepository,
    private readonly links: FederationLinkRepository,
    private readonly federation: FederationService,
  ) {}

  onApplicationBootstrap(): void {
    void this.attempt();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async attempt(): Promise<void> {
    const path = this.files.enrollmentCodeFile;
    const code = this.files.readText(path)?.trim();
    if (!code) return;
    try {
      if (!(await this.links.get())) {
        const status = await this.federation.enroll(code, false);
        this.logger.log(
          `joined ${status.upstream?.name ?? 'the host'} from the enrollment file; an admin must confirm`,
        );
      }
      this.files.remove(path);
    } catch (error) {
      const key = error instanceof ApiException ? errorKey(error) : undefined;
      if (key && FINAL.has(key)) {
        this.files.writeAtomic(`${path}.refused`, `${code}\n# ${key}\n`);
        this.files.remove(path);
        this.logger.error(`the enrollment file was refused (${key}); it is kept as enrollment-code.refused`);
        return;
      }
      this.failures += 1;
      const delay = backoffDelay(this.failures, this.config.linkHeartbeatMs, randomInt(0, 1_000_000) / 1e6);
      this.logger.warn(`the enrollment file could not be used yet (${key ?? String(error)}); again in ${delay} ms`);
      this.timer = setTimeout(() => void this.attempt(), delay);
      this.timer.unref();
    }
  }
}

function errorKey(error: ApiException): string | undefined {
  const body = error.getResponse() as { errors?: { code?: string }[] };
  return body.errors?.[0]?.code;
}
