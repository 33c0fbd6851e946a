import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeName, judgeRecords } from './dns-rules';

const apex = 'fabrique.example.org';
const here = '203.0.113.10';
const answer = (name: string, ...addresses: string[]) => ({ name, addresses });
const statuses = (checks: { id: string; status: string; messageKey: string }[]) =>
  Object.fromEntries(checks.map((c) => [c.id, `${c.status} ${c.messageKey}`]));

describe('DNS records against this server', () => {
  it('with PUBLIC_ADDRESSES: a match is ok, elsewhere and missing are errors, a mix is a warning', () => {
    const checks = judgeRecords(
      [
        answer(apex, here),
        answer(`admin.${apex}`, '198.51.100.7'),
        answer(`pad.${apex}`),
        answer(`chat.${apex}`, here, '198.51.100.7'),
      ],
      apex,
      { configured: [here], local: [] },
    );
    assert.deepEqual(statuses(checks), {
      [`dns:${apex}`]: 'ok diagnosis.dns.ok',
      [`dns:admin.${apex}`]: 'error diagnosis.dns.elsewhere',
      [`dns:pad.${apex}`]: 'error diagnosis.dns.missing',
      [`dns:chat.${apex}`]: 'warning diagnosis.dns.partly',
    });
    assert.deepEqual(checks[1].params, { name: `admin.${apex}`, addresses: '198.51.100.7', expected: here });
  });

  it('without it: subdomains must follow the apex, and an apex behind a router is unknown, not wrong', () => {
    const checks = judgeRecords(
      [answer(apex, here), answer(`admin.${apex}`, here), answer(`pad.${apex}`, '198.51.100.7')],
      apex,
      { configured: [], local: ['192.168.1.20'] },
    );
    assert.deepEqual(statuses(checks), {
      [`dns:${apex}`]: 'unknown diagnosis.dns.unverified',
      [`dns:admin.${apex}`]: 'ok diagnosis.dns.ok',
      [`dns:pad.${apex}`]: 'error diagnosis.dns.elsewhere',
    });
  });

  it('without it: an apex pointing at one of the host’s own addresses is ok', () => {
    const [check] = judgeRecords([answer(apex, here)], apex, { configured: [], local: [here, '10.0.0.2'] });
    assert.equal(check.status, 'ok');
  });

  it('a resolver that fails is unknown, with its words kept as technical detail', () => {
    const check = judgeName({ name: apex, addresses: [], error: 'ETIMEOUT queryA ETIMEOUT' }, [here], true);
    assert.equal(check.status, 'unknown');
    assert.equal(check.messageKey, 'diagnosis.dns.failed');
    assert.match(check.detail ?? '', /ETIMEOUT/);
  });
});
