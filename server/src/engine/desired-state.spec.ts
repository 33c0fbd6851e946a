import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servicesForFeatures } from '../catalog/catalog';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { membersContext } from '../catalog/members.fixtures.spec';
import { desiredContainers, type DesiredStateInput } from './desired-state';
import { containerCreateSpec, healthFromStatus, toActualContainer } from './engine.container-spec';
import { toEngineError, EngineConflictError, EngineNotFoundError, EngineUnreachableError } from './engine.errors';
import { LABELS } from './engine.types';

function input(overrides: Partial<DesiredStateInput> = {}): DesiredStateInput {
  return {
    ctx: testContext(),
    enabled: servicesForFeatures(['chat', 'pad', 'files']),
    overrides: {},
    hostPorts: { http: 80, https: 443 },
    ...overrides,
  };
}

const find = (id: string, list = desiredContainers(input())) => {
  const found = list.find((d) => d.serviceId === id);
  assert.ok(found, id);
  return found;
};

describe('desiredContainers', () => {
  it('labels every container with owner, appliance, service, version and config hash', () => {
    for (const d of desiredContainers(input())) {
      assert.equal(d.labels[LABELS.managedBy], 'tiers-lieux-appliance');
      assert.equal(d.labels[LABELS.applianceId], 'tl1');
      assert.equal(d.labels[LABELS.service], d.serviceId);
      assert.equal(d.labels[LABELS.configHash], d.configHash);
      assert.ok(d.labels[LABELS.version]);
      assert.equal(d.restartPolicy, 'unless-stopped');
      assert.ok(d.memoryLimitBytes > 0);
    }
  });

  it('publishes ports for the proxy only, and keeps Postgres on the internal network only', () => {
    for (const d of desiredContainers(input())) {
      assert.equal(d.publishedPorts.length > 0, d.serviceId === 'proxy', d.serviceId);
    }
    assert.deepEqual(find('postgres').networks, [{ name: 'tl-tl1-backend', internal: true, aliases: ['postgres'] }]);
    assert.deepEqual(
      find('element').networks.map((n) => n.name),
      ['tl-tl1-frontend'],
    );
    assert.deepEqual(
      find('synapse').networks.map((n) => n.name),
      ['tl-tl1-frontend', 'tl-tl1-backend'],
    );
    const plain = find('proxy', desiredContainers(input({ ctx: testContext({ tls: 'off' }) })));
    assert.deepEqual(
      plain.publishedPorts.map((p) => p.hostPort),
      [80],
    );
    assert.deepEqual(find('proxy').dependsOn, ['postgres', 'synapse', 'element', 'hedgedoc', 'nextcloud']);
  });

  it("names the proxy after the community's apex on the frontend network once members sign in", () => {
    const frontend = (ctx = testContext()) =>
      find('proxy', desiredContainers(input({ ctx }))).networks.find((n) => n.name === 'tl-tl1-frontend')?.aliases;
    assert.deepEqual(frontend(), ['proxy']);
    // Synapse, HedgeDoc and Nextcloud then reach the issuer http(s)://example.org/oidc through the proxy.
    assert.deepEqual(frontend(membersContext()), ['proxy', 'example.org']);
    assert.deepEqual(frontend(membersContext({})), ['proxy']);
    const synapse = find('synapse', desiredContainers(input({ ctx: membersContext() })));
    assert.ok(synapse.networks.every((n) => !n.aliases.includes('example.org')));
  });

  it('gives a stable hash, changed by settings and images but not by an admin stop', () => {
    const base = find('synapse').configHash;
    assert.equal(find('synapse', desiredContainers(input())).configHash, base);
    assert.equal(find('synapse', desiredContainers(input({ stopped: ['synapse'] }))).configHash, base);
    assert.notEqual(
      find('synapse', desiredContainers(input({ ctx: testContext({ maxUploadMb: 100 }) }))).configHash,
      base,
    );
    const overridden = desiredContainers(
      input({ overrides: { 'matrixdotorg/synapse:v1.163.2': 'tl-test/synapse:1.163.2' } }),
    );
    assert.notEqual(find('synapse', overridden).configHash, base);
    // An override image brings its own HEALTHCHECK test; the catalog's timings stay.
    assert.deepEqual(find('synapse', overridden).healthcheck.test, []);
    assert.equal(find('synapse', overridden).healthcheck.startPeriodSec, 120);
    assert.equal(find('hedgedoc', overridden).healthcheck.test[0], 'CMD');
  });

  it('runs the pinned image of a component, with overrides applied to it', () => {
    const pinned = { synapse: { image: 'matrixdotorg/synapse:v1.163.2', version: '1.163.2' } };
    assert.equal(find('synapse', desiredContainers(input({ pinned }))).configHash, find('synapse').configHash);
    const older = { hedgedoc: { image: 'quay.io/hedgedoc/hedgedoc:1.10.8', version: '1.10.8' } };
    const hedgedoc = find('hedgedoc', desiredContainers(input({ pinned: older })));
    assert.equal(hedgedoc.image, 'quay.io/hedgedoc/hedgedoc:1.10.8');
    assert.equal(hedgedoc.labels[LABELS.version], '1.10.8');
    assert.equal(hedgedoc.healthcheck.test[0], 'CMD');
    const local = desiredContainers(
      input({ pinned, overrides: { 'matrixdotorg/synapse:v1.163.2': 'tl-test/synapse:1.163.2' } }),
    );
    assert.equal(find('synapse', local).image, 'tl-test/synapse:1.163.2');
  });
});

describe('containerCreateSpec', () => {
  it('maps limits, health timings, volumes, ports and networks to the engine API', () => {
    const spec = containerCreateSpec(find('proxy'));
    assert.equal(spec.HostConfig.Memory, find('proxy').memoryLimitBytes);
    assert.equal(spec.HostConfig.MemorySwap, spec.HostConfig.Memory);
    assert.equal(spec.HostConfig.RestartPolicy.Name, 'unless-stopped');
    assert.equal(spec.Healthcheck.Interval, 15 * 1e9);
    assert.deepEqual(spec.HostConfig.PortBindings['443/tcp'], [{ HostPort: '443' }]);
    assert.deepEqual(spec.HostConfig.Mounts[0], { Type: 'volume', Source: 'tl-tl1-proxy-data', Target: '/data' });
    assert.deepEqual(spec.NetworkingConfig, { EndpointsConfig: { 'tl-tl1-frontend': { Aliases: ['proxy'] } } });
    assert.deepEqual(spec.Cmd, ['caddy', 'run', '--resume', '--config', '/config/bootstrap.json']);
    const env = containerCreateSpec(find('postgres')).Env;
    assert.deepEqual(env, [...env].sort());
  });

  it('reads list entries back into actual containers', () => {
    const actual = toActualContainer({
      Id: 'abc',
      Names: ['/tl-tl1-synapse'],
      Image: 'x:1',
      State: 'running',
      Status: 'Up 2 minutes (health: starting)',
      Labels: { [LABELS.service]: 'synapse' },
    });
    assert.equal(actual.name, 'tl-tl1-synapse');
    assert.equal(actual.health, 'starting');
    assert.equal(
      toActualContainer({ ...{ Id: 'a', Names: [], Image: 'x', Status: '', Labels: {} }, State: 'weird' }).state,
      'dead',
    );
    assert.equal(healthFromStatus('Up 1 hour (unhealthy)'), 'unhealthy');
  });
});

describe('toEngineError', () => {
  it('maps status codes and socket errors to typed errors', () => {
    assert.ok(
      toEngineError(Object.assign(new Error('x'), { statusCode: 404 }), 'inspect') instanceof EngineNotFoundError,
    );
    assert.ok(
      toEngineError(
        Object.assign(new Error('x'), { statusCode: 409, json: { message: 'name in use' } }),
        'create',
      ) instanceof EngineConflictError,
    );
    const unreachable = toEngineError(
      Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' }),
      'ping',
    );
    assert.ok(unreachable instanceof EngineUnreachableError);
    assert.match(unreachable.message, /^ping: the container engine is unreachable \(ENOENT\)/);
    assert.ok(
      toEngineError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'ping') instanceof EngineUnreachableError,
    );
  });
});
