/**
 * Which image may run behind a reference, pure. Tags move; what ran once is recorded (its image id,
 * and its registry digest when it was pulled from one) and a different image behind the same
 * reference is refused, never swapped in silently. A catalog reference pinned by digest
 * (`repo:tag@sha256:…`) must carry exactly that digest.
 */

export const IMAGE_RECORD_KINDS = ['service', 'appliance'] as const;
/** `service`: a catalog reference as run; `appliance`: `<repository>:<version label>` of the manager's image. */
export type ImageRecordKind = (typeof IMAGE_RECORD_KINDS)[number];

export interface ObservedImage {
  id: string;
  /** `repository@sha256:…` entries; empty for a local build. */
  repoDigests: readonly string[];
}

export interface ImageRecord {
  kind: ImageRecordKind;
  reference: string;
  serviceId: string | null;
  imageId: string;
  repoDigest: string | null;
  recordedAt: Date;
  refusedImageId: string | null;
  refusedRepoDigest: string | null;
  refusedAt: Date | null;
}

export type Verdict = { kind: 'record' } | { kind: 'trusted' } | { kind: 'refused'; reason: string };

/** `sha256:…` in `name:tag@sha256:…`, if the reference pins one. */
export function pinnedDigest(reference: string): string | undefined {
  return /@(sha256:[a-f0-9]{64})$/.exec(reference)?.[1];
}

/** `name` of `name@sha256:…`. */
function repositoryOfDigest(repoDigest: string): string {
  return repoDigest.slice(0, repoDigest.lastIndexOf('@'));
}

/** The digest pulled for this reference's repository, else the first one; null for a local build. */
export function digestFor(reference: string, image: ObservedImage): string | null {
  const name = reference.split('@')[0].replace(/:[^:/]+$/, '');
  const digests = image.repoDigests.map((d) => d.slice(d.lastIndexOf('@') + 1));
  const own = image.repoDigests.find(
    (d) => repositoryOfDigest(d) === name || repositoryOfDigest(d).endsWith(`/${name}`),
  );
  return own ? own.slice(own.lastIndexOf('@') + 1) : (digests[0] ?? null);
}

/** What a person can compare: the registry digest when there is one, else the image id. Shortened. */
export function describeImage(imageId: string, repoDigest: string | null): string {
  const full = repoDigest ?? imageId;
  return full.replace(/^(sha256:[a-f0-9]{12})[a-f0-9]*$/, '$1');
}

export function judgeImage(reference: string, record: ImageRecord | undefined, image: ObservedImage): Verdict {
  const pinned = pinnedDigest(reference);
  if (pinned && !image.repoDigests.some((d) => d.endsWith(`@${pinned}`))) {
    return {
      kind: 'refused',
      reason: `${reference} resolved to image ${describeImage(image.id, null)}, which does not carry the pinned digest`,
    };
  }
  if (!record) return { kind: 'record' };
  if (record.imageId === image.id) return { kind: 'trusted' };
  const recorded = describeImage(record.imageId, record.repoDigest);
  const now = describeImage(image.id, digestFor(reference, image));
  return {
    kind: 'refused',
    reason:
      `${reference} now points to another image (${now}) than the one recorded on ` +
      `${record.recordedAt.toISOString().slice(0, 10)} (${recorded}); it was not used`,
  };
}

/** The manager's images are recorded by version label: one version, one image. */
export function applianceReference(repository: string, version: string): string {
  return `${repository}:${version}`;
}
