import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../platform/clock';
import { EngineRepository } from '../engine/engine.repository';
import type { ActualContainer, DesiredContainer } from '../engine/engine.types';
import { ImageRecordRepository } from './image-record.repository';
import { digestFor, judgeImage, type ImageRecord } from './image-trust';

/** A reconcile stopped before touching anything: an image behind a known reference changed. */
export class ImageRefusedError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`Refused to run a changed image: ${reasons.join('; ')}. The running service was left as it is.`);
    this.name = 'ImageRefusedError';
  }
}

/**
 * Records the image behind every reference a service runs (trust on first use, or the catalog's
 * pinned digest) and refuses a different one later: a moved tag is reported, never swapped in.
 */
@Injectable()
export class ImageTrustService {
  private readonly logger = new Logger('ImageTrust');

  constructor(
    private readonly records: ImageRecordRepository,
    private readonly engine: EngineRepository,
    private readonly clock: Clock,
  ) {}

  /** What already runs was trusted when it was created: record it before anything is re-created. */
  async recordRunning(desired: readonly DesiredContainer[], actual: readonly ActualContainer[]): Promise<void> {
    for (const container of actual) {
      const want = desired.find((d) => d.serviceId === container.serviceId);
      if (!want || container.image !== want.image || !container.imageId) continue;
      if (await this.records.get('service', container.image)) continue;
      const image = await this.engine.inspectImage(container.imageId);
      const repoDigest = image ? digestFor(container.image, image) : null;
      await this.records.recordFirst(
        'service',
        container.image,
        { imageId: container.imageId, repoDigest, serviceId: want.serviceId },
        this.clock.now(),
      );
    }
  }

  /** Before containers are created from these references; throws ImageRefusedError naming each refusal. */
  async verify(images: ReadonlyArray<{ reference: string; serviceId: string }>): Promise<void> {
    const reasons: string[] = [];
    const seen = new Set<string>();
    for (const { reference, serviceId } of images) {
      if (seen.has(reference)) continue;
      seen.add(reference);
      const image = await this.engine.inspectImage(reference);
      // Not there: the create step fails with the engine's own message.
      if (!image) continue;
      const record = await this.records.get('service', reference);
      const verdict = judgeImage(reference, record, image);
      const observed = { imageId: image.id, repoDigest: digestFor(reference, image) };
      switch (verdict.kind) {
        case 'record':
          await this.records.recordFirst('service', reference, { ...observed, serviceId }, this.clock.now());
          break;
        case 'trusted':
          if (record?.refusedImageId) await this.records.clearRefusal('service', reference);
          break;
        case 'refused':
          if (record) await this.records.refused('service', reference, observed, this.clock.now());
          this.logger.warn(verdict.reason);
          reasons.push(verdict.reason);
          break;
        default: {
          const unknown: never = verdict;
          throw new Error(`unknown verdict ${JSON.stringify(unknown)}`);
        }
      }
    }
    if (reasons.length > 0) throw new ImageRefusedError(reasons);
  }

  /** Pending refusals, for the status API. */
  async refusals(): Promise<ImageRecord[]> {
    return (await this.records.list('service')).filter((r) => r.refusedImageId !== null);
  }
}
