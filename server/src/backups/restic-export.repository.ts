import { Injectable } from '@nestjs/common';
import { join, relative } from 'node:path';
import type { Writable } from 'node:stream';
import { DataDirRepository } from '../platform/data-dir.repository';
import { ExportFiles } from './backup-export.files';
import { DATA_MOUNT, repositoryArg } from './restic.container';
import { parseSnapshots } from './restic.output';
import { ResticRepository } from './restic.repository';
import type { BackupTarget, ResticRunOptions, ResticSnapshot } from './restic.types';

/**
 * The restic side of a portable export, in short-lived containers of the restic image as every restic
 * call of ours (ResticRepository.restic): a new repository under `exports/work` encrypted with the
 * admin's passphrase (a 0600 file; restic reads it, it never enters an environment or a log), the
 * chosen snapshots copied into it from the backup repository, then `tar` of it streamed out. restic
 * writes its files as root inside its container, so the packing and the clean-up run there too.
 */
@Injectable()
export class ResticExportRepository {
  constructor(
    private readonly restic: ResticRepository,
    private readonly files: DataDirRepository,
    private readonly layout: ExportFiles,
  ) {}

  /**
   * A new repository with the source's chunker parameters, so the copy keeps its deduplication.
   * Compression and format are restic 0.14's defaults (repository version 2): 0.14 or newer opens it.
   */
  async init(source: BackupTarget, options: ResticRunOptions = {}): Promise<void> {
    await this.restic.restic(source, {
      args: ['init', '--copy-chunker-params', ...this.from(source)],
      ...this.destination(),
      signal: options.signal,
    });
  }

  /** `restic copy` of these snapshots (ids of the source) into the export repository. */
  async copy(source: BackupTarget, snapshotIds: readonly string[], options: ResticRunOptions = {}): Promise<void> {
    await this.restic.restic(source, {
      args: ['copy', ...this.from(source), ...snapshotIds],
      ...this.destination(),
      signal: options.signal,
    });
  }

  /** The export repository's own snapshots (copies get new ids). */
  async snapshots(): Promise<ResticSnapshot[]> {
    return parseSnapshots(await this.restic.restic({ kind: 'local' }, { args: ['snapshots'], ...this.destination() }));
  }

  /** `tar` of the README and the repository, streamed into `output` (a file the manager owns). */
  async pack(output: Writable, options: ResticRunOptions = {}): Promise<void> {
    await this.restic.restic(
      { kind: 'local' },
      {
        args: ['-c', '-f', '-', '-C', this.inside(this.layout.workDir), 'README.txt', 'repository'],
        entrypoint: ['tar'],
        access: 'readAny',
        stdout: output,
        signal: options.signal,
      },
    );
  }

  /** Removes the work directory, restic's root-owned files included. */
  async removeWork(): Promise<void> {
    await this.restic.restic(
      { kind: 'local' },
      { args: ['-rf', this.inside(this.layout.workDir)], entrypoint: ['rm'], access: 'writeAny' },
    );
  }

  /** The source repository and its password for `--from-*` (the backup repository's own key file). */
  private from(source: BackupTarget): string[] {
    return ['--from-repo', repositoryArg(source), '--from-password-file', this.inside(this.files.backupPasswordFile)];
  }

  private destination() {
    const repository = this.inside(join(this.layout.workDir, 'repository'));
    return { repository, passwordFile: this.layout.passphraseFile };
  }

  /** A path of the data directory as restic's container sees it. */
  private inside(path: string): string {
    return `${DATA_MOUNT}/${relative(this.files.root, path)}`;
  }
}
