import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineRepository } from '../engine/engine.repository';
import type { ExecOptions } from '../engine/engine.types';
import { Clock } from '../platform/clock';
import type { ApplianceContextService, ApplianceSnapshot } from './appliance-context.service';
import { PadFilesMembersService } from './pad-files-members.service';
import type { ServiceStepsService } from './service-steps.service';

type Exec = { id: string; cmd: readonly string[]; options: ExecOptions };

function setup(options: { features: string[]; nextcloudUser?: boolean; failing?: string } = { features: [] }) {
  const execs: Exec[] = [];
  const engine = {
    exec: (id: string, cmd: readonly string[], opts: ExecOptions = {}) => {
      execs.push({ id, cmd, options: opts });
      if (cmd.includes('user:info')) return Promise.resolve(options.nextcloudUser === false ? 1 : 0);
      return Promise.resolve(options.failing && cmd.includes(options.failing) ? 3 : 0);
    },
  };
  const snapshot = { features: options.features } as unknown as ApplianceSnapshot;
  const service = new PadFilesMembersService(
    { load: () => Promise.resolve(snapshot) } as unknown as ApplianceContextService,
    {
      container: (_s: unknown, id: string) => Promise.resolve({ id: `${id}-id`, state: 'running' }),
    } as unknown as ServiceStepsService,
    engine as unknown as EngineRepository,
    new Clock(),
  );
  return { execs, service };
}

const member = { id: 'acc-1', username: 'dominique' };

describe('PadFilesMembersService', () => {
  it('does nothing while neither pad nor files is on', async () => {
    const { execs, service } = setup({ features: ['chat'] });
    await service.follow('removed', member);
    assert.deepEqual(execs, []);
  });

  it("ends a removed member's pad sessions through psql and disables their files account with occ", async () => {
    const { execs, service } = setup({ features: ['pad', 'files'] });
    await service.follow('removed', member);
    assert.equal(execs[0].id, 'postgres-id');
    assert.match(execs[0].options.stdin as string, /profileid = 'acc-1'/);
    assert.deepEqual(
      execs.slice(1).map((e) => [e.id, e.options.user, e.cmd[3]]),
      [
        ['nextcloud-id', 'www-data', 'user:info'],
        ['nextcloud-id', 'www-data', 'user:disable'],
        ['nextcloud-id', 'www-data', 'user:auth-tokens:delete'],
      ],
    );
  });

  it('skips files for a member who never signed in there', async () => {
    const { execs, service } = setup({ features: ['files'], nextcloudUser: false });
    await service.follow('removed', member);
    assert.deepEqual(
      execs.map((e) => e.cmd[3]),
      ['user:info'],
    );
  });

  it('re-enables files on resume and leaves pad alone', async () => {
    const { execs, service } = setup({ features: ['pad', 'files'] });
    await service.follow('resumed', member);
    assert.deepEqual(
      execs.map((e) => e.cmd[3]),
      ['user:info', 'user:enable'],
    );
  });

  it('tries files even when pad failed, and reports the failure', async () => {
    const { execs, service } = setup({ features: ['pad', 'files'], failing: 'psql' });
    await assert.rejects(service.follow('removed', member), /pad: ending the HedgeDoc sessions failed/);
    assert.ok(execs.some((e) => e.cmd.includes('user:disable')));
  });
});
