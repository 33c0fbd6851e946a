import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, it } from 'node:test';
import { EngineRepository, dockerClient } from './engine.repository';
import { deferFunctionModule, unusedDockerodeParts } from './dockerode.deferred-parts';

const loaded = (pattern: RegExp) => Object.keys(require.cache).filter((file) => pattern.test(file));

describe('dockerode deferred parts', () => {
  it('loading and constructing the engine repository loads neither ssh2 nor gRPC', () => {
    new EngineRepository(dockerClient({ socketPath: '/nonexistent/docker.sock' }));
    assert.ok(loaded(/node_modules\/dockerode\//).length > 0, 'dockerode itself is loaded');
    assert.deepEqual(loaded(/node_modules\/(ssh2|@grpc\/grpc-js|@grpc\/proto-loader|protobufjs)\//), []);
  });

  it('a deferred part loads the real file on its first call, once', () => {
    const sshFile = unusedDockerodeParts()[1];
    const standIn = require.cache[sshFile]?.exports as (opts: object) => unknown;
    const agent = standIn({});
    assert.ok(agent instanceof Agent, 'the real docker-modem ssh transport answered');
    assert.ok(loaded(/node_modules\/ssh2\//).length > 0);
    const real = require.cache[sshFile]?.exports;
    assert.notEqual(real, standIn);
    assert.ok(standIn({}) instanceof Agent);
    assert.equal(require.cache[sshFile]?.exports, real, 'not loaded a second time');
  });

  it('leaves a file that is already loaded alone', () => {
    const [sessionFile, sshFile] = unusedDockerodeParts();
    assert.equal(deferFunctionModule(sshFile), false);
    assert.equal(deferFunctionModule(sessionFile), false, 'the session stand-in stays until its first call');
  });
});
