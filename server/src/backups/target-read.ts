import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { probeProblem, type ProbeProblem } from './backup-targets.service';
import { ResticError } from './restic.types';

/**
 * Reading an off-site place to restore from it (its backup points, one point's parts): why it could
 * not be read, as a code the dashboard translates (`errors[].code` on the field `target`).
 */
export type PlaceReadProblem = 'targetNotFound' | 'targetNoRepository' | 'pointNotAtTarget' | ProbeProblem;

const ANSWERS: Record<PlaceReadProblem, [HttpStatus, string]> = {
  targetNotFound: [HttpStatus.NOT_FOUND, 'No such backup place.'],
  targetNoRepository: [HttpStatus.NOT_FOUND, 'No backups were found at this place.'],
  pointNotAtTarget: [HttpStatus.NOT_FOUND, 'This place holds no such backup point.'],
  targetWrongPassword: [HttpStatus.BAD_GATEWAY, 'The backups at this place cannot be opened with this server’s key.'],
  targetMissingDirectory: [HttpStatus.BAD_GATEWAY, 'This directory is not there any more: is the disk mounted?'],
  targetHostKeyMismatch: [HttpStatus.BAD_GATEWAY, 'The SFTP server did not show the host key pinned for this place.'],
  targetSshDenied: [HttpStatus.BAD_GATEWAY, 'The SFTP server refused this server’s key.'],
  targetS3Denied: [HttpStatus.BAD_GATEWAY, 'The S3 service refused this place’s keys.'],
  targetUnreachable: [HttpStatus.BAD_GATEWAY, 'This place does not answer: check that it is on and reachable.'],
  targetFailed: [HttpStatus.BAD_GATEWAY, 'This place could not be read.'],
};

/** A restic failure while reading a place, as what a person can act on. */
export function placeReadProblem(error: unknown): PlaceReadProblem {
  if (error instanceof ResticError && error.reason === 'noRepository') return 'targetNoRepository';
  return probeProblem(error);
}

export function placeRefusal(problem: PlaceReadProblem): ApiException {
  const [status, message] = ANSWERS[problem];
  return new ApiException(status, message, { errors: [{ field: 'target', code: problem, message }] });
}
