import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecretsRepository } from '../secrets/secrets.repository';
import type { ApplianceContextService, ApplianceSnapshot } from './appliance-context.service';
import { MatrixMembersService } from './matrix-members.service';
import { ServiceHttpError, type ServiceHttpRepository } from './service-http.repository';
import type { ServiceStepsService } from './service-steps.service';

type Call = { url: string; method: string; body?: unknown; bearer?: string };

/** Synapse's admin API for one member who signed in to chat as @dominique (or never did). */
function setup(options: { chat?: boolean; signedIn?: boolean; token?: string } = {}) {
  const calls: Call[] = [];
  const http = {
    json: (url: string, init: { method?: string; body?: string; bearer?: string } = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ url, method, body: init.body ? JSON.parse(init.body) : undefined, bearer: init.bearer });
      if (url.includes('/auth_providers/')) {
        return options.signedIn === false
          ? Promise.reject(new ServiceHttpError('404', 404, '{"errcode":"M_NOT_FOUND"}'))
          : Promise.resolve({ user_id: '@dominique:example.org' });
      }
      if (url.endsWith('/devices')) return Promise.resolve({ devices: [{ device_id: 'A' }, { device_id: 'B' }] });
      return Promise.resolve({});
    },
  };
  const snapshot = { features: options.chat === false ? [] : ['chat'] } as unknown as ApplianceSnapshot;
  const service = new MatrixMembersService(
    { load: () => Promise.resolve(snapshot) } as unknown as ApplianceContextService,
    { synapseAddress: () => Promise.resolve('10.0.0.5') } as unknown as ServiceStepsService,
    {
      matrixAdmin: () => ({ username: 'camille', accessToken: options.token ?? 'syt_admin' }),
    } as unknown as SecretsRepository,
    http as unknown as ServiceHttpRepository,
  );
  return { calls, service };
}

const member = { id: 'acc-1', username: 'dominique' };

describe('MatrixMembersService', () => {
  it("deactivates a removed member's Matrix account, found by their subject at the provider", async () => {
    const { calls, service } = setup();
    await service.deactivate(member);
    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.url}`),
      [
        'GET http://10.0.0.5:8008/_synapse/admin/v1/auth_providers/oidc-community/users/acc-1',
        'POST http://10.0.0.5:8008/_synapse/admin/v1/deactivate/%40dominique%3Aexample.org',
      ],
    );
    assert.deepEqual(calls[1].body, { erase: false });
    assert.ok(calls.every((c) => c.bearer === 'syt_admin'));
  });

  it('logs every device of a suspended member out, and keeps the account', async () => {
    const { calls, service } = setup();
    await service.signOut(member);
    const last = calls.at(-1)!;
    assert.equal(last.url, 'http://10.0.0.5:8008/_synapse/admin/v2/users/%40dominique%3Aexample.org/delete_devices');
    assert.deepEqual(last.body, { devices: ['A', 'B'] });
    assert.ok(!calls.some((c) => c.url.includes('/deactivate/')));
  });

  it('does nothing for a member who never signed in to chat, or when chat is off', async () => {
    const never = setup({ signedIn: false });
    await never.service.deactivate(member);
    assert.equal(never.calls.length, 1);
    const off = setup({ chat: false });
    await off.service.deactivate(member);
    assert.equal(off.calls.length, 0);
  });
});
