import type { Problem } from '../../lib/errors';
import { checkDomain } from '../../lib/validation';

/**
 * The host of what was typed or pasted: `https://Pad.Example.org:8443/x?y` gives `pad.example.org`
 * (kept as typed otherwise: a subdomain is never dropped). Scheme, user, port, path, query and a
 * final dot are set aside; anything else is left for the check to refuse.
 */
export function hostOf(input: string): string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/)[0] ?? '';
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.replace(/:\d*$/, '');
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** Why a host is refused, most telling first: a stray character, a single word, then the rest. */
export function checkHost(host: string): Problem | undefined {
  if (host === '') return { key: 'validation.required' };
  if (!/^[a-z0-9.-]+$/.test(host)) return { key: 'wizard.domain.notHost' };
  if (!host.includes('.')) return { key: 'wizard.domain.noDot' };
  return checkDomain(host);
}
