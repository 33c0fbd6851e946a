import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { ApiException } from '../common/api-error';
import { decodeEnrollmentCode } from '../fleet-link/enrollment-code';
import { keyFingerprint, publicKeyFromBase64, publicKeyToBase64 } from '../fleet-link/key-fingerprint';
import type { EnrollmentCode, UpstreamAbout } from '../fleet-link/link.types';
import { Clock } from '../platform/clock';
import type { FederationLeftDto, FederationPreviewDto, FederationStatusDto } from './dto/federation.dto';
import {
  alreadyEnrolled,
  codeUnreadable,
  fingerprintMismatch,
  notAwaiting,
  notEnrolled,
  upstreamRefusal,
} from './federation.errors';
import { FederationLinkRepository } from './federation-link.repository';
import type { AwaitingLinkSource } from '../setup/awaiting-link.port';
import type { SetupLinkDto } from '../setup/dto/setup-link.dto';
import { statusView } from './federation-status';
import { LinkKeysRepository } from './link-keys.repository';
import { LinkLoopService } from './link-loop.service';
import { LocalAppliance } from './local-appliance.port';
import { OffsiteSetupService } from './offsite-setup.service';
import { UpstreamError, UpstreamLinkRepository } from './upstream-link.repository';

interface Checked {
  code: EnrollmentCode;
  about: UpstreamAbout;
  key: KeyObject;
}

/**
 * Joining and leaving a mutualised host. Nothing takes effect before the admin saw the host's name
 * and the fingerprint of its key, and that key is the one the code names (checked here, on the key
 * itself, never on what the host says its fingerprint is).
 */
@Injectable()
export class FederationService implements AwaitingLinkSource {
  private readonly logger = new Logger('Federation');
  private enrolling = false;

  constructor(
    private readonly links: FederationLinkRepository,
    private readonly keys: LinkKeysRepository,
    private readonly upstream: UpstreamLinkRepository,
    private readonly loop: LinkLoopService,
    private readonly local: LocalAppliance,
    private readonly offsite: OffsiteSetupService,
    private readonly clock: Clock,
  ) {}

  async status(): Promise<FederationStatusDto> {
    return statusView(await this.links.get(), this.loop.nextAttemptAt);
  }

  /** The wizard's question (setup/awaiting-link.port.ts): only a link that awaits an answer, and its host. */
  async awaiting(): Promise<SetupLinkDto> {
    const status = await this.status();
    return status.state === 'awaiting' && status.upstream
      ? { state: 'awaiting', upstream: status.upstream }
      : { state: 'none' };
  }

  async preview(text: string): Promise<FederationPreviewDto> {
    const { code, about } = await this.check(text);
    return { upstream: { name: about.name, url: code.url, fingerprint: code.fingerprint } };
  }

  /**
   * Joins the host the code names. `confirmed` is false for a pre-provisioned enrollment file read on
   * first boot: the link is made (the host knows the device arrived) but sends nothing until an admin
   * confirms it here, or refuses it (leave).
   */
  async enroll(text: string, confirmed = true): Promise<FederationStatusDto> {
    if (this.enrolling || (await this.links.get())) throw alreadyEnrolled();
    this.enrolling = true;
    try {
      const { code, about, key } = await this.check(text);
      const pair = this.keys.generate();
      let applianceId: string;
      try {
        const answer = await this.upstream.enroll(
          code.url,
          { privateKey: pair.privateKey },
          {
            token: code.token,
            publicKey: publicKeyToBase64(pair.publicKey),
            name: await this.local.communityName(),
            version: await this.local.version().catch(() => 'unknown'),
          },
        );
        applianceId = answer.applianceId;
      } catch (error) {
        this.keys.forget();
        throw this.fromUpstream(error);
      }
      const created = this.links.create({
        upstreamUrl: code.url,
        upstreamName: about.name.slice(0, 200),
        upstreamKey: publicKeyToBase64(key),
        upstreamFingerprint: code.fingerprint,
        applianceId,
        enrolledAt: this.clock.now(),
        confirmedAt: confirmed ? this.clock.now() : null,
      });
      if (!created) throw alreadyEnrolled();
      this.logger.log(`joined the mutualised host ${about.name} (${code.url}) as ${applianceId}`);
      if (confirmed) await this.begin({ upstreamUrl: code.url, upstreamName: about.name.slice(0, 200), applianceId });
      return this.status();
    } finally {
      this.enrolling = false;
    }
  }

  /** An admin agrees to the link a pre-provisioned enrollment file made: it starts now. */
  async confirm(): Promise<FederationStatusDto> {
    const link = await this.links.get();
    if (!link || link.confirmedAt || !(await this.links.confirm(this.clock.now()))) throw notAwaiting();
    this.logger.log(`the link to ${link.upstreamName} is confirmed by an admin`);
    await this.begin(link);
    return this.status();
  }

  /** The off-site place first, so that the loop's first round does not ask for it a second time. */
  private async begin(link: { upstreamUrl: string; upstreamName: string; applianceId: string }): Promise<void> {
    const privateKey = this.keys.privateKey();
    if (privateKey) await this.offsite.setUp(link, { privateKey, applianceId: link.applianceId });
    this.loop.start();
  }

  /** Leaves on this side whatever the host says; the community's data is not touched. */
  async leave(): Promise<FederationLeftDto> {
    const link = await this.links.get();
    if (!link) throw notEnrolled();
    await this.loop.stop();
    const privateKey = this.keys.privateKey();
    let upstreamConfirmed = false;
    if (privateKey) {
      try {
        await this.upstream.leave(link.upstreamUrl, { privateKey, applianceId: link.applianceId });
        upstreamConfirmed = true;
      } catch (error) {
        this.logger.warn(`left without the host's confirmation: ${String(error)}`);
      }
    }
    this.links.forget();
    this.keys.forget();
    await this.local
      .stopOffsitePlace(link.upstreamUrl, link.applianceId)
      .catch((error: unknown) => this.logger.warn(`the host's off-site place stays on: ${String(error)}`));
    this.logger.log(`left the mutualised host ${link.upstreamName} (${link.upstreamUrl})`);
    return { upstreamConfirmed };
  }

  private async check(text: string): Promise<Checked> {
    const code = decodeEnrollmentCode(text);
    if (!code) throw codeUnreadable();
    let about: UpstreamAbout;
    try {
      about = await this.upstream.about(code.url);
    } catch (error) {
      throw this.fromUpstream(error);
    }
    let key: KeyObject;
    try {
      key = publicKeyFromBase64(about.publicKey);
    } catch {
      throw upstreamRefusal(new UpstreamError('invalid', null, 'about: not an Ed25519 key'));
    }
    if (keyFingerprint(key) !== code.fingerprint) throw fingerprintMismatch();
    return { code, about, key };
  }

  private fromUpstream(error: unknown): ApiException {
    if (error instanceof UpstreamError) {
      this.logger.warn(`the mutualised host: ${error.message}`);
      return upstreamRefusal(error);
    }
    if (error instanceof ApiException) return error;
    this.logger.error(`federation: ${String(error)}`);
    return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong.');
  }
}
