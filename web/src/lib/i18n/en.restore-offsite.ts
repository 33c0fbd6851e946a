/**
 * English messages of restoring from another place (the backups kept there, listed and restored from
 * the "Other places" card), and of copying a backup there snapshot by snapshot (issue 10).
 * Never "appliance", "container" or "job".
 */
export const enRestoreOffsite = {
  'backups.places.points': 'Backups kept here',
  'backups.places.pointsLabel': 'Backups kept here ({label})',
  'backups.places.pointsHint':
    'Restore from here when a backup is not on this server any more, or when this server lost its own copies.',
  'backups.places.loading': 'Reading this place…',
  'backups.places.none': 'No backup was found at this place.',
  'backups.places.loadFailed': 'The backups kept here could not be listed. {reason}',
  'backups.places.restoreLabel': 'Restore the backup of {date} from {label}',
  'backups.restore.from': 'From the place “{label}”.',

  'restoreOffsite.problem.targetNotFound': 'This place is not in the settings any more.',
  'restoreOffsite.problem.targetNoRepository': 'No backups were found at this place.',
  'restoreOffsite.problem.pointNotAtTarget': 'This backup is not at this place any more.',
  'restoreOffsite.problem.targetWrongPassword': 'The backups at this place cannot be opened with this server’s key.',
  'restoreOffsite.problem.targetMissingDirectory': 'This folder is not there any more: is the disk plugged in?',
  'restoreOffsite.problem.targetUnreachable': 'This place does not answer: check that it is on and reachable.',
  'restoreOffsite.problem.targetFailed': 'This place could not be read.',
  'restoreOffsite.problem.targetHostKeyMismatch':
    'The SFTP server did not show the host key pinned for this place: another server, or its key changed.',
  'restoreOffsite.problem.targetSshDenied':
    'The SFTP server refused this server’s key: add its public key to the user’s authorized_keys.',
  'restoreOffsite.problem.targetS3Denied': 'The S3 service refused this place’s keys.',

  'jobs.stage.backupCopying': 'Copying the backup to {target} ({done} of {total} parts)',
  'jobs.error.restoreTargetMissing':
    'This place was removed from the settings meanwhile: nothing was restored and nothing was stopped.',
};
