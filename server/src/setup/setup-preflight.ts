import { Inject, Injectable } from '@nestjs/common';
import { BlockList, isIP } from 'node:net';
import { CATALOG, servicesForFeatures } from '../catalog/catalog';
import type { ServiceId } from '../catalog/catalog.types';
import { profileFor, UnsupportedMachineError } from '../catalog/machine-profile';
import { proxyHosts } from '../catalog/proxy.render';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineInfoRepository } from '../engine/engine-info.repository';
import { MIN_FREE_BYTES_FOR_PULL } from '../services/pull-guard';
import { HostRepository } from '../system/host.repository';
import { plainAddress } from '../common/trusted-proxies';
import type { DnsRecordsDto, PreflightCheckDto, PreflightDto, PreflightPlanDto } from './dto/setup-checks.dto';
import { FEATURES, type Feature } from './setup.types';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** Below this the images fit, but the community's files and databases soon will not. */
const COMFORTABLE_FREE_BYTES = 10 * GiB;
/** Downloading (on a home connection) and first start, per service: an order of magnitude, said as such. */
const MINUTES: Record<ServiceId, number> = { proxy: 1, postgres: 1, synapse: 3, element: 1, hedgedoc: 2, nextcloud: 4 };

/**
 * What the wizard's review step checks before installing, and the DNS records its domain step lists.
 * Chosen by mode like SetupFeatures: an upstream has no engine and installs nothing.
 */
export abstract class SetupPreflight {
  abstract check(features: readonly Feature[]): Promise<PreflightDto>;
  abstract hosts(domain: string, features: readonly Feature[]): string[];

  /** The names to point at this server, with its public address when the request reached it by one. */
  dnsRecords(domain: string, features: readonly Feature[], requestHost: string | undefined): DnsRecordsDto {
    const address = publicAddressOf(requestHost);
    const type = address && isIP(address) === 6 ? 'AAAA' : 'A';
    return { address, records: this.hosts(domain, features).map((name) => ({ name, type })) };
  }
}

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['0.0.0.0', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** The Host header's address when it is a public IP (a name, or a private address, tells nothing). */
export function publicAddressOf(host: string | undefined): string | null {
  if (!host) return null;
  const literal = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  // An IPv4-mapped IPv6 address is checked as the IPv4 address it carries (BlockList would match all IPv4).
  const bare = plainAddress(literal);
  const family = isIP(bare);
  if (family === 0) return null;
  return PRIVATE.check(bare, family === 6 ? 'ipv6' : 'ipv4') ? null : bare;
}

@Injectable()
export class ApplianceSetupPreflight extends SetupPreflight {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: EngineInfoRepository,
    private readonly host: HostRepository,
  ) {
    super();
  }

  hosts(domain: string, features: readonly Feature[]): string[] {
    return proxyHosts(domain, new Set(servicesForFeatures(features)));
  }

  async check(features: readonly Feature[]): Promise<PreflightDto> {
    const engine = await this.engineCheck();
    const reachable = engine.status === 'ok';
    const checks = [engine, await this.diskCheck(), await this.memoryCheck(features, reachable)];
    checks.push(await this.portsCheck(reachable));
    return { checks, plan: plan(features), ready: !checks.some((c) => c.blocking && c.status === 'failed') };
  }

  private async engineCheck(): Promise<PreflightCheckDto> {
    const docker = this.config.docker;
    const socket = 'socketPath' in docker ? docker.socketPath : `${docker.host}:${docker.port}`;
    try {
      await this.engine.ping();
      return { id: 'engine', status: 'ok', blocking: true, key: 'preflight.engine.ok', params: {} };
    } catch (error) {
      const details = error instanceof Error ? error.message : String(error);
      const key = 'preflight.engine.unreachable';
      return { id: 'engine', status: 'failed', blocking: true, key, params: { socket }, details };
    }
  }

  private async diskCheck(): Promise<PreflightCheckDto> {
    const { freeBytes } = await this.host.disk();
    const params = { freeGib: round(freeBytes / GiB), neededGib: MIN_FREE_BYTES_FOR_PULL / GiB };
    if (freeBytes < MIN_FREE_BYTES_FOR_PULL) {
      return { id: 'disk', status: 'failed', blocking: true, key: 'preflight.disk.full', params };
    }
    const status = freeBytes < COMFORTABLE_FREE_BYTES ? 'warning' : 'ok';
    return { id: 'disk', status, blocking: true, key: `preflight.disk.${status}`, params };
  }

  /** The chosen services' memory limits for this machine's profile, against its memory (or MEMORY_BUDGET_MB). */
  private async memoryCheck(features: readonly Feature[], reachable: boolean): Promise<PreflightCheckDto> {
    const machine = reachable ? await this.engine.info().catch(() => undefined) : undefined;
    const totalMemoryBytes = machine?.totalMemoryBytes || (await this.host.memory()).totalBytes;
    let profile;
    try {
      const budgetBytes = this.config.memoryBudgetMb * MiB;
      profile = profileFor({ totalMemoryBytes, arch: machine?.arch || process.arch, budgetBytes });
    } catch (error) {
      if (!(error instanceof UnsupportedMachineError)) throw error;
      const params = { arch: error.arch };
      return { id: 'memory', status: 'failed', blocking: true, key: 'preflight.memory.arch', params };
    }
    const services = servicesForFeatures(features);
    const neededBytes = profile.reservedBytes + services.reduce((sum, id) => sum + profile.memoryLimits[id], 0);
    const params = { neededMb: Math.round(neededBytes / MiB), totalMb: Math.round(profile.totalMemoryBytes / MiB) };
    // Limits are ceilings, not reservations: short of them the services run, slowly or restarting.
    const status = neededBytes > profile.totalMemoryBytes ? 'warning' : 'ok';
    return { id: 'memory', status, blocking: false, key: `preflight.memory.${status}`, params };
  }

  /**
   * Another container publishing 80 or 443 would stop the proxy from starting. A program outside the
   * engine is invisible from here (the manager has its own network): then it says it cannot tell.
   */
  private async portsCheck(reachable: boolean): Promise<PreflightCheckDto> {
    const { httpPort, httpsPort } = this.config.proxy;
    const params: Record<string, string | number> = { http: httpPort, https: httpsPort };
    if (!reachable) return { id: 'ports', status: 'unknown', blocking: true, key: 'preflight.ports.noEngine', params };
    try {
      const users = await this.engine.publishersOf([httpPort, httpsPort]);
      if (users.length === 0) {
        return { id: 'ports', status: 'unknown', blocking: true, key: 'preflight.ports.noContainer', params };
      }
      const ports = [...new Set(users.map((u) => u.port))].sort((a, b) => a - b).join(', ');
      const containers = [...new Set(users.map((u) => u.container))].join(', ');
      return {
        id: 'ports',
        status: 'failed',
        blocking: true,
        key: 'preflight.ports.taken',
        params: { ports, containers },
      };
    } catch (error) {
      const details = error instanceof Error ? error.message : String(error);
      return { id: 'ports', status: 'unknown', blocking: true, key: 'preflight.ports.noEngine', params, details };
    }
  }
}

/** Per chosen feature, its own services; the shared ones (proxy, database) once, first. */
function plan(features: readonly Feature[]): PreflightPlanDto[] {
  const chosen = FEATURES.filter((f) => features.includes(f));
  if (chosen.length === 0) return [];
  const entry = (feature: Feature | 'base', services: ServiceId[]): PreflightPlanDto => ({
    feature,
    services,
    minutes: services.reduce((sum, id) => sum + MINUTES[id], 0),
  });
  const base = servicesForFeatures(chosen).filter((id) => CATALOG[id].role === 'infrastructure');
  return [
    entry('base', base),
    ...chosen.map((f) =>
      entry(
        f,
        servicesForFeatures([f]).filter((id) => CATALOG[id].role === f),
      ),
    ),
  ];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export class NoSetupPreflight extends SetupPreflight {
  check(): Promise<PreflightDto> {
    return Promise.resolve({ checks: [], plan: [], ready: true });
  }

  hosts(domain: string): string[] {
    return [domain];
  }
}
