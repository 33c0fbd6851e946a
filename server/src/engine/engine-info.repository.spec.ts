import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { EngineInfoRepository } from './engine-info.repository';
import { EngineUnreachableError } from './engine.errors';

const repository = (client: Partial<Record<'ping' | 'info' | 'listContainers', () => Promise<unknown>>>) =>
  new EngineInfoRepository(client as unknown as Docker);

describe('EngineInfoRepository', () => {
  it('names the containers that publish the asked ports, by name or else by id', async () => {
    const engine = repository({
      listContainers: () =>
        Promise.resolve([
          { Id: 'a1', Names: ['/web'], Ports: [{ PublicPort: 80 }, { PublicPort: 443 }, { PrivatePort: 9000 }] },
          { Id: 'b2', Names: [], Ports: [{ PublicPort: 8080 }] },
          { Id: 'c3', Ports: [{ PublicPort: 443 }] },
        ]),
    });
    assert.deepEqual(await engine.publishersOf([80, 443]), [
      { port: 80, container: 'web' },
      { port: 443, container: 'web' },
      { port: 443, container: 'c3' },
    ]);
  });

  it("reads the machine from the engine's info, with zeros and empty strings for what it omits", async () => {
    const engine = repository({
      info: () => Promise.resolve({ ServerVersion: '27.1', MemTotal: 4096, Architecture: 'aarch64' }),
    });
    assert.deepEqual(await engine.info(), { serverVersion: '27.1', totalMemoryBytes: 4096, arch: 'aarch64', cpus: 0 });
  });

  it('turns an unreachable socket into a typed error', async () => {
    const refused = Object.assign(new Error('connect ENOENT /nonexistent.sock'), { code: 'ENOENT' });
    const engine = repository({ ping: () => Promise.reject(refused) });
    await assert.rejects(engine.ping(), EngineUnreachableError);
  });
});
