import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDefinitions, servicesForFeatures } from '../catalog/catalog';
import { CAPABILITIES, type ContainerPrivileges, type RenderedFile } from '../catalog/catalog.types';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { synapseDefinition } from '../catalog/synapse.catalog';
import { desiredContainers, fileVolumes } from './desired-state';
import { archiveGroups, containerCreateSpec } from './engine.container-spec';

const all = () =>
  desiredContainers({
    ctx: testContext(),
    enabled: servicesForFeatures(['chat', 'pad', 'files']),
    overrides: {},
    hostPorts: { http: 80, https: 443 },
  });
const find = (id: string) => all().find((d) => d.serviceId === id)!;
const file = (path: string): RenderedFile => ({ type: 'file', path, content: 'x', mode: 0o600, uid: 0, gid: 0 });
const privileges = (over: Partial<ContainerPrivileges> = {}): ContainerPrivileges => ({
  capAdd: [],
  pidsLimit: 64,
  readOnlyRootfs: false,
  tmpfs: [],
  ...over,
});

describe('container privileges', () => {
  it('drops every capability, forbids gaining privileges and bounds processes in every create body', () => {
    for (const desired of all()) {
      const host = containerCreateSpec(desired).HostConfig;
      assert.deepEqual(host.CapDrop, ['ALL'], desired.serviceId);
      assert.deepEqual(host.SecurityOpt, ['no-new-privileges:true'], desired.serviceId);
      assert.ok(host.PidsLimit > 0 && host.PidsLimit <= 1024, desired.serviceId);
      assert.deepEqual(host.CapAdd, [...desired.privileges.capAdd].sort(), desired.serviceId);
      assert.equal(host.ReadonlyRootfs, desired.privileges.readOnlyRootfs, desired.serviceId);
    }
  });

  it('maps the catalog: Caddy binds low ports only, Postgres switches user, tmpfs bounded and not executable', () => {
    const proxy = containerCreateSpec(find('proxy')).HostConfig;
    assert.deepEqual(proxy.CapAdd, ['NET_BIND_SERVICE']);
    assert.equal(proxy.ReadonlyRootfs, true);
    assert.deepEqual(proxy.Tmpfs, { '/tmp': 'rw,noexec,nosuid,nodev,size=16m' });
    const postgres = containerCreateSpec(find('postgres')).HostConfig;
    assert.deepEqual(postgres.CapAdd, ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']);
    assert.equal(postgres.PidsLimit, 256);
    assert.equal(postgres.Tmpfs?.['/var/run/postgresql'], 'rw,noexec,nosuid,nodev,size=1m');
    const element = containerCreateSpec(find('element')).HostConfig;
    assert.equal(element.ReadonlyRootfs, false);
    assert.equal(element.Tmpfs, undefined);
  });

  it('gives back only known capabilities, never the dangerous ones', () => {
    for (const definition of allDefinitions()) {
      for (const cap of definition.privileges.capAdd) assert.ok(CAPABILITIES.includes(cap), cap);
      assert.equal(new Set(definition.privileges.capAdd).size, definition.privileges.capAdd.length);
      for (const t of definition.privileges.tmpfs) assert.ok(t.sizeMb > 0 && t.sizeMb <= 128, t.path);
    }
  });

  it('changes the config hash when privileges change (existing containers are recreated once)', () => {
    const before = find('synapse').configHash;
    const definition = synapseDefinition as { privileges: ContainerPrivileges };
    const original = definition.privileges;
    definition.privileges = { ...original, pidsLimit: original.pidsLimit + 1 };
    try {
      assert.notEqual(find('synapse').configHash, before);
    } finally {
      definition.privileges = original;
    }
    assert.equal(find('synapse').configHash, before);
  });

  it('writes every rendered file of a read-only service onto a volume', () => {
    for (const desired of all().filter((d) => d.privileges.readOnlyRootfs)) {
      const groups = archiveGroups(
        desired.files,
        desired.volumes.map((v) => v.target),
      );
      assert.ok(!groups.some((g) => g.root === '/'), `${desired.serviceId} writes into its read-only root`);
    }
  });

  it('groups files per volume with paths relative to it, a mount point directory with its parent', () => {
    const nextcloud = find('nextcloud');
    assert.deepEqual(
      archiveGroups(
        nextcloud.files,
        nextcloud.volumes.map((v) => v.target),
      ).map((g) => [g.root, g.files.map((f) => f.path)]),
      [
        // Nextcloud's root is writable: its secret files go there, the data directory onto its volume.
        ['/', ['/run/secrets', '/run/secrets/postgres-password', '/run/secrets/nextcloud-admin-password']],
        ['/var/www/html', ['/data']],
      ],
    );
    const synapse = find('synapse');
    const [group] = archiveGroups(
      synapse.files,
      synapse.volumes.map((v) => v.target),
    );
    assert.equal(group.root, '/data');
    assert.ok(group.files.some((f) => f.path === '/homeserver.yaml'));
    assert.deepEqual(
      archiveGroups([file('/etc/a.conf'), file('/data/b')], ['/data']).map((g) => g.root),
      ['/', '/data'],
    );
  });

  it('gives rendered files outside every volume a volume of their own where the root or a tmpfs cannot hold them', () => {
    const volumes = [{ key: 'data', mountPath: '/data' }];
    // Writable root, no tmpfs over it: written into the container's own filesystem as before.
    assert.deepEqual(fileVolumes([file('/etc/x.conf')], volumes, privileges()), []);
    // Read-only root: the file's directory becomes a volume.
    assert.deepEqual(
      fileVolumes([file('/etc/app/x.conf'), file('/data/y')], volumes, privileges({ readOnlyRootfs: true })),
      [{ key: 'files-etc-app', mountPath: '/etc/app' }],
    );
    // Under a tmpfs (e.g. secrets under /run): the tmpfs would hide a file written before the start.
    assert.deepEqual(
      fileVolumes(
        [file('/run/secrets/db/password'), file('/run/secrets/key')],
        volumes,
        privileges({ tmpfs: [{ path: '/run', sizeMb: 1 }] }),
      ),
      [{ key: 'files-run-secrets', mountPath: '/run/secrets' }],
    );
  });

  it('mounts such a volume in the desired container, so a read-only service still gets its files', () => {
    const proxy = find('proxy');
    assert.ok(proxy.files.every((f) => proxy.volumes.some((v) => f.path.startsWith(`${v.target}/`))));
  });
});
