import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerDetails, EngineRunConfig, ImageDetails } from '../engine/engine.types';
import { HelperUnsupportedError, helperSpec, replicaOf } from './self-update.replica';

const ID = '0123456789ab' + 'c'.repeat(52);
const HEALTH = { Test: ['CMD', 'node', '-e', 'probe'], Interval: 10e9, Timeout: 5e9, Retries: 3, StartPeriod: 60e9 };

const imageConfig: EngineRunConfig = {
  Env: ['PATH=/usr/local/bin:/usr/bin', 'DATA_DIR=/data', 'APPLIANCE_VERSION=0.1.0'],
  Cmd: ['node', '/app/server/dist/main.js'],
  Entrypoint: ['tini', '--', '/usr/local/bin/appliance-entrypoint'],
  Labels: { 'org.opencontainers.image.version': '0.1.0', 'org.opencontainers.image.title': 'tiers-lieux appliance' },
  WorkingDir: '/app',
  User: '',
  Healthcheck: HEALTH,
  ExposedPorts: { '8080/tcp': {} },
  StopSignal: null,
  StopTimeout: null,
};
const oldImage: ImageDetails = {
  id: 'sha256:old',
  repoTags: ['tiers-lieux/appliance:dev'],
  repoDigests: [],
  config: imageConfig,
};

/** As `docker run --name tl --restart unless-stopped -v sock -v tl-data:/data -p ... -e ... --label ...`. */
function manager(overrides: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    id: ID,
    name: 'tl',
    imageRef: 'tiers-lieux/appliance:dev',
    imageId: 'sha256:old',
    state: 'running',
    health: 'healthy',
    lastHealthOutput: undefined,
    exitCode: 0,
    restartCount: 0,
    config: {
      ...imageConfig,
      Env: [...imageConfig.Env, 'APPLIANCE_UPDATE_IMAGE=tl/appliance:channel', 'TLS_MODE=off'],
      Labels: { ...imageConfig.Labels, 'com.example.owner': 'camille' },
      ExposedPorts: { '8080/tcp': {}, '9000/tcp': {} },
    },
    hostConfig: {
      Binds: ['/var/run/docker.sock:/var/run/docker.sock', 'tl-data:/data'],
      PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] },
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      NetworkMode: 'default',
      Memory: 536870912,
      GroupAdd: ['998'],
      Links: ['/db:/tl/db'],
    },
    mounts: [
      { kind: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false },
      { kind: 'volume', source: 'tl-data', target: '/data', readOnly: false },
    ],
    networks: [
      { name: 'bridge', aliases: [] },
      { name: 'tl-1234-frontend', aliases: ['manager', ID.slice(0, 12)] },
    ],
    ...overrides,
  };
}

describe('replicaOf', () => {
  it('keeps what was chosen at docker run and leaves the image defaults to the new image', () => {
    const { spec, connect } = replicaOf(manager(), oldImage, 'tl/appliance:channel');
    assert.equal(spec.name, 'tl');
    assert.equal(spec.Image, 'tl/appliance:channel');
    assert.deepEqual(spec.Env, ['APPLIANCE_UPDATE_IMAGE=tl/appliance:channel', 'TLS_MODE=off']);
    assert.deepEqual(spec.Labels, { 'com.example.owner': 'camille' });
    // The image's command, entrypoint and HEALTHCHECK come from the new image, not pinned from the old.
    assert.equal(spec.Cmd, undefined);
    assert.equal(spec.Entrypoint, undefined);
    assert.equal(spec.Healthcheck, undefined);
    assert.equal(spec.WorkingDir, undefined);
    assert.deepEqual(spec.ExposedPorts, { '9000/tcp': {} });
    assert.deepEqual(spec.HostConfig.PortBindings, manager().hostConfig.PortBindings);
    assert.deepEqual(spec.HostConfig.RestartPolicy, { Name: 'unless-stopped', MaximumRetryCount: 0 });
    assert.deepEqual(spec.HostConfig.Binds, manager().hostConfig.Binds);
    assert.equal(spec.HostConfig.Memory, 536870912);
    assert.deepEqual(spec.HostConfig.GroupAdd, ['998']);
    assert.equal('Links' in spec.HostConfig, false);
    assert.equal(spec.HostConfig.Mounts, null, 'everything is already covered by the binds');
    assert.equal(spec.NetworkingConfig, undefined, 'the default bridge takes no aliases');
    assert.deepEqual(connect, [{ name: 'tl-1234-frontend', aliases: ['manager'] }]);
  });

  it('keeps a command or health check set at docker run', () => {
    const custom = manager();
    custom.config = { ...custom.config, Cmd: ['node', 'other.js'], Healthcheck: { ...HEALTH, Interval: 30e9 } };
    const { spec } = replicaOf(custom, oldImage, 'x:y');
    assert.deepEqual(spec.Cmd, ['node', 'other.js']);
    assert.deepEqual(spec.Healthcheck, { ...HEALTH, Interval: 30e9 });
  });

  it('mounts an anonymous data volume again by name, so the data follows', () => {
    const anonymous = manager({
      hostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock'], NetworkMode: 'default' },
      mounts: [
        { kind: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false },
        { kind: 'volume', source: 'f00d'.repeat(16), target: '/data', readOnly: false },
      ],
    });
    const { spec } = replicaOf(anonymous, oldImage, 'x:y');
    assert.deepEqual(spec.HostConfig.Mounts, [
      { Type: 'volume', Source: 'f00d'.repeat(16), Target: '/data', ReadOnly: false },
    ]);
  });

  it('gives a named network mode at create with its aliases', () => {
    const onNetwork = manager({
      hostConfig: { NetworkMode: 'tl-net' },
      networks: [
        { name: 'tl-net', aliases: ['appliance', ID.slice(0, 12)] },
        { name: 'tl-1234-frontend', aliases: ['manager'] },
      ],
    });
    const { spec, connect } = replicaOf(onNetwork, oldImage, 'x:y');
    assert.deepEqual(spec.NetworkingConfig, { EndpointsConfig: { 'tl-net': { Aliases: ['appliance'] } } });
    assert.deepEqual(connect, [{ name: 'tl-1234-frontend', aliases: ['manager'] }]);
    const host = replicaOf(manager({ hostConfig: { NetworkMode: 'host' } }), oldImage, 'x:y');
    assert.deepEqual(host.connect, []);
  });
});

describe('helperSpec', () => {
  const input = {
    manager: manager(),
    dataDir: '/data',
    socketPath: '/var/run/docker.sock',
    dockerHost: undefined,
    argv: ['--job', 'j'],
    labels: { 'org.tiers-lieux.role': 'self-update-helper' },
  };

  it('runs the current image id with the same socket and data, no network, removed on exit', () => {
    const spec = helperSpec('tl-self-update', input);
    assert.equal(spec.Image, 'sha256:old');
    assert.deepEqual(spec.Cmd, ['appliance', 'self-update-helper', '--job', 'j']);
    assert.deepEqual(spec.Env, ['DATA_DIR=/data']);
    assert.equal(spec.HostConfig.AutoRemove, true);
    assert.equal(spec.HostConfig.NetworkMode, 'none');
    assert.deepEqual(spec.HostConfig.Mounts, [
      { Type: 'volume', Source: 'tl-data', Target: '/data' },
      { Type: 'bind', Source: '/var/run/docker.sock', Target: '/var/run/docker.sock' },
    ]);
  });

  it('refuses when the data directory or the socket is not a mount it can repeat', () => {
    const noData = manager({ mounts: manager().mounts.filter((m) => m.target !== '/data') });
    assert.throws(() => helperSpec('h', { ...input, manager: noData }), HelperUnsupportedError);
    const noSocket = manager({ mounts: manager().mounts.filter((m) => m.target !== '/var/run/docker.sock') });
    assert.throws(() => helperSpec('h', { ...input, manager: noSocket }), HelperUnsupportedError);
    const tcp = helperSpec('h', { ...input, manager: noSocket, socketPath: undefined, dockerHost: 'tcp://e:2375' });
    assert.deepEqual(tcp.Env, ['DATA_DIR=/data', 'DOCKER_HOST=tcp://e:2375']);
    assert.equal(tcp.HostConfig.NetworkMode, 'default');
    const removedOnStop = manager({ hostConfig: { ...manager().hostConfig, AutoRemove: true } });
    assert.throws(() => helperSpec('h', { ...input, manager: removedOnStop }), /--rm/);
  });
});
