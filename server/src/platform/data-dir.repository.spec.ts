import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { DataDirRepository } from './data-dir.repository';

const mode = (path: string) => statSync(path).mode & 0o777;
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

const ROWS = 3000;

/** A database as the manager leaves it while it runs: WAL mode, the last rows still in the WAL. */
function liveDatabase(path: string): Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO note (body) VALUES (?)');
  for (let i = 0; i < ROWS; i++) insert.run(`note ${i} ${'x'.repeat(200)}`);
  return db;
}

/** Inserts rows in a loop on a thread of its own (its own connection) until stopped. */
class ConcurrentWriter {
  private readonly worker: Worker;
  private readonly halt = new Int32Array(new SharedArrayBuffer(4));
  private readonly done: Promise<number>;
  readonly started: Promise<void>;

  constructor(path: string) {
    this.worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.path, { fileMustExist: true });
       db.pragma('busy_timeout = 5000');
       const insert = db.prepare('INSERT INTO note (body) VALUES (?)');
       let n = 0;
       insert.run('during ' + n++);
       parentPort.postMessage('started');
       while (Atomics.load(workerData.halt, 0) === 0) insert.run('during ' + n++);
       db.close();
       parentPort.postMessage(n);`,
      { eval: true, workerData: { path, driver: require.resolve('better-sqlite3'), halt: this.halt } },
    );
    // The second listener is attached in the microtask after the first message, before the next.
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        this.worker.once('message', resolve);
        this.worker.once('error', reject);
      });
    this.started = next().then(() => undefined);
    this.done = this.started.then(() => next()).then((n) => n as number);
  }

  async stop(): Promise<number> {
    Atomics.store(this.halt, 0, 1);
    return this.done;
  }
}

const count = (path: string) => {
  const db = new Database(path, { fileMustExist: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return (db.prepare('SELECT count(*) AS n FROM note').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('DataDirRepository', () => {
  let root: string;
  let files: DataDirRepository;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tl-data-dir-'));
    files = new DataDirRepository(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names every file it owns under DATA_DIR, where earlier versions kept them', () => {
    const expected: Record<string, string> = {
      databaseFile: 'appliance.sqlite',
      redisDir: 'redis',
      secretsDir: 'secrets',
      serviceSecretsFile: 'secrets/services.json',
      matrixAdminFile: 'secrets/matrix-admin.json',
      legacyPendingMatrixAdminFile: 'secrets/pending-matrix-admin.json',
      setupTokenFile: 'setup-token',
      managerPidFile: 'manager.pid',
      selfUpdateDir: 'self-update',
      selfUpdateResultFile: 'self-update/result.json',
      selfUpdateLogFile: 'self-update/helper.log',
      selfUpdateDatabaseCopy: 'self-update/database-before-update.sqlite',
      legacySelfUpdateDatabaseCopyDir: 'self-update/database-before-update',
      backupPasswordFile: 'secrets/backup-password',
      backupsDir: 'backups',
      backupRepositoryDir: 'backups/repository',
      backupStagingDir: 'backups/staging',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((name) => [name, relative(root, (files as unknown as Record<string, string>)[name])]),
    );
    assert.deepEqual(actual, expected);
  });

  it('refuses a path outside DATA_DIR', () => {
    assert.throws(() => files.writeAtomic(join(root, '..', 'elsewhere'), 'x'), /outside the data directory/);
    assert.throws(() => files.readText('/etc/passwd'), /outside the data directory/);
    assert.throws(() => files.remove(join(root, 'secrets', '..', '..')), /outside the data directory/);
  });

  it('writes atomically with mode 0600 in a 0700 directory, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const path = join(files.secretsDir, 'a.json');
      files.writeAtomic(path, '{"a":1}');
      assert.equal(readFileSync(path, 'utf8'), '{"a":1}');
      assert.equal(mode(path), 0o600);
      assert.equal(mode(files.secretsDir), 0o700);
      // Replacing a file that was readable by others gives the private mode too.
      writeFileSync(files.setupTokenFile, 'old\n', { mode: 0o644 });
      files.writeAtomic(files.setupTokenFile, 'new\n');
      assert.equal(mode(files.setupTokenFile), 0o600);
      assert.equal(files.readSetupToken(), 'new');
      assert.deepEqual(leftovers(root), []);
    } finally {
      process.umask(previous);
    }
  });

  it('creates a file once: a second creation leaves the first content, 0600, no temporary file', () => {
    const path = files.fleetSigningKeyFile;
    assert.equal(files.createAtomic(path, 'first'), true);
    assert.equal(files.createAtomic(path, 'second'), false);
    assert.equal(readFileSync(path, 'utf8'), 'first');
    assert.equal(mode(path), 0o600);
    assert.deepEqual(leftovers(files.secretsDir), []);
  });

  it('leaves the old file and no partial or temporary file when a write fails midway', () => {
    files.writeAtomic(files.setupTokenFile, 'old-token\n');
    // Fails once the temporary file is open and being written (as a full disk would).
    const failing = new Proxy(new Uint8Array(64), {
      get() {
        throw new Error('disk full');
      },
    });
    assert.throws(() => files.writeAtomic(files.setupTokenFile, failing), /disk full/);
    assert.equal(readFileSync(files.setupTokenFile, 'utf8'), 'old-token\n');
    assert.deepEqual(leftovers(root), []);
  });

  it('leaves no temporary file when the final rename fails', () => {
    mkdirSync(join(files.selfUpdateResultFile, 'occupied'), { recursive: true });
    assert.throws(() => files.writeAtomic(files.selfUpdateResultFile, '{}'));
    assert.deepEqual(leftovers(files.selfUpdateDir), []);
  });

  it('reads text, undefined for a missing file; appends 0600; removes', () => {
    assert.equal(files.readText(files.managerPidFile), undefined);
    files.append(files.selfUpdateLogFile, 'one\n');
    files.append(files.selfUpdateLogFile, 'two\n');
    assert.equal(files.readText(files.selfUpdateLogFile), 'one\ntwo\n');
    assert.equal(mode(files.selfUpdateLogFile), 0o600);
    files.remove(files.selfUpdateDir);
    assert.equal(files.exists(files.selfUpdateDir), false);
  });

  it('reads the setup token and the manager pid the way the CLI needs them', () => {
    assert.equal(files.readSetupToken(), null);
    assert.equal(files.readManagerPid(), undefined);
    writeFileSync(files.setupTokenFile, '  \n');
    assert.equal(files.readSetupToken(), null);
    files.writeManagerPid(4242);
    assert.equal(files.readManagerPid(), 4242);
    assert.equal(mode(files.managerPidFile), 0o600);
    writeFileSync(files.managerPidFile, 'not a pid\n');
    assert.equal(files.readManagerPid(), undefined);
    files.removeManagerPid();
    assert.equal(existsSync(files.managerPidFile), false);
  });

  it('copies the live database online, WAL included, while another thread keeps writing', async () => {
    const manager = liveDatabase(files.databaseFile);
    const writer = new ConcurrentWriter(files.databaseFile);
    try {
      assert.ok(statSync(`${files.databaseFile}-wal`).size > 0, 'the rows are still in the WAL');
      await writer.started;
      await files.backupDatabase(files.selfUpdateDatabaseCopy);
      const written = await writer.stop();
      const copied = count(files.selfUpdateDatabaseCopy);
      assert.ok(copied > ROWS && copied <= ROWS + written, `${copied} rows copied, ${written} written meanwhile`);
      assert.equal(mode(files.selfUpdateDatabaseCopy), 0o600);
      assert.deepEqual(leftovers(files.selfUpdateDir), []);
    } finally {
      await writer.stop();
      manager.close();
    }
  });

  it('puts a copy back as the live database, dropping the WAL of the one it replaces', async () => {
    liveDatabase(files.databaseFile).close();
    await files.backupDatabase(files.selfUpdateDatabaseCopy);
    // A newer version migrates and writes, then fails: its WAL is left beside the database.
    const newer = new Database(files.databaseFile);
    newer.pragma('wal_autocheckpoint = 0');
    newer.exec('CREATE TABLE migrated (id INTEGER); DELETE FROM note WHERE id > 10');
    const leftBehind = readFileSync(`${files.databaseFile}-wal`);
    newer.close();
    writeFileSync(`${files.databaseFile}-wal`, leftBehind); // as after a crash, without checkpoint

    await files.restoreDatabase(files.selfUpdateDatabaseCopy);

    assert.equal(existsSync(`${files.databaseFile}-wal`), false);
    assert.equal(count(files.databaseFile), ROWS);
    const db = new Database(files.databaseFile, { fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    db.close();
    assert.deepEqual(
      tables.map((t) => t.name),
      ['note'],
    );
    assert.deepEqual(leftovers(root), []);
  });

  it('refuses to copy a database that does not exist', async () => {
    await assert.rejects(files.backupDatabase(files.selfUpdateDatabaseCopy), /no database/);
    assert.equal(existsSync(files.selfUpdateDatabaseCopy), false);
  });
});
