import { Inject, Injectable } from '@nestjs/common';
import { Resolver } from 'node:dns/promises';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** A name's A and AAAA records; `error` when the resolver itself failed (not "no such name"). */
export interface DnsAnswer {
  name: string;
  addresses: string[];
  error?: string;
}

/** No record of that name or type: an answer, not a failure. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);
const TIMEOUT_MS = 2000;

/** The one place that asks DNS (DNS_SERVERS, else the system's resolvers), so tests can point it at their own. */
@Injectable()
export class DnsRepository {
  private readonly resolver: Resolver;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 2 });
    if (config.dns.servers.length > 0) this.resolver.setServers(config.dns.servers);
  }

  async addresses(name: string): Promise<DnsAnswer> {
    const [v4, v6] = await Promise.allSettled([this.resolver.resolve4(name), this.resolver.resolve6(name)]);
    const addresses: string[] = [];
    const errors: string[] = [];
    for (const result of [v4, v6]) {
      if (result.status === 'fulfilled') addresses.push(...result.value);
      else if (!ABSENT.has((result.reason as NodeJS.ErrnoException).code ?? '')) errors.push(describe(result.reason));
    }
    // One family failing (a resolver that drops AAAA) still leaves an answer to judge.
    return addresses.length === 0 && errors.length > 0 ? { name, addresses, error: errors[0] } : { name, addresses };
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code} ${e.message}` : String(error);
}
