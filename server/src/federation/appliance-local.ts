import { Injectable } from '@nestjs/common';
import { FEATURES } from '../catalog/catalog.types';
import { randomUUID } from 'node:crypto';
import { BackupRunRepository } from '../backups/backup-run.repository';
import { parseLocation } from '../backups/backup-target-location';
import { BackupTargetRepository } from '../backups/backup-target.repository';
import { Clock } from '../platform/clock';
import { BackupsService } from '../backups/backups.service';
import { FeaturesService } from '../features/features.service';
import { OperationsService } from '../features/operations.service';
import type { HeartbeatService } from '../fleet-link/link.types';
import { JobRepository } from '../jobs/job.repository';
import { versionOf, SelfUpdateInspector } from '../self-update/self-update.inspector';
import { InstallationRepository } from '../setup/installation.repository';
import { HostRepository } from '../system/host.repository';
import { type JobEnd, LocalAppliance, type OffsitePlace, type ServiceAction } from './local-appliance.port';
import { offsitePlaceUrl } from './offsite-place';

/** The appliance's side of the link, through the dashboard's own services (appliance mode). */
@Injectable()
export class ApplianceLocal extends LocalAppliance {
  private knownVersion: string | undefined;

  constructor(
    private readonly installation: InstallationRepository,
    private readonly featuresView: FeaturesService,
    private readonly operations: OperationsService,
    private readonly backups: BackupsService,
    private readonly runs: BackupRunRepository,
    private readonly jobs: JobRepository,
    private readonly host: HostRepository,
    private readonly inspector: SelfUpdateInspector,
    private readonly places: BackupTargetRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async communityName(): Promise<string> {
    return (await this.installation.get())?.communityName ?? '';
  }

  /** The image's version label, as the self-update shows it; found once (it changes only with a new manager). */
  async version(): Promise<string> {
    if (this.knownVersion) return this.knownVersion;
    const inspection = await this.inspector.inspect();
    const version = inspection.supported ? versionOf(inspection.currentImage) : null;
    if (inspection.supported) this.knownVersion = version ?? 'unknown';
    return version ?? 'unknown';
  }

  /** The features this community installed (one it never chose is not "unknown" to the upstream). */
  async services(): Promise<HeartbeatService[]> {
    return (await this.featuresView.list())
      .filter((f) => f.state !== 'not-installed')
      .map((f) => ({ name: f.id, state: f.state, health: f.health }));
  }

  async diskFreeBytes(): Promise<number | null> {
    return (await this.host.disk()).freeBytes;
  }

  async lastBackupAt(): Promise<Date | null> {
    return (await this.runs.lastSuccess())?.finishedAt ?? null;
  }

  async recentErrors(): Promise<string[]> {
    const failed = await this.jobs.findInStates(['failed']);
    return failed
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, 5)
      .map((job) => `${job.kind}:${job.errorKey ?? 'unexpected'}`);
  }

  features(): readonly string[] {
    return FEATURES;
  }

  async queueBackup(): Promise<string> {
    return (await this.backups.backUp(undefined)).jobId;
  }

  async queueServiceAction(feature: string, action: ServiceAction): Promise<string> {
    return (await this.operations.request(feature, action)).jobId;
  }

  async jobEnd(jobId: string): Promise<JobEnd | null | undefined> {
    const job = await this.jobs.findById(jobId);
    if (!job) return undefined;
    if (job.state === 'succeeded') return { succeeded: true, key: `jobs.result.${job.resultKey ?? 'done'}` };
    if (job.state === 'failed') return { succeeded: false, key: `jobs.error.${job.errorKey ?? 'unexpected'}` };
    return null;
  }

  /** The same place again (a new credential) when it exists: one place per host repository. */
  override async useOffsitePlace(place: OffsitePlace): Promise<void> {
    const parsed = parseLocation('rest', place.url);
    if (!('location' in parsed) || !parsed.secret) throw new RangeError('the host gave no usable REST address');
    const existing = (await this.places.list()).find((p) => p.kind === 'rest' && p.location === parsed.location);
    const id = existing?.id ?? randomUUID();
    this.places.writeSecret(id, 'rest', parsed.secret);
    if (existing) return;
    // Keep everything: the host's repository is append-only (restic's forget is refused there).
    const fields = { id, label: place.label, kind: 'rest' as const, location: parsed.location, retention: null };
    await this.places.insert({ ...fields, s3PathStyle: null }, this.clock.now());
  }

  /** The places at this host's off-site storage for this appliance (same origin, its id as the user). */
  override async stopOffsitePlace(upstreamUrl: string, applianceId: string): Promise<void> {
    const host = new URL(offsitePlaceUrl(upstreamUrl, { path: '/', user: applianceId, password: '', quotaBytes: 0 }));
    for (const place of await this.places.list()) {
      if (place.kind !== 'rest' || !place.enabled || !URL.canParse(place.location)) continue;
      const at = new URL(place.location);
      if (at.origin !== host.origin || at.username !== host.username) continue;
      await this.places.update(place.id, { enabled: false }, this.clock.now());
    }
  }
}
