import { Inject, Injectable } from '@nestjs/common';
import { BlockList, isIP } from 'node:net';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** The peer of this very socket (never a forwarded address) is this machine. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = plainAddress(address);
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** A BlockList of `TRUST_PROXY` entries (validated by app-config: addresses, CIDRs or `loopback`). */
export function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/**
 * Whose X-Forwarded-For and X-Forwarded-Proto the manager believes: the appliance's own proxy
 * container (its address is set by the reconciler each time it configures the proxy) and the proxies
 * the operator names in TRUST_PROXY. Anyone else could forge them: a forged address would dodge the
 * login throttle or lock others out, a forged scheme would mark cookies Secure over plain HTTP.
 */
@Injectable()
export class TrustedProxies {
  private readonly configured: BlockList;
  private own = new Set<string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.configured = trustList(config.trustProxy);
  }

  /** The addresses the appliance's proxy container connects from (one per network it shares with us). */
  setOwnProxy(addresses: readonly string[]): void {
    this.own = new Set(addresses.map(plainAddress));
  }

  trusts(address: string | undefined): boolean {
    if (!address) return false;
    const plain = plainAddress(address);
    if (this.own.has(plain)) return true;
    const family = isIP(plain);
    return family !== 0 && this.configured.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}
