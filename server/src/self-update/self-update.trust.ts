import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock';
import type { ImageDetails } from '../engine/engine.types';
import { ImageRecordRepository } from '../images/image-record.repository';
import { applianceReference, digestFor, judgeImage } from '../images/image-trust';
import { VERSION_LABEL } from './self-update.types';
import { repositoryOf } from './self-update.version';

/** What a person compares: the registry digest when the image came from one, else its id. */
export function imageDigest(reference: string, image: Pick<ImageDetails, 'id' | 'repoDigests'>): string {
  return digestFor(reference, image) ?? image.id;
}

/**
 * The update channel is a movable tag: its image is trusted by version label. The first image seen
 * with a version (the one running, or the one offered) is recorded; another image carrying the same
 * version later is refused, so a re-pushed tag cannot slip a different build in under a known version.
 * Images without a version label cannot be told apart this way (the helper still checks the image id).
 */
@Injectable()
export class SelfUpdateTrust {
  constructor(
    private readonly records: ImageRecordRepository,
    private readonly clock: Clock,
  ) {}

  private key(reference: string, image: ImageDetails): string | undefined {
    const repository = repositoryOf(reference);
    const version = image.config.Labels[VERSION_LABEL];
    return repository && version ? applianceReference(repository, version) : undefined;
  }

  /** Null when the image may run (recorded if it is the first with its version), else why not. */
  async check(reference: string, image: ImageDetails): Promise<string | null> {
    const key = this.key(reference, image);
    if (!key) return null;
    const record = await this.records.get('appliance', key);
    const verdict = judgeImage(key, record, image);
    const observed = { imageId: image.id, repoDigest: digestFor(reference, image) };
    switch (verdict.kind) {
      case 'record':
        await this.records.recordFirst('appliance', key, observed, this.clock.now());
        return null;
      case 'trusted':
        if (record?.refusedImageId) await this.records.clearRefusal('appliance', key);
        return null;
      case 'refused':
        if (record?.refusedImageId !== image.id)
          await this.records.refused('appliance', key, observed, this.clock.now());
        return verdict.reason;
      default: {
        const unknown: never = verdict;
        throw new Error(`unknown verdict ${JSON.stringify(unknown)}`);
      }
    }
  }
}
