import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { applianceEnv, applianceIdOf, completeSetup, DOMAIN, type Session, startAppliance } from '../support/appliance';
import { DnsServer } from '../support/dns-server';
import type { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages } from '../support/test-images';

const HERE = '203.0.113.10';
const ELSEWHERE = '198.51.100.7';

interface CheckView {
  id: string;
  status: string;
  messageKey: string;
  params: Record<string, string | number>;
  detail?: string;
}

const byId = (checks: CheckView[]) => new Map(checks.map((c) => [c.id, c]));
const verdict = (check: CheckView | undefined) => check && `${check.status} ${check.messageKey}`;

describe('diagnosis: DNS records checked against a real resolver on loopback', () => {
  // A mutable table: the test changes a record between two diagnoses, as a volunteer would.
  const table: Record<string, string[]> = {
    [DOMAIN]: [HERE],
    [`admin.${DOMAIN}`]: [ELSEWHERE],
    [`matrix.${DOMAIN}`]: [HERE],
    [`pad.${DOMAIN}`]: [ELSEWHERE],
  };
  const dns = new DnsServer(table);
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let token = '';

  before(async () => {
    await requireEngineAndImages();
    await dns.start();
    server = await startAppliance(
      'diagnosis',
      await applianceEnv({ DNS_SERVERS: dns.address, PUBLIC_ADDRESSES: HERE }),
    );
    token = server.setupTokenFromLog();
  });
  after(async () => {
    if (applianceId) await cleanupAppliance(applianceId);
    await server?.dispose();
    await dns.stop();
  });

  const dnsCheck = (body: object) => request(server.url).post('/api/setup/dns-check').send(body);

  it('before setup, the wizard’s check needs the setup token', async () => {
    await dnsCheck({ domain: DOMAIN }).expect(400);
    await dnsCheck({ setupToken: 'not-the-token', domain: DOMAIN }).expect(403);
  });

  it('before setup, judges each name the chosen features need: matching, elsewhere, missing', async () => {
    const res = await dnsCheck({ setupToken: token, domain: DOMAIN, features: ['chat', 'pad'] }).expect(200);
    const checks = byId((res.body as { checks: CheckView[] }).checks);
    assert.deepEqual(
      [...checks.keys()],
      [DOMAIN, `admin.${DOMAIN}`, `matrix.${DOMAIN}`, `chat.${DOMAIN}`, `pad.${DOMAIN}`].map((n) => `dns:${n}`),
    );
    assert.equal(verdict(checks.get(`dns:${DOMAIN}`)), 'ok diagnosis.dns.ok');
    assert.equal(verdict(checks.get(`dns:matrix.${DOMAIN}`)), 'ok diagnosis.dns.ok');
    assert.equal(verdict(checks.get(`dns:pad.${DOMAIN}`)), 'error diagnosis.dns.elsewhere');
    assert.equal(verdict(checks.get(`dns:chat.${DOMAIN}`)), 'error diagnosis.dns.missing');
    assert.deepEqual(checks.get(`dns:pad.${DOMAIN}`)?.params, {
      name: `pad.${DOMAIN}`,
      addresses: ELSEWHERE,
      expected: HERE,
    });
    assert.ok(dns.queries.includes(`A chat.${DOMAIN}`), dns.queries.join(', '));
  });

  it('throttles the wizard’s check per address', async () => {
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++)
      status = (await dnsCheck({ setupToken: token, domain: DOMAIN })).status;
    assert.equal(status, 429);
  });

  it('is for admins only once set up, and the wizard’s check is closed', async () => {
    session = await completeSetup(server, []);
    applianceId = await applianceIdOf(server, session);
    await request(server.url).get('/api/diagnosis').expect(401);
    await dnsCheck({ setupToken: token, domain: DOMAIN }).expect(409);
  });

  const diagnose = async () => {
    const res = await request(server.url).get('/api/diagnosis').set('Cookie', session.cookie).expect(200);
    return byId((res.body as { checks: CheckView[] }).checks);
  };

  it('after setup, a record that matches, one that points elsewhere, then one missing', async () => {
    let checks = await diagnose();
    assert.equal(verdict(checks.get(`dns:${DOMAIN}`)), 'ok diagnosis.dns.ok');
    assert.equal(verdict(checks.get(`dns:admin.${DOMAIN}`)), 'error diagnosis.dns.elsewhere');
    assert.match(checks.get(`dns:admin.${DOMAIN}`)?.detail ?? '', new RegExp(ELSEWHERE.replaceAll('.', '\\.')));
    // No feature on: their names are not asked for.
    assert.equal(checks.get(`dns:pad.${DOMAIN}`), undefined);

    delete table[`admin.${DOMAIN}`];
    checks = await diagnose();
    assert.equal(verdict(checks.get(`dns:admin.${DOMAIN}`)), 'error diagnosis.dns.missing');

    table[`admin.${DOMAIN}`] = [HERE];
    checks = await diagnose();
    assert.equal(verdict(checks.get(`dns:admin.${DOMAIN}`)), 'ok diagnosis.dns.ok');
  });

  it('also says how the engine, disk, certificate and backups are, each as a message key', async () => {
    const checks = await diagnose();
    assert.equal(verdict(checks.get('engine')), 'ok diagnosis.engine.ok');
    assert.ok(['ok', 'warning', 'error'].includes(checks.get('disk')?.status ?? ''));
    assert.equal(typeof checks.get('disk')?.params.free, 'number');
    assert.ok(checks.get('memory'));
    // TLS_MODE=off here: said so, not guessed.
    assert.equal(verdict(checks.get('certificate')), 'unknown diagnosis.tls.off');
    assert.equal(verdict(checks.get('backup')), 'warning diagnosis.backup.none');
    for (const check of checks.values()) assert.match(check.messageKey, /^diagnosis\.[a-z]+\.[a-zA-Z]+$/);
  });
});
