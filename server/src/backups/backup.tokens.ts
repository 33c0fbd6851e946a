/** Injection tokens of the backups module's outside parts (interfaces have no runtime class). */
export const RESTIC_PORT = Symbol('ResticPort');
/** The BackupTarget the scheduled jobs, retention and checks work on. */
export const BACKUP_TARGET = Symbol('BackupTarget');
