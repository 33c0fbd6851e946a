import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Injectable, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { HandlesJobs, type JobHandler, type JobOutcome } from './job-handler';
import { JobKinds, JobRegistry, JobRegistryError, checkJobHandlers } from './job-registry';

const operations = {
  name: 'OperationsService (ServicesModule)',
  kinds: ['enable', 'disable'] as const,
  handler: 'ops',
};
const selfUpdate = { name: 'SelfUpdateRunner (SelfUpdateModule)', kinds: ['selfUpdate'] as const, handler: 'self' };

describe('checkJobHandlers (the job registry boot check)', () => {
  it('maps each declared kind to its one handler', () => {
    const map = checkJobHandlers(
      [
        { owner: 'ServicesModule', kinds: ['enable', 'disable'] },
        { owner: 'SelfUpdateModule', kinds: ['selfUpdate'] },
      ],
      [operations, selfUpdate],
    );
    assert.deepEqual(
      [...map],
      [
        ['enable', 'ops'],
        ['disable', 'ops'],
        ['selfUpdate', 'self'],
      ],
    );
  });

  it('fails loudly on a kind without a handler, naming the kind and the module that declares it', () => {
    assert.throws(
      () => checkJobHandlers([{ owner: 'ServicesModule', kinds: ['enable', 'disable', 'restart'] }], [operations]),
      (err: unknown) =>
        err instanceof JobRegistryError &&
        err.problems.length === 1 &&
        /job kind "restart" \(declared by ServicesModule\) has no handler/.test(err.message),
    );
  });

  it('fails on a kind with two handlers, naming both', () => {
    const twin = { ...operations, name: 'OtherService (OtherModule)', kinds: ['disable'] as const };
    assert.throws(
      () => checkJobHandlers([{ owner: 'ServicesModule', kinds: ['enable', 'disable'] }], [operations, twin]),
      /job kind "disable" has 2 handlers \(OperationsService \(ServicesModule\), OtherService \(OtherModule\)\)/,
    );
  });

  it('fails on a handler whose kind no loaded module declares', () => {
    assert.throws(
      () => checkJobHandlers([{ owner: 'ServicesModule', kinds: ['enable', 'disable'] }], [operations, selfUpdate]),
      /SelfUpdateRunner \(SelfUpdateModule\) handles job kind "selfUpdate", which no loaded module declares/,
    );
  });

  it('checks only the kinds of the loaded modules: a mode without modules that queue jobs needs no handler', () => {
    assert.equal(checkJobHandlers([], []).size, 0);
  });

  it('reports every problem at once', () => {
    assert.throws(
      () => checkJobHandlers([{ owner: 'A', kinds: ['start', 'stop'] }], []),
      (err: unknown) => err instanceof JobRegistryError && err.problems.length === 2,
    );
  });
});

/** The same check wired into a real Nest boot: discovery finds decorated modules and providers. */
describe('JobRegistry at boot', () => {
  async function boot(...providers: Type[]) {
    @JobKinds('start', 'stop')
    @Module({ providers })
    class FeaturesModule {}
    @Module({ imports: [DiscoveryModule, FeaturesModule], providers: [JobRegistry] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false, abortOnError: false });
    return { app, registry: app.get(JobRegistry) };
  }

  @Injectable()
  @HandlesJobs('start', 'stop')
  class StartStop implements JobHandler {
    run(): Promise<JobOutcome> {
      return Promise.resolve({ kind: 'done', result: 'started' });
    }
  }

  @Injectable()
  @HandlesJobs('start')
  class StartOnly implements JobHandler {
    run(): Promise<JobOutcome> {
      return Promise.resolve({ kind: 'done', result: 'started' });
    }
  }

  it('finds the handler of each kind the loaded modules declare', async () => {
    const { app, registry } = await boot(StartStop);
    assert.ok(registry.handlerFor('stop') instanceof StartStop);
    assert.equal(registry.handlerFor('enable'), undefined);
    await app.close();
  });

  it('refuses to boot when a declared kind has no handler', async () => {
    await assert.rejects(boot(StartOnly), (err: unknown) => {
      assert.ok(err instanceof JobRegistryError);
      assert.match(err.message, /job kind "stop" \(declared by FeaturesModule\) has no handler/);
      return true;
    });
  });
});
