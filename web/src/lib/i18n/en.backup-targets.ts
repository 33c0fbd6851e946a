/**
 * English messages of the backups section's "Other places" card (off-site backup targets), and the
 * texts of the copy, retention and check stages and errors about them. Never "appliance", "container" or "job".
 */
export const enBackupTargets = {
  'backups.targets.title': 'Other places',
  'backups.targets.intro':
    'Each backup made here is also copied to these places: another disk, or a backup server of your hosting co-op. The copies are encrypted with the same key.',
  'backups.targets.empty': 'No other place yet: the backups stay on this server only.',
  'backups.targets.kind.directory': 'Folder or mounted disk',
  'backups.targets.kind.rest': 'Backup server (restic REST)',
  'backups.targets.kind.sftp': 'SFTP server',
  'backups.targets.kind.s3': 'S3-compatible storage',
  'backups.targets.keepAll': 'Keeps every backup',
  'backups.targets.keepPolicy': 'Keeps {daily} daily, {weekly} weekly, {monthly} monthly',
  'backups.targets.off': 'Turned off',
  'backups.targets.never': 'Not copied yet',
  'backups.targets.lastCopy': 'Last copy {date}',
  'backups.targets.failedAt': 'The last copy failed ({date}): {reason}',
  'backups.targets.turnOff': 'Turn off',
  'backups.targets.turnOn': 'Turn on',
  'backups.targets.noRecoveryKey':
    'The recovery key does not open the copies here: make a new recovery key (above) now that this place is set.',
  'backups.targets.remove': 'Remove…',
  'backups.targets.removeLabel': 'Remove {label}',
  'backups.targets.removeConfirm':
    'Stop copying backups to “{label}”? The backups already stored there are not deleted: only this setting is forgotten.',
  'backups.targets.removeYes': 'Stop copying there',
  'backups.targets.removeNo': 'Keep it',
  'backups.targets.changeFailed': 'This place could not be changed. {reason}',

  'backups.targets.add': 'Add a place',
  'backups.targets.form.title': 'A new place for copies',
  'backups.targets.form.label': 'Name',
  'backups.targets.form.labelHint': 'How you will recognise it, such as “USB disk” or “Co-op server”.',
  'backups.targets.form.kind': 'Kind of place',
  'backups.targets.form.location.directory': 'Folder on this server',
  'backups.targets.form.location.directoryHint':
    'An absolute path, such as /mnt/usb-disk/backups. The folder must exist.',
  'backups.targets.form.location.rest': 'Address of the backup server',
  'backups.targets.form.location.restHint':
    'Such as https://name:password@backup.example.org/community/. The password is kept apart and never shown again.',
  'backups.targets.form.retention': 'What to keep there',
  'backups.targets.form.keepAll': 'Keep everything (needed for a server that only accepts new backups)',
  'backups.targets.form.keepPolicy': 'Remove old backups like this:',
  'backups.targets.form.save': 'Add this place',
  'backups.targets.form.saving': 'Checking the place…',
  'backups.targets.form.cancel': 'Cancel',
  'backups.targets.form.invalid': 'Some values need attention.',
  'backups.targets.form.failed': 'This place could not be added. {reason}',
  'backups.targets.form.labelMissing': 'Give this place a name.',
  'backups.targets.form.locationMissing': 'Say where this place is.',
  'backups.targets.form.countInvalid': 'A whole number from 0.',

  'backups.targets.problem.notAbsolute': 'Give an absolute path, starting with /.',
  'backups.targets.problem.systemPath': 'This folder belongs to the system: choose a folder of a mounted disk.',
  'backups.targets.problem.notHttpUrl': 'Give an address starting with http:// or https://.',
  'backups.targets.problem.targetWrongPassword':
    'This place already holds backups that this server cannot open (another key).',
  'backups.targets.problem.targetMissingDirectory': 'This folder does not exist on the server.',
  'backups.targets.problem.targetUnreachable': 'This place does not answer: check the address and that it is on.',
  'backups.targets.problem.targetFailed': 'This place could not be opened or prepared.',
  'backups.targets.problem.targetNoRepository': 'No backups were found there any more.',
  'backups.targets.problem.targetLocked': 'Another operation held this place.',
  'backups.targets.problem.targetDiskFull': 'This place is full.',
  'backups.targets.problem.targetTimeout': 'This place stopped answering.',

  // SFTP and S3 places (issue 10).
  'backups.targets.form.location.sftp': 'SFTP server',
  'backups.targets.form.location.sftpHint':
    'The user the backups are stored as, the server’s name or address, its SSH port (22 usually) and the folder there, such as /srv/backups/community.',
  'backups.targets.form.location.s3': 'S3-compatible storage',
  'backups.targets.form.location.s3Hint':
    'The service’s address (such as https://s3.example.org), the bucket, and optionally a folder inside it.',
  'backups.targets.form.sftp.publicKey': 'This server’s public key',
  'backups.targets.form.sftp.publicKeyHint':
    'Add this line to the file ~/.ssh/authorized_keys of that user on the SFTP server: it lets this server in, and only it.',
  'backups.targets.form.sftp.publicKeyFailed': 'The public key could not be shown. {reason}',
  'backups.targets.form.sftp.user': 'User',
  'backups.targets.form.sftp.host': 'Server',
  'backups.targets.form.sftp.port': 'Port',
  'backups.targets.form.sftp.path': 'Folder',
  'backups.targets.form.sftp.hostKey': 'The SFTP server’s own key',
  'backups.targets.form.sftp.hostKeyHint':
    'Paste the content of /etc/ssh/ssh_host_ed25519_key.pub of that server (ask its administrator). Only a server showing this key will receive the backups.',
  'backups.targets.form.sftp.fingerprint': 'Its fingerprint (compare it with “ssh-keygen -lf” on the server):',
  'backups.targets.form.s3.endpoint': 'Service address',
  'backups.targets.form.s3.bucket': 'Bucket',
  'backups.targets.form.s3.path': 'Folder (optional)',
  'backups.targets.form.s3.pathStyle': 'Bucket in the path (most self-hosted services: MinIO, Garage…)',
  'backups.targets.form.s3.accessKeyId': 'Access key',
  'backups.targets.form.s3.secretAccessKey': 'Secret key (kept apart, never shown again)',
  'backups.targets.fingerprint': 'Server key {fingerprint}',
  'backups.targets.problem.notSftpLocation':
    'Give a user, a server, a port and a folder starting with / (letters, digits and . _ - only).',
  'backups.targets.problem.notHostKey': 'Paste the server’s key: one line such as “ssh-ed25519 AAAA…”.',
  'backups.targets.problem.notS3Location':
    'Give the service’s address (https://…) and a bucket name (lowercase letters, digits, dots and dashes).',
  'backups.targets.problem.notS3Keys': 'Give the access key and the secret key.',
  'backups.targets.problem.targetHostKeyMismatch':
    'The server did not show the key given: it may be another server, or its key changed. Compare the fingerprints.',
  'backups.targets.problem.targetSshDenied':
    'The server refused this server’s key: add the public key above to authorized_keys of that user.',
  'backups.targets.problem.targetS3Denied':
    'The storage refused these keys: check the access key, the secret key and their rights on the bucket.',

  'jobs.stage.backupCopy': 'Copying the backup to {target}',
  'jobs.stage.backupForgetTarget': 'Removing old backups at {target}',
  'jobs.stage.backupCheckTarget': 'Re-reading part {subset} of the backups at {target}',
  'jobs.error.backupTargetFailed':
    'The backup is kept on this server, but it could not be copied to: {targets}. See “Other places”.',
  'jobs.error.backupTargetForgetFailed': 'Old backups could not be removed at: {targets}.',
  'jobs.error.backupTargetCheckFailed': 'The check found a problem or could not finish at: {targets}.',
};
