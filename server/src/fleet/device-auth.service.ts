import { HttpStatus, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { ApiException, fieldErrors } from '../common/api-error';
import type { RawBodyRequest } from '../common/body-limits';
import { keyFingerprint, publicKeyFromBase64 } from '../fleet-link/key-fingerprint';
import { checkRequest, LINK_HEADERS, type SignatureProblem } from '../fleet-link/link-signature';
import { RateLimiter } from '../mail/rate-limit';
import { Clock } from '../platform/clock';
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

/**
 * Per client address, counted before any signature is checked or any row read: a flood costs a Map
 * lookup. Enrollment is rarer and guards single-use secrets, so it gets a tighter budget.
 * (In memory: one upstream process; several behind one balancer each count their own share.)
 */
export const DEVICE_LIMITS = {
  any: { limit: 600, windowMs: 60_000 },
  enroll: { limit: 20, windowMs: 10 * 60_000 },
} as const;
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
  private readonly limits = {
    any: new RateLimiter(DEVICE_LIMITS.any),
    enroll: new RateLimiter(DEVICE_LIMITS.enroll),
  };

  constructor(
    private readonly fleet: FleetRepository,
    private readonly clock: Clock,
  ) {}

  async authenticate(req: DeviceRequest, kind: DeviceAuthKind): Promise<DeviceCaller> {
    const now = this.clock.now();
    this.throttle(req, kind, now);
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

  private throttle(req: DeviceRequest, kind: DeviceAuthKind, now: Date): void {
    const address = req.ip ?? 'unknown';
    const taken = this.limits.any.take([address], now.getTime());
    const result = taken.ok && kind === 'enroll' ? this.limits.enroll.take([address], now.getTime()) : taken;
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
