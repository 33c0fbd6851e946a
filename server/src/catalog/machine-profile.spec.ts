import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVICE_IDS } from './catalog.types';
import { defaultStackBytes, normalizeArch, profileFor, UnsupportedMachineError } from './machine-profile';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('profileFor', () => {
  for (const arch of ['arm64', 'x64']) {
    for (const totalMemoryBytes of [2 * GiB, 1848 * MiB]) {
      it(`fits the default stack and the reserve in a 2 GB ${arch} machine (${totalMemoryBytes / MiB} MiB)`, () => {
        const profile = profileFor({ totalMemoryBytes, arch });
        assert.equal(profile.tier, 'small');
        assert.equal(profile.fitsDefaultStack, true);
        const used = defaultStackBytes(profile.memoryLimits) + profile.reservedBytes;
        assert.ok(used <= totalMemoryBytes, `${used / MiB} MiB > ${totalMemoryBytes / MiB} MiB`);
        // The manager (Node + redis), the OS and dockerd need real room, not crumbs.
        assert.ok(profile.reservedBytes >= 512 * MiB);
        for (const id of SERVICE_IDS) assert.ok(profile.memoryLimits[id] > 0, id);
      });
    }
  }

  it('gives every service at least as much on bigger machines, and more to the heavy ones', () => {
    const small = profileFor({ totalMemoryBytes: 2 * GiB, arch: 'x64' });
    const medium = profileFor({ totalMemoryBytes: 4 * GiB, arch: 'x64' });
    const large = profileFor({ totalMemoryBytes: 8 * GiB, arch: 'x64' });
    assert.deepEqual([small.tier, medium.tier, large.tier], ['small', 'medium', 'large']);
    for (const id of SERVICE_IDS) {
      assert.ok(medium.memoryLimits[id] >= small.memoryLimits[id], id);
      assert.ok(large.memoryLimits[id] >= medium.memoryLimits[id], id);
    }
    assert.ok(large.memoryLimits.synapse > small.memoryLimits.synapse);
    assert.ok(large.tuning.postgresSharedBuffersMb > small.tuning.postgresSharedBuffersMb);
    for (const profile of [medium, large]) {
      assert.ok(defaultStackBytes(profile.memoryLimits) + profile.reservedBytes <= profile.totalMemoryBytes);
    }
  });

  it("sizes for the operator's budget when it is below the machine's memory, and ignores a larger or no budget", () => {
    const shared = profileFor({ totalMemoryBytes: 16 * GiB, arch: 'x64', budgetBytes: 1900 * MiB });
    assert.equal(shared.tier, 'small');
    assert.equal(shared.totalMemoryBytes, 1900 * MiB);
    assert.equal(profileFor({ totalMemoryBytes: 2 * GiB, arch: 'x64', budgetBytes: 64 * GiB }).tier, 'small');
    assert.equal(profileFor({ totalMemoryBytes: 16 * GiB, arch: 'x64', budgetBytes: 0 }).tier, 'large');
  });

  it('flags a machine too small for the default stack instead of pretending', () => {
    const profile = profileFor({ totalMemoryBytes: 1 * GiB, arch: 'arm64' });
    assert.equal(profile.tier, 'small');
    assert.equal(profile.fitsDefaultStack, false);
  });

  it('accepts the engine names of the architectures and refuses 32-bit ARM with a clear message', () => {
    assert.equal(normalizeArch('aarch64'), 'arm64');
    assert.equal(normalizeArch('x86_64'), 'x64');
    assert.throws(() => profileFor({ totalMemoryBytes: 2 * GiB, arch: 'arm' }), UnsupportedMachineError);
    assert.throws(() => profileFor({ totalMemoryBytes: 2 * GiB, arch: 'armv7l' }), /64-bit/);
    assert.throws(() => profileFor({ totalMemoryBytes: 0, arch: 'x64' }), RangeError);
  });
});
