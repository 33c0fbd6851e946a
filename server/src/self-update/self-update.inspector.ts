import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineError } from '../engine/engine.errors';
import { EngineRepository } from '../engine/engine.repository';
import type { ContainerDetails, EngineCreateSpec, ImageDetails } from '../engine/engine.types';
import { HelperUnsupportedError, helperSpec } from './self-update.replica';
import {
  HELPER_JOB_LABEL,
  HELPER_ROLE,
  HELPER_ROLE_LABEL,
  VERSION_LABEL,
  helperArgv,
  helperName,
  type HelperArgs,
} from './self-update.types';
import { defaultChannel, isNotOlder } from './self-update.version';

export type Inspection =
  | { supported: false; reason: string }
  | {
      supported: true;
      self: ContainerDetails;
      currentImage: ImageDetails | undefined;
      channel: string;
      /** The channel's image when the engine has it. */
      target: ImageDetails | undefined;
    };

export const versionOf = (image: ImageDetails | undefined): string | null =>
  image?.config.Labels[VERSION_LABEL] || null;

/** The channel holds an image other than the running one, and not an older version. */
export function isAvailable(inspection: Inspection): boolean {
  if (!inspection.supported || !inspection.target) return false;
  const { target, self, currentImage } = inspection;
  return target.id !== self.imageId && isNotOlder(versionOf(target) ?? undefined, versionOf(currentImage) ?? undefined);
}

/** Finds this manager's container, its image and the update channel's, as the engine reports them. */
@Injectable()
export class SelfUpdateInspector {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: EngineRepository,
  ) {}

  async inspect(): Promise<Inspection> {
    // Outside the image (npm start, tests) there is no container to replace.
    if (!this.config.inContainer) return { supported: false, reason: 'not running in the appliance image' };
    try {
      // Docker names a container's host after its short id, which the engine resolves as an id prefix.
      const self = await this.engine.inspectContainer(hostname());
      if (!self) {
        return {
          supported: false,
          reason: `this manager's container cannot be found (its hostname ${hostname()} is not its id: was it started with --hostname?)`,
        };
      }
      const channel = this.config.selfUpdate.image ?? defaultChannel(self.imageRef);
      if (!channel) {
        return { supported: false, reason: 'the manager was started from an image id: set APPLIANCE_UPDATE_IMAGE' };
      }
      this.helperSpec(self, { container: self.id, target: channel, targetId: '', timeoutSec: 10, jobId: '' });
      const [currentImage, target] = await Promise.all([
        this.engine.inspectImage(self.imageId),
        this.engine.inspectImage(channel),
      ]);
      return { supported: true, self, currentImage, channel, target };
    } catch (err) {
      if (err instanceof HelperUnsupportedError) return { supported: false, reason: err.message };
      if (err instanceof EngineError) return { supported: false, reason: `the Docker engine: ${err.message}` };
      throw err;
    }
  }

  /** The helper's container for this manager; throws HelperUnsupportedError when a mount is missing. */
  helperSpec(self: ContainerDetails, args: HelperArgs): EngineCreateSpec {
    const docker = this.config.docker;
    return helperSpec(helperName(self.name), {
      manager: self,
      dataDir: this.config.dataDir,
      socketPath: 'socketPath' in docker ? docker.socketPath : undefined,
      dockerHost: 'host' in docker ? `tcp://${docker.host}:${docker.port}` : undefined,
      argv: helperArgv(args),
      labels: { [HELPER_ROLE_LABEL]: HELPER_ROLE, [HELPER_JOB_LABEL]: args.jobId },
    });
  }

  /** Whether a helper of this manager exists (running, or not yet removed by the engine). */
  async helperExists(self: ContainerDetails): Promise<boolean> {
    const helper = await this.engine.inspectContainer(helperName(self.name));
    return helper?.config.Labels[HELPER_ROLE_LABEL] === HELPER_ROLE;
  }
}
