import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiException } from '../common/api-error';
import type { JobsService } from '../jobs/jobs.service';
import type { InstallationRepository } from '../setup/installation.repository';
import type { ResticRepository } from './restic.repository';
import { partSnapshot } from './restic.fixtures.spec';
import { ResticError, type ResticSnapshot } from './restic.types';
import { RestoreRequestService } from './restore-request.service';
import type { AppConfig } from '../config/app-config';
import type { BackupRunRepository } from './backup-run.repository';
import type { BackupTargetRepository } from './backup-target.repository';
import { TargetPointsService } from './target-points.service';

const RUN = '5f1c2a9e-1111-4222-8333-944455556666';
const PLACE = '0c4f7a52-2222-4333-8444-955566667777';
const PLACE_TARGET = { kind: 'rest', url: 'http://coop@backup.example/', repositoryFile: 'secrets/t' } as const;
const POINT: ResticSnapshot[] = [
  partSnapshot(RUN, 'a', 'synapse', 'database', '/synapse.pgdump'),
  partSnapshot(RUN, 'b', 'appliance', 'appliance', '/data/x'),
];

function service(snapshots: (target: unknown) => Promise<ResticSnapshot[]>, installed = true) {
  const queued: unknown[] = [];
  const restic = {
    snapshots: (target: unknown, tags: string[]) =>
      tags.includes(`run=${RUN}`) ? snapshots(target) : Promise.resolve([]),
  };
  const targets = {
    find: (id: string) => Promise.resolve(id === PLACE ? { id, location: 'http://coop@backup.example/' } : null),
    stored: (row: unknown) => ({ row, target: PLACE_TARGET, retention: null }),
  };
  const places = new TargetPointsService(
    targets as unknown as BackupTargetRepository,
    { byId: () => Promise.resolve(new Map()) } as unknown as BackupRunRepository,
    restic as unknown as ResticRepository,
    { backupTargetTimeoutSec: 30 } as AppConfig,
  );
  const jobs = {
    create: (kind: string, target: string, options: unknown) => {
      queued.push({ kind, target, options });
      return Promise.resolve({ id: 'job-1' });
    },
  };
  const installation = { get: () => Promise.resolve(installed ? { applianceId: 'x' } : null) };
  const svc = new RestoreRequestService(
    restic as unknown as ResticRepository,
    jobs as unknown as JobsService,
    installation as unknown as InstallationRepository,
    places,
  );
  return { svc, queued };
}

const status = (code: number) => (err: unknown) => err instanceof ApiException && err.getStatus() === code;
const refused = (code: number, problem: string) => (err: unknown) =>
  status(code)(err) &&
  ((err as ApiException).getResponse() as { errors: Array<{ code: string }> }).errors[0].code === problem;

describe('RestoreRequestService: checked at request time, then queued', () => {
  it('queues a backupRestore job on the backups target with the point and the features', async () => {
    const { svc, queued } = service(() => Promise.resolve(POINT));
    assert.deepEqual(await svc.restore(RUN, ['chat']), { jobId: 'job-1' });
    assert.deepEqual(queued, [
      { kind: 'backupRestore', target: 'backups', options: { snapshot: RUN, services: ['chat'] } },
    ]);
  });

  it('answers 404 for a point that does not exist, or when no backup was ever made here', async () => {
    await assert.rejects(service(() => Promise.resolve(POINT)).svc.restore('0123456789abcdef', ['chat']), status(404));
    const none = service(() => Promise.reject(new ResticError('noRepository', 'no backup password yet')));
    await assert.rejects(none.svc.restore(RUN, ['chat']), status(404));
  });

  it('answers 400 for a feature the point does not hold, and for the manager own part on a live appliance', async () => {
    const { svc, queued } = service(() => Promise.resolve(POINT));
    await assert.rejects(svc.restore(RUN, ['pad']), status(400));
    await assert.rejects(svc.restore(RUN, ['chat', 'appliance']), status(400));
    assert.deepEqual(queued, []);
  });

  it('answers 409 before the setup is finished', async () => {
    await assert.rejects(service(() => Promise.resolve(POINT), false).svc.restore(RUN, ['chat']), status(409));
  });

  it('reads the point from another place when given its id, and queues the restore from there', async () => {
    const read: unknown[] = [];
    const { svc, queued } = service((target) => {
      read.push(target);
      return Promise.resolve(target === PLACE_TARGET ? POINT : []);
    });
    assert.deepEqual(await svc.restore(RUN, ['chat'], PLACE), { jobId: 'job-1' });
    assert.deepEqual(read, [PLACE_TARGET]);
    assert.deepEqual(queued, [
      { kind: 'backupRestore', target: 'backups', options: { snapshot: RUN, services: ['chat'], targetId: PLACE } },
    ]);
  });

  it('answers 404 for an unknown place or a point it does not hold, 502 for a place that does not answer', async () => {
    const { svc, queued } = service((target) => Promise.resolve(target === PLACE_TARGET ? [] : POINT));
    await assert.rejects(
      svc.restore(RUN, ['chat'], '0c4f7a52-0000-4333-8444-955566667777'),
      refused(404, 'targetNotFound'),
    );
    await assert.rejects(svc.restore(RUN, ['chat'], PLACE), refused(404, 'pointNotAtTarget'));
    const down = service(() => Promise.reject(new ResticError('unreachable', 'connection refused')));
    await assert.rejects(down.svc.restore(RUN, ['chat'], PLACE), refused(502, 'targetUnreachable'));
    assert.deepEqual(queued, []);
  });
});
