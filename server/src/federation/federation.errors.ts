import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { UpstreamError } from './upstream-link.repository';

/** The web app translates `errors[0].code` (a message key); `message` is for anyone else. */
function refusal(status: HttpStatus, code: string, message: string, details?: string): ApiException {
  return new ApiException(status, message, { errors: [{ field: 'code', code, message }], details });
}

export const codeUnreadable = () =>
  refusal(HttpStatus.BAD_REQUEST, 'federation.codeUnreadable', 'This is not a code from a mutualised host.');

export const fingerprintMismatch = () =>
  refusal(
    HttpStatus.CONFLICT,
    'federation.fingerprintMismatch',
    'The host at this address does not have the key the code names: do not join, and ask the host.',
  );

export const alreadyEnrolled = () =>
  refusal(HttpStatus.CONFLICT, 'federation.alreadyEnrolled', 'This server already follows a mutualised host.');

export const notAwaiting = () =>
  refusal(HttpStatus.CONFLICT, 'federation.notAwaiting', 'No link to a mutualised host awaits confirmation.');

export const notEnrolled = () =>
  refusal(HttpStatus.NOT_FOUND, 'federation.notEnrolled', 'This server follows no mutualised host.');

/** The upstream did not answer, refused, or answered something else: a clear reason, its words apart. */
export function upstreamRefusal(error: UpstreamError): ApiException {
  switch (error.problem) {
    case 'unreachable':
      return refusal(
        HttpStatus.BAD_GATEWAY,
        'federation.unreachable',
        'The host does not answer at this address.',
        error.detail,
      );
    case 'codeRefused':
      return refusal(
        HttpStatus.CONFLICT,
        'federation.codeRefused',
        'The host refused this code: it was already used, has expired or was withdrawn. Ask for a new one.',
        error.detail,
      );
    case 'refused':
      return refusal(
        HttpStatus.BAD_GATEWAY,
        'federation.signatureRefused',
        "The host refused this server's signature: check that the clock of this server is right.",
        error.detail,
      );
    case 'revoked':
      return refusal(HttpStatus.CONFLICT, 'federation.revoked', 'The host refuses this server.', error.detail);
    case 'invalid':
      return refusal(
        HttpStatus.BAD_GATEWAY,
        'federation.notAnUpstream',
        'The address does not answer as a mutualised host.',
        error.detail,
      );
    case 'failed':
      return refusal(HttpStatus.BAD_GATEWAY, 'federation.upstreamFailed', 'The host failed to answer.', error.detail);
    default: {
      const unknown: never = error.problem;
      throw new Error(`unknown problem ${String(unknown)}`);
    }
  }
}
