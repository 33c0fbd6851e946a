import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SelfUpdateFiles } from './self-update.files';
import type { SelfUpdateResult } from './self-update.types';

const notes = (path: string) => {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.prepare('SELECT body FROM note ORDER BY id').all() as { body: string }[]).map((r) => r.body);
  } finally {
    db.close();
  }
};

describe('SelfUpdateFiles', () => {
  let root: string;
  let data: DataDirRepository;
  let files: SelfUpdateFiles;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tl-self-update-files-'));
    data = new DataDirRepository(root);
    files = new SelfUpdateFiles(data, { now: () => new Date('2026-11-30T02:00:00Z') });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the result atomically, 0600, and ignores a file that is not one of ours', () => {
    assert.equal(files.readResult(), undefined);
    const result: SelfUpdateResult = {
      state: 'succeeded',
      reason: null,
      fromVersion: '0.1.0',
      toVersion: '0.2.0',
      from: 'sha256:a',
      to: 'sha256:b',
      at: '2026-11-30T02:00:00.000Z',
      jobId: 'job-1',
    };
    files.writeResult(result);
    assert.deepEqual(files.readResult(), result);
    assert.equal(statSync(join(root, 'self-update', 'result.json')).mode & 0o777, 0o600);
    writeFileSync(files.resultPath, '{"state":"whatever"}');
    assert.equal(files.readResult(), undefined);
  });

  it('logs lines stamped by the injected clock', () => {
    files.startLog();
    files.log('stopping');
    assert.equal(readFileSync(files.logPath, 'utf8'), '2026-11-30T02:00:00.000Z stopping\n');
  });

  it('puts back the database as it was before the update, through an online copy', async () => {
    const db = new Database(data.databaseFile);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note (body) VALUES ('before')");
    // An earlier version's plain copy of the files is replaced by the online copy.
    mkdirSync(data.legacySelfUpdateDatabaseCopyDir, { recursive: true });
    await files.backupDatabase();
    assert.equal(existsSync(data.legacySelfUpdateDatabaseCopyDir), false);
    db.exec("INSERT INTO note (body) VALUES ('written by the new version')");
    db.close();

    await files.restoreDatabase();
    assert.deepEqual(notes(data.databaseFile), ['before']);
  });

  it('refuses to restore without a copy', async () => {
    await assert.rejects(files.restoreDatabase(), /no database copy/);
  });
});
