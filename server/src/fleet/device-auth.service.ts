import { HttpStatus, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { ApiException, fieldErrors } from '../common/api-error';
import type { RawBodyRequest } from '../common/body-limits';
import { keyFingerprint, publicKeyFromBase64 } from '../fleet-link/key-fingerprint';
import { checkRequest, LINK_HEADERS, type SignatureProblem } from '../fleet-link/link-signature';
import { Clock } from '../platform/clock';
import { DeviceRateRepository, RateStoreUnavailable } from './device-rate.repository';
import { type ApplianceSigner, FleetRepository } from './fleet.repository';
import { SignerKeys } from './signer-keys';
import { nonceExpiry } from './fleet.rules';

export type DeviceAuthKind = 'unsigned' | 'enroll' | 'appliance';

/** Who signed a device request: a known appliance, or (enroll) the holder of a new key. */
export type DeviceCaller =
  | { kind: 'unsigned' }
  | { kind: 'enroll'; publicKey: string; fingerprint: string }
  | { kind: 'appliance'; appliance: ApplianceSigner };

export interface DeviceRequest extends RawBodyRequest {
  device?: DeviceCaller;
}

const PRUNE_EVERY_MS = 60_000;

const SIGNATURE_MESSAGES: Record<SignatureProblem | 'replay' | 'unknown-appliance', string> = {
  missing: 'The request is not signed (x-tl-timestamp, x-tl-nonce and x-tl-signature are required).',
  skew: "The request's timestamp is more than 5 minutes away from the upstream's clock.",
  'bad-signature': 'The request signature does not verify.',
  replay: 'This request was already received (replayed nonce).',
  'unknown-appliance': 'This upstream does not know this appliance.',
};

function unauthorized(code: keyof typeof SIGNATURE_MESSAGES): ApiException {
  const message = SIGNATURE_MESSAGES[code];
  return new ApiException(HttpStatus.UNAUTHORIZED, message, {
    errors: [{ field: 'signature', code, message }],
  });
}

/** Authenticates the device routes by their signatures only (link-signature.ts); no session, no CSRF. */
@Injectable()
export class DeviceAuthService {
  private lastPrune = 0;
  private readonly keys = new SignerKeys();

  constructor(
    private readonly fleet: FleetRepository,
    private readonly rates: DeviceRateRepository,
    private readonly clock: Clock,
  ) {}

  async authenticate(req: DeviceRequest, kind: DeviceAuthKind): Promise<DeviceCaller> {
    const now = this.clock.now();
    await this.throttle(req, kind);
    if (kind === 'unsigned') return { kind };
    const header = (name: string) => req.header(name) ?? undefined;
    const applianceId = header(LINK_HEADERS.appliance);
    const parts = {
      method: req.method,
      path: req.originalUrl,
      body: req.rawBody ?? '',
      applianceId,
      timestamp: header(LINK_HEADERS.timestamp),
      nonce: header(LINK_HEADERS.nonce),
      signature: header(LINK_HEADERS.signature),
    };
    let key: KeyObject;
    let caller: DeviceCaller;
    if (kind === 'enroll') {
      const spki = (req.body as { publicKey?: unknown } | undefined)?.publicKey;
      try {
        key = publicKeyFromBase64(typeof spki === 'string' ? spki : '');
      } catch {
        throw fieldErrors([
          {
            field: 'publicKey',
            code: 'ed25519',
            message: 'publicKey must be an Ed25519 public key (SPKI DER, base64)',
          },
        ]);
      }
      caller = { kind, publicKey: spki as string, fingerprint: keyFingerprint(key) };
    } else {
      if (!applianceId) throw unauthorized('missing');
      const appliance = /^[0-9a-f-]{36}$/.test(applianceId) ? await this.fleet.findSigner(applianceId) : null;
      if (!appliance) throw unauthorized('unknown-appliance');
      key = this.keys.get(appliance.publicKey);
      caller = { kind, appliance };
    }
    const problem = checkRequest(key, parts, now);
    if (problem) throw unauthorized(problem);
    if (caller.kind === 'appliance' && caller.appliance.status !== 'active') {
      const status = caller.appliance.status;
      const message =
        status === 'revoked' ? 'This appliance was revoked by the upstream.' : 'This appliance left the upstream.';
      throw new ApiException(HttpStatus.FORBIDDEN, message, {
        errors: [{ field: 'appliance', code: status, message }],
      });
    }
    const signer =
      caller.kind === 'appliance' ? caller.appliance.id : `key:${caller.kind === 'enroll' ? caller.fingerprint : ''}`;
    if (!(await this.fleet.recordNonce(signer, parts.nonce!, nonceExpiry(parts.timestamp!))))
      throw unauthorized('replay');
    await this.pruneNowAndThen(now);
    return caller;
  }

  /**
   * Per client address, counted before any signature is checked or any row read: a flood costs one
   * Redis round trip. The counters (device-rate.ts) are shared by every upstream process.
   */
  private async throttle(req: DeviceRequest, kind: DeviceAuthKind): Promise<void> {
    let result;
    try {
      result = await this.rates.take(req.ip ?? 'unknown', kind === 'enroll');
    } catch (error) {
      if (!(error instanceof RateStoreUnavailable)) throw error;
      // Fail closed: without Redis the hub has lost its queue too, and the counters are the only brake
      // in front of signature checks and database writes. Appliances retry their heartbeats and
      // enrollments later, so a short refusal costs them nothing; failing open would not be noticed.
      const message = 'The upstream cannot count requests right now (its Redis does not answer); try again later.';
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message, {
        retryAfterSeconds: 30,
        errors: [{ field: 'upstream', code: 'rate-limit-unavailable', message }],
      });
    }
    if (!result.ok) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'Too many requests from this address; try again later.', {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }

  /** Expired nonces can never match again (their requests fail the skew check): dropped once a minute. */
  private async pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    await this.fleet.pruneNonces(now);
  }
}
