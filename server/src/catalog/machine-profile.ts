import type { MachineProfile, ServiceId } from './catalog.types';

const MiB = 1024 * 1024;

interface Tier {
  tier: MachineProfile['tier'];
  reservedMb: number;
  limitsMb: Record<ServiceId, number>;
  tuning: MachineProfile['tuning'];
}

/**
 * Tiers from smallest to largest. `small` is sized so the default stack fits a "2 GB" machine, which
 * reports 1.8–1.95 GiB once the kernel and firmware took their share (a Raspberry Pi 4 2 GB reports
 * about 1.8 GiB). The reserve covers the OS, dockerd, the manager (Node) and its redis.
 */
const TIERS: readonly Tier[] = [
  {
    tier: 'small',
    reservedMb: 512,
    limitsMb: { proxy: 64, postgres: 192, synapse: 448, element: 32, hedgedoc: 160, nextcloud: 320 },
    tuning: {
      postgresSharedBuffersMb: 48,
      postgresMaxConnections: 40,
      synapseCacheFactor: 0.5,
      synapseCacheTargetMb: 128,
      synapseDbPoolMax: 5,
      phpMemoryLimitMb: 192,
    },
  },
  {
    tier: 'medium',
    reservedMb: 768,
    limitsMb: { proxy: 128, postgres: 512, synapse: 1024, element: 64, hedgedoc: 256, nextcloud: 768 },
    tuning: {
      postgresSharedBuffersMb: 128,
      postgresMaxConnections: 60,
      synapseCacheFactor: 1,
      synapseCacheTargetMb: 384,
      synapseDbPoolMax: 10,
      phpMemoryLimitMb: 512,
    },
  },
  {
    tier: 'large',
    reservedMb: 1024,
    limitsMb: { proxy: 256, postgres: 1024, synapse: 2048, element: 64, hedgedoc: 512, nextcloud: 1536 },
    tuning: {
      postgresSharedBuffersMb: 256,
      postgresMaxConnections: 100,
      synapseCacheFactor: 2,
      synapseCacheTargetMb: 1024,
      synapseDbPoolMax: 10,
      phpMemoryLimitMb: 512,
    },
  },
];

export class UnsupportedMachineError extends Error {
  constructor(readonly arch: string) {
    super(
      `This machine's architecture (${arch}) is not supported: the service images exist for 64-bit x86 (amd64) ` +
        'and 64-bit ARM (arm64) only. On a Raspberry Pi, install a 64-bit operating system.',
    );
  }
}

/** Accepts Node's names (`x64`, `arm64`) and the engine's (`x86_64`, `aarch64`). */
export function normalizeArch(arch: string): MachineProfile['arch'] {
  switch (arch.toLowerCase()) {
    case 'x64':
    case 'x86_64':
    case 'amd64':
      return 'x64';
    case 'arm64':
    case 'aarch64':
      return 'arm64';
    default:
      throw new UnsupportedMachineError(arch);
  }
}

export function defaultStackBytes(limits: Readonly<Record<ServiceId, number>>): number {
  return Object.values(limits).reduce((sum, bytes) => sum + bytes, 0);
}

/**
 * The largest tier whose default stack plus reserve fits; `small` (flagged as not fitting) below that.
 * An operator's budget (MEMORY_BUDGET_MB; 0 or absent: none) smaller than the machine sizes it instead.
 */
export function profileFor(machine: { totalMemoryBytes: number; arch: string; budgetBytes?: number }): MachineProfile {
  const arch = normalizeArch(machine.arch);
  if (!Number.isFinite(machine.totalMemoryBytes) || machine.totalMemoryBytes <= 0) {
    throw new RangeError(`totalMemoryBytes must be a positive number (got ${machine.totalMemoryBytes})`);
  }
  const budget = machine.budgetBytes ?? 0;
  const totalMemoryBytes = budget > 0 ? Math.min(budget, machine.totalMemoryBytes) : machine.totalMemoryBytes;
  const fits = (tier: Tier): boolean => (defaultStackBytes(tier.limitsMb) + tier.reservedMb) * MiB <= totalMemoryBytes;
  const chosen = [...TIERS].reverse().find(fits) ?? TIERS[0];
  const memoryLimits = Object.fromEntries(Object.entries(chosen.limitsMb).map(([id, mb]) => [id, mb * MiB])) as Record<
    ServiceId,
    number
  >;
  return {
    tier: chosen.tier,
    arch,
    totalMemoryBytes,
    reservedBytes: chosen.reservedMb * MiB,
    memoryLimits,
    fitsDefaultStack: fits(chosen),
    tuning: { ...chosen.tuning },
  };
}
