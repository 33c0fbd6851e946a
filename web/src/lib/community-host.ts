const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Whether the page is served at the community's own address (its domain), where a visitor's first
 * page is the portal, rather than the administration's (`admin.<domain>`) or a bare address used
 * during setup (an IP, localhost), where it stays the sign-in page.
 */
export function onCommunityHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || IPV4.test(host) || host.includes(':') || host.startsWith('[')) return false;
  return !host.startsWith('admin.');
}
