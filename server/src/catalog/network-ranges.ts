/** RFC 1918: where the engine picks its private networks' subnets (so where the proxy's address is). */
export const RFC1918_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Where a front proxy on the same host or LAN connects from: loopback, RFC 1918 and IPv6 ULA. */
export const PRIVATE_RANGES: readonly string[] = ['127.0.0.0/8', ...RFC1918_RANGES, '::1/128', 'fc00::/7'];
