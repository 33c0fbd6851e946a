import { isIP } from 'node:net';

type Env = Record<string, string | undefined>;

/** Thrown as ConfigError by the caller (kept apart so app-config.ts stays one screen of rules). */
export class NetworkConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(reason);
  }
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * DNS_SERVERS: the resolvers the diagnosis asks (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:53`), comma
 * separated. Empty: the system's. A port is allowed so a test can start its own resolver on loopback.
 */
export function parseDnsServers(env: Env): string[] {
  const entries = list(env.DNS_SERVERS);
  for (const entry of entries) {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const v4 = /^([^:]+)(?::(\d+))?$/.exec(entry);
    const [address, port] = v6 ? [v6[1], v6[2]] : v4 ? [v4[1], v4[2]] : [entry, undefined];
    const portOk = port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
    if ((isIP(address) === 0 && isIP(entry) !== 6) || !portOk) {
      throw new NetworkConfigError(
        'DNS_SERVERS',
        `must list resolver addresses such as 1.1.1.1 or 127.0.0.1:5353 (got "${entry}")`,
      );
    }
  }
  return entries;
}

/**
 * PUBLIC_ADDRESSES: the IPv4/IPv6 addresses the community's names must point to (this server as the
 * Internet sees it, often a router's). Empty: the diagnosis compares with the apex's own records.
 */
export function parsePublicAddresses(env: Env): string[] {
  const entries = list(env.PUBLIC_ADDRESSES);
  const bad = entries.find((entry) => isIP(entry) === 0);
  if (bad !== undefined) {
    throw new NetworkConfigError('PUBLIC_ADDRESSES', `must list IP addresses such as 203.0.113.10 (got "${bad}")`);
  }
  return entries;
}
