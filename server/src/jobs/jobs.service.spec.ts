import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Queue } from 'bull';
import { firstValueFrom, toArray } from 'rxjs';
import { Clock } from '../platform/clock';
import { JobFailure } from './job-handler';
import type { JobEntity } from './job.entity';
import type { JobRepository } from './job.repository';
import type { JobPayload, JobState } from './job.types';
import { EngineUnreachableError } from '../engine/engine.errors';
import { JobsService, failureOf } from './jobs.service';

/** The repository's contract on a Map; the real one is tested on SQLite in job.repository.spec.ts. */
class FakeJobRepository {
  readonly rows = new Map<string, JobEntity>();
  insert(job: JobEntity) {
    this.rows.set(job.id, { ...job });
    return Promise.resolve();
  }
  findById(id: string) {
    const row = this.rows.get(id);
    return Promise.resolve(row ? { ...row } : null);
  }
  update(id: string, patch: Partial<JobEntity>) {
    const row = this.rows.get(id);
    if (row) this.rows.set(id, { ...row, ...patch });
    return Promise.resolve();
  }
  findInStates(states: JobState[]) {
    return Promise.resolve([...this.rows.values()].filter((r) => states.includes(r.state)));
  }
  findActiveFor(target: string) {
    const row = [...this.rows.values()].find((r) => r.target === target && ['queued', 'running'].includes(r.state));
    return Promise.resolve(row ?? null);
  }
  pruneFinished() {
    return Promise.resolve(0);
  }
}

function setup() {
  const repo = new FakeJobRepository();
  const queued = new Map<string, JobPayload>();
  const queue = {
    add: (_name: string, data: JobPayload) => {
      queued.set(data.jobId, data);
      return Promise.resolve();
    },
    getJob: (id: string) => Promise.resolve(queued.has(id) ? { id } : null),
  } as unknown as Queue<JobPayload>;
  const jobs = new JobsService(repo as unknown as JobRepository, queue, new Clock());
  return { repo, queued, jobs };
}

describe('JobsService: typed progress, results and errors', () => {
  it('records a stage with its parameters and the percent, and serves them as the snapshot', async () => {
    const { repo, jobs } = setup();
    const { id } = await jobs.create('enable', 'pad');
    assert.equal(await jobs.start(id), true);
    await jobs.progress(id, { stage: 'download', params: { image: 'hedgedoc:1.10' }, percent: 42.6 });
    const row = repo.rows.get(id)!;
    assert.equal(row.stage, 'download');
    assert.equal(row.stageParams, '{"image":"hedgedoc:1.10"}');
    assert.equal(row.progress, 43);
    assert.deepEqual(await jobs.get(id), {
      id,
      kind: 'enable',
      target: 'pad',
      state: 'running',
      progress: { stage: 'download', params: { image: 'hedgedoc:1.10' }, percent: 43 },
      result: null,
      error: null,
    });
  });

  it('succeeds with a result key and parameters, at 100 %', async () => {
    const { jobs } = setup();
    const { id } = await jobs.create('update', 'pad');
    await jobs.start(id);
    await jobs.succeed(id, 'updated', { images: 'hedgedoc:1.10' });
    const job = await jobs.get(id);
    assert.equal(job.state, 'succeeded');
    assert.deepEqual(job.progress, { stage: 'done', params: {}, percent: 100 });
    assert.deepEqual(job.result, { key: 'updated', params: { images: 'hedgedoc:1.10' } });
    assert.equal(job.error, null);
  });

  it('keeps a JobFailure as it is: key, parameters and detail, at the stage it stopped', async () => {
    const { jobs } = setup();
    const { id } = await jobs.create('selfUpdate', 'appliance');
    await jobs.start(id);
    await jobs.progress(id, { stage: 'download', params: { image: 'appliance:2' }, percent: 30 });
    await jobs.failWith(id, new JobFailure('downloadFailed', { image: 'appliance:2' }, 'connection reset'));
    const job = await jobs.get(id);
    assert.equal(job.state, 'failed');
    assert.deepEqual(job.error, {
      key: 'downloadFailed',
      params: { image: 'appliance:2' },
      detail: 'connection reset',
    });
    assert.deepEqual(job.progress, { stage: 'download', params: { image: 'appliance:2' }, percent: 30 });
  });

  it("fails anything else as 'unexpected', its message as the technical detail", async () => {
    const { jobs } = setup();
    const { id } = await jobs.create('restart', 'chat');
    await jobs.start(id);
    await jobs.failWith(id, new Error('stop synapse failed: engine unreachable'));
    assert.deepEqual((await jobs.get(id)).error, {
      key: 'unexpected',
      params: {},
      detail: 'stop synapse failed: engine unreachable',
    });
    assert.deepEqual(failureOf('a thrown string'), { key: 'unexpected', params: {}, detail: 'a thrown string' });
    assert.deepEqual(failureOf(new JobFailure('interrupted')), { key: 'interrupted', params: {}, detail: null });
    const engine = new EngineUnreachableError('read engine info: connect ENOENT /var/run/docker.sock');
    assert.deepEqual(failureOf(engine), { key: 'engineUnreachable', params: {}, detail: engine.message });
  });

  it('drops a progress report that arrives after the end, and never starts a row twice', async () => {
    const { jobs } = setup();
    const { id } = await jobs.create('stop', 'pad');
    assert.equal(await jobs.start(id), true);
    assert.equal(await jobs.start(id), false);
    await jobs.succeed(id, 'stopped');
    await jobs.progress(id, { stage: 'stop', params: { service: 'hedgedoc' }, percent: 50 });
    const job = await jobs.get(id);
    assert.equal(job.state, 'succeeded');
    assert.equal(job.progress.percent, 100);
  });

  it("settles at boot what a previous run left unfinished as 'interrupted'; a still queued job waits", async () => {
    const { repo, queued, jobs } = setup();
    const running = await jobs.create('enable', 'chat');
    await jobs.start(running.id);
    const waiting = await jobs.create('enable', 'pad');
    const lost = await jobs.record('enable', 'files');
    await jobs.onApplicationBootstrap();
    jobs.onApplicationShutdown();
    assert.ok(queued.has(waiting.id));
    assert.deepEqual((await jobs.get(running.id)).error, { key: 'interrupted', params: {}, detail: null });
    assert.equal((await jobs.get(lost.id)).state, 'failed');
    assert.equal(repo.rows.get(waiting.id)!.state, 'queued');
  });

  it('streams each change of a job and completes after its final state', async () => {
    const { jobs } = setup();
    const { id } = await jobs.create('reconcile', 'appliance');
    const seen = firstValueFrom((await jobs.follow(id)).pipe(toArray()));
    await jobs.start(id);
    await jobs.progress(id, { stage: 'create', params: { service: 'postgres' }, percent: 20 });
    await jobs.fail(id, 'unexpected', {}, 'boom');
    const states = (await seen).map((s) => `${s.state}:${s.progress.stage}`);
    assert.deepEqual(states, ['queued:queued', 'running:queued', 'running:create', 'failed:create']);
  });
});
