import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobRegistryError, checkJobHandlers } from './job-registry';

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
