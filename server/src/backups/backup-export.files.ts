import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { DataDirRepository } from '../platform/data-dir.repository';
import { parseExportRecord, type ExportRecord } from './backup-export';

/**
 * Where a portable export lives, under `<DATA_DIR>/backups/exports` (never backed up: only the
 * staging area and the secrets are): `work/` while it is built (restic's files), `passphrase` between
 * the request and the end of its job (0600, never in the job's row, Redis or a log), and the one
 * archive kept, `archive.tar`, with `archive.json` naming the export that made it. A fixed name keeps
 * one archive at most on the disk: a new export replaces it.
 */
@Injectable()
export class ExportFiles {
  constructor(private readonly files: DataDirRepository) {}

  get workDir(): string {
    return join(this.files.exportsDir, 'work');
  }

  get passphraseFile(): string {
    return join(this.files.exportsDir, 'passphrase');
  }

  get archiveFile(): string {
    return join(this.files.exportsDir, 'archive.tar');
  }

  get recordFile(): string {
    return join(this.files.exportsDir, 'archive.json');
  }

  writePassphrase(passphrase: string): void {
    this.files.writeAtomic(this.passphraseFile, passphrase);
  }

  removePassphrase(): void {
    this.files.remove(this.passphraseFile);
  }

  hasPassphrase(): boolean {
    return this.files.exists(this.passphraseFile);
  }

  /** The kept archive's record, undefined when there is none (or a damaged one). */
  record(): ExportRecord | undefined {
    return parseExportRecord(this.files.readText(this.recordFile));
  }

  /** Written once the archive is whole: an archive without its record is never served. */
  saveRecord(record: ExportRecord): void {
    this.files.writeAtomic(this.recordFile, JSON.stringify(record));
  }

  /** The record first, so a crash in between leaves an archive nobody can download, not a record of none. */
  dropArchive(): void {
    this.files.remove(this.recordFile);
    this.files.remove(this.archiveFile);
  }

  hasArchive(): boolean {
    return this.files.exists(this.archiveFile);
  }

  openArchive() {
    return this.files.openRead(this.archiveFile);
  }

  /** A new, empty archive file to stream into (0600); the exports directory is created if needed. */
  createArchive() {
    this.files.ensureDir(this.files.exportsDir);
    this.files.remove(this.archiveFile);
    return this.files.openWrite(this.archiveFile);
  }
}
