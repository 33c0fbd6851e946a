import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { migratedDatabase } from '../setup/installation.fixtures.spec';
import { queuedJob, type JobEntity } from './job.entity';
import { JobRepository } from './job.repository';
import type { JobState } from './job.types';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-29T12:00:00.000Z');

function job(id: string, state: JobState, ageDays: number): JobEntity {
  return { ...queuedJob(id, 'enable', 'pad', new Date(NOW.getTime() - ageDays * DAY)), state };
}

/** Job history pruning on a real SQLite file, migrated as in production. */
describe('JobRepository.pruneFinished', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-jobs-spec-'));
  let db: DataSource;
  let jobs: JobRepository;

  before(async () => {
    db = await migratedDatabase(dir);
    jobs = new JobRepository(db);
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes old finished jobs, keeps recent ones, unfinished ones and the newest few whatever their age', async () => {
    for (let i = 0; i < 10; i++) await jobs.insert(job(`old-${i}`, i % 2 ? 'failed' : 'succeeded', 60 + i));
    await jobs.insert(job('old-running', 'running', 90));
    await jobs.insert(job('recent', 'succeeded', 1));
    const deleted = await jobs.pruneFinished(new Date(NOW.getTime() - 30 * DAY), 3);
    // Kept: the 3 newest (recent, old-0, old-1), and the unfinished one.
    assert.equal(deleted, 8);
    assert.ok(await jobs.findById('recent'));
    assert.ok(await jobs.findById('old-0'));
    assert.ok(await jobs.findById('old-1'));
    assert.ok(await jobs.findById('old-running'));
    assert.equal(await jobs.findById('old-9'), null);
  });
});
