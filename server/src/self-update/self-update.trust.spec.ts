import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../platform/clock';
import type { ImageDetails } from '../engine/engine.types';
import type { ImageRecordRepository } from '../images/image-record.repository';
import type { ImageRecord, ImageRecordKind } from '../images/image-trust';
import { SelfUpdateTrust, imageDigest } from './self-update.trust';
import { VERSION_LABEL } from './self-update.types';
import { runConfig } from '../engine/engine.run-config.fixtures.spec';

/** An in-memory stand-in for the TypeORM repository (unit test of the decision only). */
function memoryRecords(): ImageRecordRepository & { rows: Map<string, ImageRecord> } {
  const rows = new Map<string, ImageRecord>();
  const key = (kind: ImageRecordKind, reference: string) => `${kind} ${reference}`;
  return {
    rows,
    get: (kind: ImageRecordKind, reference: string) => Promise.resolve(rows.get(key(kind, reference))),
    list: (kind: ImageRecordKind) => Promise.resolve([...rows.values()].filter((r) => r.kind === kind)),
    recordFirst: (
      kind: ImageRecordKind,
      reference: string,
      image: { imageId: string; repoDigest: string | null },
      at: Date,
    ) => {
      if (!rows.has(key(kind, reference))) {
        rows.set(key(kind, reference), {
          kind,
          reference,
          serviceId: null,
          ...image,
          recordedAt: at,
          refusedImageId: null,
          refusedRepoDigest: null,
          refusedAt: null,
        });
      }
      return Promise.resolve();
    },
    refused: (
      kind: ImageRecordKind,
      reference: string,
      image: { imageId: string; repoDigest: string | null },
      at: Date,
    ) => {
      const row = rows.get(key(kind, reference))!;
      Object.assign(row, { refusedImageId: image.imageId, refusedRepoDigest: image.repoDigest, refusedAt: at });
      return Promise.resolve();
    },
    clearRefusal: (kind: ImageRecordKind, reference: string) => {
      Object.assign(rows.get(key(kind, reference))!, { refusedImageId: null, refusedAt: null });
      return Promise.resolve();
    },
  } as unknown as ImageRecordRepository & { rows: Map<string, ImageRecord> };
}

const image = (id: string, version: string | undefined, repoDigests: string[] = []): ImageDetails => ({
  id,
  repoTags: [],
  repoDigests,
  config: runConfig({ Labels: version ? { [VERSION_LABEL]: version } : {} }),
});
const clock: Clock = { now: () => new Date('2026-11-29T12:00:00Z') };

describe('self-update image trust', () => {
  it('records the running version, accepts a newer one, refuses another image under a known version', async () => {
    const records = memoryRecords();
    const trust = new SelfUpdateTrust(records, clock);
    assert.equal(await trust.check('tl/appliance:dev', image('sha256:run', '0.2.0')), null);
    assert.equal(await trust.check('tl/appliance:stable', image('sha256:new', '0.3.0')), null);
    assert.equal(await trust.check('tl/appliance:stable', image('sha256:new', '0.3.0')), null);
    const refused = await trust.check('tl/appliance:stable', image('sha256:evil', '0.3.0'));
    assert.match(refused ?? '', /tl\/appliance:0\.3\.0 now points to another image/);
    assert.equal(records.rows.get('appliance tl/appliance:0.3.0')?.refusedImageId, 'sha256:evil');
    assert.match((await trust.check('tl/appliance:stable', image('sha256:other', '0.2.0'))) ?? '', /0\.2\.0/);
  });

  it('cannot tell unlabelled images apart by version: leaves them to the id check', async () => {
    const trust = new SelfUpdateTrust(memoryRecords(), clock);
    assert.equal(await trust.check('tl/appliance:stable', image('sha256:x', undefined)), null);
    assert.equal(await trust.check('tl/appliance:stable', image('sha256:y', undefined)), null);
  });

  it('shows the registry digest when there is one, else the image id', () => {
    const d = `sha256:${'d'.repeat(64)}`;
    assert.equal(imageDigest('tl/appliance:stable', image('sha256:x', '1', [`tl/appliance@${d}`])), d);
    assert.equal(imageDigest('tl/appliance:stable', image('sha256:x', '1')), 'sha256:x');
  });
});
