import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { randomToken } from '../common/tokens';
import { signRequest } from '../fleet-link/link-signature';
import type {
  CommandAck,
  EnrollAnswer,
  EnrollRequest,
  Heartbeat,
  HeartbeatAnswer,
  OffsiteCredential,
  SignedCommand,
  UpstreamAbout,
} from '../fleet-link/link.types';
import { Clock } from '../platform/clock';

/** No call to the upstream may hold anything up for longer: a person or the link loop waits on it. */
export const UPSTREAM_TIMEOUT_MS = 15_000;

/** Why a call failed, as the link's state and the API's message keys say it. */
export type UpstreamProblem =
  | 'unreachable' // no answer, timeout, DNS, TLS
  | 'refused' // 401: signature, clock skew, unknown appliance
  | 'revoked' // 403: revoked or left
  | 'codeRefused' // 409 on enroll: code used, expired or revoked
  | 'invalid' // 400 or an answer that is not what the contract says
  | 'failed'; // 5xx or anything else

export class UpstreamError extends Error {
  constructor(
    readonly problem: UpstreamProblem,
    readonly status: number | null,
    /** The upstream's own words (its message), for the log; never shown as ours. */
    readonly detail: string,
  ) {
    super(`upstream ${problem}${status ? ` (${status})` : ''}: ${detail}`);
  }
}

export function problemOf(status: number): UpstreamProblem {
  if (status === 401) return 'refused';
  if (status === 403) return 'revoked';
  if (status === 409) return 'codeRefused';
  if (status === 400) return 'invalid';
  return 'failed';
}

/** Who signs: the appliance's key, and its id once enrolled (absent on enroll only). */
export interface Signer {
  privateKey: KeyObject;
  applianceId?: string;
}

/**
 * The only code that talks to the upstream (fleet-link/link.types.ts lists its device routes). Every
 * request but `about` is signed over the exact bytes sent, with the injected clock's time and a
 * random nonce; every call has a timeout.
 */
@Injectable()
export class UpstreamLinkRepository {
  constructor(private readonly clock: Clock) {}

  async about(baseUrl: string): Promise<UpstreamAbout> {
    const about = await this.call<UpstreamAbout>(baseUrl, 'GET', '/api/fleet/device/about');
    if (!about || typeof about.publicKey !== 'string' || typeof about.name !== 'string') {
      throw new UpstreamError('invalid', null, 'about: not an upstream');
    }
    return about;
  }

  async enroll(baseUrl: string, signer: Signer, body: EnrollRequest): Promise<EnrollAnswer> {
    const answer = await this.call<EnrollAnswer>(baseUrl, 'POST', '/api/fleet/device/enroll', signer, body);
    if (!answer || typeof answer.applianceId !== 'string' || !answer.upstream) {
      throw new UpstreamError('invalid', null, 'enroll: no appliance id');
    }
    return answer;
  }

  async heartbeat(baseUrl: string, signer: Signer, body: Heartbeat): Promise<HeartbeatAnswer> {
    const answer = await this.call<HeartbeatAnswer>(baseUrl, 'POST', '/api/fleet/device/heartbeat', signer, body);
    return { pendingCommands: Number(answer?.pendingCommands ?? 0) || 0, serverTime: String(answer?.serverTime ?? '') };
  }

  async commands(baseUrl: string, signer: Signer): Promise<SignedCommand[]> {
    const answer = await this.call<unknown>(baseUrl, 'GET', '/api/fleet/device/commands', signer);
    if (!Array.isArray(answer)) throw new UpstreamError('invalid', null, 'commands: not a list');
    return answer as SignedCommand[];
  }

  async ack(baseUrl: string, signer: Signer, id: string, body: CommandAck): Promise<void> {
    const path = `/api/fleet/device/commands/${encodeURIComponent(id)}/ack`;
    await this.call(baseUrl, 'POST', path, signer, body);
  }

  async offsite(baseUrl: string, signer: Signer): Promise<OffsiteCredential> {
    const answer = await this.call<OffsiteCredential>(baseUrl, 'POST', '/api/fleet/device/offsite', signer, {});
    if (typeof answer?.path !== 'string' || typeof answer.user !== 'string' || typeof answer.password !== 'string') {
      throw new UpstreamError('invalid', null, 'offsite: no credential');
    }
    return answer;
  }

  async leave(baseUrl: string, signer: Signer): Promise<void> {
    await this.call(baseUrl, 'POST', '/api/fleet/device/leave', signer, {});
  }

  private async call<T>(
    baseUrl: string,
    method: 'GET' | 'POST',
    path: string,
    signer?: Signer,
    body?: unknown,
  ): Promise<T | undefined> {
    const bytes = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (signer) {
      Object.assign(
        headers,
        signRequest(signer.privateKey, {
          method,
          path,
          body: bytes,
          applianceId: signer.applianceId,
          timestamp: this.clock.now().toISOString(),
          nonce: randomToken(18),
        }),
      );
    }
    let res: Response;
    try {
      res = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : bytes,
        redirect: 'error',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UpstreamError('unreachable', null, String((error as Error).cause ?? error));
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new UpstreamError('unreachable', res.status, String(error));
    }
    if (!res.ok) throw new UpstreamError(problemOf(res.status), res.status, text.slice(0, 300));
    if (!text) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new UpstreamError('invalid', res.status, 'not JSON');
    }
  }
}
