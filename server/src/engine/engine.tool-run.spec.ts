import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toolCreateBody } from './engine.tool-run';
import { LABELS, MANAGED_BY } from './engine.types';

describe('tool runs', () => {
  const spec = {
    applianceId: 'tl1',
    name: 'tl-restic-1',
    image: 'restic/restic:0.14.0',
    cmd: ['snapshots'],
    labels: { [LABELS.tool]: 'restic' },
    mounts: [{ Type: 'bind', Source: '/srv/data', Target: '/data' }],
  };

  it('is least privilege unless told otherwise: no capability, no network, read-only, no new privileges', () => {
    const body = toolCreateBody(spec, false);
    const host = body.HostConfig as Record<string, unknown>;
    assert.deepEqual(host.CapDrop, ['ALL']);
    assert.deepEqual(host.CapAdd, []);
    assert.equal(host.NetworkMode, 'none');
    assert.equal(body.NetworkDisabled, true);
    assert.equal(host.ReadonlyRootfs, true);
    assert.deepEqual(host.SecurityOpt, ['no-new-privileges']);
    // A dump streamed out must not be copied into a log file as well.
    assert.deepEqual(host.LogConfig, { Type: 'none', Config: {} });
    assert.equal(host.AutoRemove, false);
  });

  it('is labelled as this appliance’s, so a clean-up finds a leftover', () => {
    const labels = toolCreateBody(spec, false).Labels as Record<string, string>;
    assert.equal(labels[LABELS.managedBy], MANAGED_BY);
    assert.equal(labels[LABELS.applianceId], 'tl1');
    assert.equal(labels[LABELS.tool], 'restic');
  });

  it('opens stdin only when there is input, closed at its end', () => {
    assert.deepEqual(
      [
        toolCreateBody(spec, true).OpenStdin,
        toolCreateBody(spec, true).StdinOnce,
        toolCreateBody(spec, false).OpenStdin,
      ],
      [true, true, false],
    );
  });

  it('adds back only what is asked: capabilities, a network, scratch directories', () => {
    const body = toolCreateBody({ ...spec, capAdd: ['DAC_READ_SEARCH'], network: 'bridge', tmpfs: ['/tmp'] }, false);
    const host = body.HostConfig as Record<string, unknown>;
    assert.deepEqual(host.CapAdd, ['DAC_READ_SEARCH']);
    assert.equal(host.NetworkMode, 'bridge');
    assert.equal(body.NetworkDisabled, false);
    assert.deepEqual(Object.keys(host.Tmpfs as object), ['/tmp']);
  });
});
