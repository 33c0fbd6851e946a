/**
 * English messages of the portable export (one feature of a backup point as one encrypted archive):
 * the dialog, the download link, and the operation's kind, stages, result and errors. Never
 * "appliance", "container" or "job" here.
 */
export const enExports = {
  'backups.export': 'Export…',
  'backups.exportLabel': 'Export data from the backup of {date}',
  'backups.export.title': 'Export from the backup of {date}',
  'backups.export.intro':
    'Makes one encrypted archive of the data you choose, to download and keep elsewhere. It opens with the free restic tool and your passphrase alone: a README inside gives the commands.',
  'backups.export.choose': 'What to export',
  'backups.export.passphrase': 'Passphrase',
  'backups.export.passphraseHint':
    'At least {min} characters, no space at either end. It is kept nowhere: without it, nobody can open the archive, not even you.',
  'backups.export.confirmation': 'The passphrase again',
  'backups.export.tooShort': 'Use at least {min} characters.',
  'backups.export.tooLong': 'Use at most {max} characters.',
  'backups.export.badCharacters': 'No space at the start or the end, and no line break.',
  'backups.export.mismatch': 'The two passphrases are not the same.',
  'backups.export.cancel': 'Cancel',
  'backups.export.start': 'Make the archive',
  'backups.export.starting': 'Starting…',
  'backups.export.ready': 'The archive is ready.',
  'backups.export.download': 'Download the archive ({size})',
  'backups.export.kept': 'It stays available for a day, or until the next export.',
  'backups.export.gone': 'This backup no longer holds that data: it may have been removed as old. Reload the page.',

  'jobs.kind.backupExport': 'Making an encrypted archive',
  'jobs.stage.exportCopy': 'Copying the data into the new encrypted archive',
  'jobs.stage.exportPack': 'Packing the archive',
  'jobs.result.backupExported': 'The archive is ready: {filename}.',
  'jobs.error.backupExportFailed': 'The archive could not be made. The backups are untouched.',
  'jobs.error.backupExportDiskFull': 'Not enough free disk space to make the archive.',
  'jobs.error.backupExportNoPassphrase': 'The passphrase was lost when the server restarted. Start the export again.',
  'jobs.error.backupExportNotInPoint': 'This backup does not hold that data.',
};
