import { Injectable } from '@nestjs/common';
import { readFile, statfs } from 'node:fs/promises';
import { freemem, networkInterfaces, totalmem } from 'node:os';
import { DataDirRepository } from '../platform/data-dir.repository';

export interface Capacity {
  freeBytes: number;
  totalBytes: number;
}

/** The host machine as the operating system reports it. */
@Injectable()
export class HostRepository {
  constructor(private readonly files: DataDirRepository) {}

  async disk(): Promise<Capacity> {
    const stats = await statfs(this.files.root);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  }

  /** MemAvailable (not MemFree) is what can be used without swapping; os.freemem() as fallback. */
  async memory(): Promise<Capacity> {
    const totalBytes = totalmem();
    try {
      const meminfo = await readFile('/proc/meminfo', 'utf8');
      const kib = /^MemAvailable:\s+(\d+) kB$/m.exec(meminfo)?.[1];
      if (kib) return { freeBytes: Number(kib) * 1024, totalBytes };
    } catch {
      // Not Linux: fall through.
    }
    return { freeBytes: freemem(), totalBytes };
  }

  /** The machine's own addresses (not loopback, not link-local): what a name may point to directly. */
  addresses(): string[] {
    return Object.values(networkInterfaces())
      .flat()
      .filter((nic) => nic !== undefined && !nic.internal && !nic.address.startsWith('fe80:'))
      .map((nic) => nic!.address);
  }
}
