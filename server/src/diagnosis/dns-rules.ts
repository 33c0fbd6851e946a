import type { DnsAnswer } from './dns.repository';
import { checkOf, type DiagnosisCheck } from './diagnosis.types';

/**
 * What "this server's address" is. `configured` (PUBLIC_ADDRESSES) wins when set. Otherwise the
 * apex is the reference for every subdomain, and the apex itself is compared with the host's own
 * interfaces: behind a router (NAT) they differ without anything being wrong, so a mismatch there is
 * `unknown` (set PUBLIC_ADDRESSES to be sure), never an error.
 */
export interface AddressReference {
  configured: readonly string[];
  local: readonly string[];
}

const join = (addresses: readonly string[]) => addresses.join(', ') || '—';

function detailOf(answer: DnsAnswer, expected: readonly string[]): string {
  const found = answer.error ? `error: ${answer.error}` : `A/AAAA: ${join(answer.addresses)}`;
  return `${answer.name} → ${found}; expected: ${join(expected)}`;
}

/** One name against the addresses it must point to. */
export function judgeName(answer: DnsAnswer, expected: readonly string[], certain: boolean): DiagnosisCheck {
  const id = `dns:${answer.name}`;
  const params = { name: answer.name, addresses: join(answer.addresses), expected: join(expected) };
  const detail = detailOf(answer, expected);
  if (answer.error) return checkOf(id, 'unknown', 'diagnosis.dns.failed', params, detail);
  if (answer.addresses.length === 0) return checkOf(id, 'error', 'diagnosis.dns.missing', params, detail);
  if (expected.length === 0) return checkOf(id, 'unknown', 'diagnosis.dns.unverified', params, detail);
  const matching = answer.addresses.filter((a) => expected.includes(a));
  if (matching.length === answer.addresses.length) return checkOf(id, 'ok', 'diagnosis.dns.ok', params, detail);
  if (!certain) return checkOf(id, 'unknown', 'diagnosis.dns.unverified', params, detail);
  // Some right, some wrong: visitors land here or elsewhere, by chance.
  if (matching.length > 0) return checkOf(id, 'warning', 'diagnosis.dns.partly', params, detail);
  return checkOf(id, 'error', 'diagnosis.dns.elsewhere', params, detail);
}

/** Every name served (apex first, as proxyHosts orders them). */
export function judgeRecords(answers: readonly DnsAnswer[], apex: string, ref: AddressReference): DiagnosisCheck[] {
  if (ref.configured.length > 0) return answers.map((answer) => judgeName(answer, ref.configured, true));
  const apexAnswer = answers.find((a) => a.name === apex);
  const apexAddresses = apexAnswer && !apexAnswer.error ? apexAnswer.addresses : [];
  return answers.map((answer) => {
    if (answer.name === apex) return judgeName(answer, ref.local, false);
    // Without the apex's records, the host's own addresses are the best reference left.
    return apexAddresses.length > 0 ? judgeName(answer, apexAddresses, true) : judgeName(answer, ref.local, false);
  });
}
