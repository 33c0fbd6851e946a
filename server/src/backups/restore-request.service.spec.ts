import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiException } from '../common/api-error';
import type { JobsService } from '../jobs/jobs.service';
import type { InstallationRepository } from '../setup/installation.repository';
import type { ResticRepository } from './restic.repository';
import { partSnapshot } from './restic.fixtures.spec';
import { ResticError, type ResticSnapshot } from './restic.types';
import { RestoreRequestService } from './restore-request.service';

const RUN = '5f1c2a9e-1111-4222-8333-944455556666';
const POINT: ResticSnapshot[] = [
  partSnapshot(RUN, 'a', 'synapse', 'database', '/synapse.pgdump'),
  partSnapshot(RUN, 'b', 'appliance', 'appliance', '/data/x'),
];

function service(snapshots: () => Promise<ResticSnapshot[]>, installed = true) {
  const queued: unknown[] = [];
  const restic = {
    snapshots: (_t: unknown, tags: string[]) => (tags.includes(`run=${RUN}`) ? snapshots() : Promise.resolve([])),
  };
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
  );
  return { svc, queued };
}

const status = (code: number) => (err: unknown) => err instanceof ApiException && err.getStatus() === code;

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
});
