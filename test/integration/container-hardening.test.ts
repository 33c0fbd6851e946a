import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { CATALOG } from '../../server/src/catalog/catalog';
import type { ServiceId } from '../../server/src/catalog/catalog.types';
import { POSTGRES_INIT_COMMAND } from '../../server/src/catalog/postgres.catalog';
import { matrixLogin, newChatAdminPassword, type Session, waitFeature } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { ServerProcess } from '../support/server-process';
import { testEngine } from '../support/test-images';

const engine = testEngine();
/** Linux capability numbers (include/uapi/linux/capability.h) of those the catalog may give back. */
const CAP_NUMBERS: Record<string, number> = {
  CHOWN: 0,
  DAC_OVERRIDE: 1,
  FOWNER: 3,
  SETGID: 6,
  SETUID: 7,
  NET_BIND_SERVICE: 10,
};

const bare = (caps: readonly string[] | null | undefined) => (caps ?? []).map((c) => c.replace(/^CAP_/, '')).sort();

/** Runs argv in a container and returns its exit code and stdout. */
async function run(id: string, cmd: string[], stdin?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await engine.exec(id, cmd, { stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), stdin });
  return { code, out };
}

describe('service containers on the real engine: no capability but the catalog’s, no new privileges, bounded processes, read-only roots', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';

  const byService = async (id: ServiceId) => {
    const [container] = (await engine.listManaged(applianceId)).filter((c) => c.serviceId === id);
    assert.ok(container, `no ${id} container`);
    return container;
  };
  // The chat admin account has its own password, issued once by the dashboard (never the dashboard's).
  let chatAdmin = { userId: '', password: '' };
  const login = () => matrixLogin(env.PROXY_HTTP_PORT, chatAdmin.userId, chatAdmin.password);

  before(async () => {
    ({ env, server, session, applianceId } = await setUpAppliance('hardening', ['chat'], { healthy: true }));
    chatAdmin = await newChatAdminPassword(server, session);
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
  });

  it('creates every managed container with CapDrop ALL, only the catalog’s CapAdd, no-new-privileges and a PID limit', async () => {
    const list = await engine.listManaged(applianceId);
    assert.deepEqual(list.map((c) => c.serviceId).sort(), ['element', 'postgres', 'proxy', 'synapse']);
    for (const container of list) {
      const privileges = CATALOG[container.serviceId as ServiceId].privileges;
      const details = await engine.inspectContainer(container.id);
      assert.ok(details);
      const host = details.hostConfig as Record<string, unknown>;
      assert.deepEqual(bare(host.CapDrop as string[]), ['ALL'], container.name);
      assert.deepEqual(bare(host.CapAdd as string[]), [...privileges.capAdd].sort(), container.name);
      assert.ok(
        (host.SecurityOpt as string[]).some((o) => /^no-new-privileges(:true)?$/.test(o)),
        `${container.name}: ${JSON.stringify(host.SecurityOpt)}`,
      );
      assert.equal(host.PidsLimit, privileges.pidsLimit, container.name);
      assert.equal(host.ReadonlyRootfs, privileges.readOnlyRootfs, container.name);
      assert.deepEqual(
        Object.keys((host.Tmpfs as Record<string, string> | null) ?? {}).sort(),
        privileges.tmpfs.map((t) => t.path).sort(),
        container.name,
      );
      // What the kernel enforces for a process started in it: the bounding set is exactly the catalog's.
      const status = await run(container.id, ['cat', '/proc/self/status']);
      const bound = /^CapBnd:\s*([0-9a-f]+)$/m.exec(status.out)?.[1];
      const expected = privileges.capAdd.reduce((mask, cap) => mask | (1n << BigInt(CAP_NUMBERS[cap])), 0n);
      assert.equal(BigInt(`0x${bound}`), expected, `${container.name} bounding set ${bound}`);
      assert.match(status.out, /^NoNewPrivs:\s*1$/m, container.name);
    }
  });

  it('keeps the root filesystem read-only where the catalog says so, with tmpfs where the service writes', async () => {
    for (const id of ['proxy', 'postgres', 'synapse'] as const) {
      assert.equal(CATALOG[id].privileges.readOnlyRootfs, true);
      const container = await byService(id);
      assert.notEqual((await run(container.id, ['touch', '/etc/tl-probe'])).code, 0, `${id} root is writable`);
      assert.equal((await run(container.id, ['touch', '/tmp/tl-probe'])).code, 0, `${id} /tmp is not writable`);
    }
    // Element's config is rendered beside the app: its root stays writable (see the catalog).
    assert.equal((await run((await byService('element')).id, ['touch', '/etc/tl-probe'])).code, 0);
  });

  it('still logs Synapse in through the proxy, and Postgres still answers', async () => {
    const loggedIn = await login();
    assert.equal(loggedIn.status, 200, JSON.stringify(loggedIn.body));
    const postgres = await byService('postgres');
    const answer = await run(postgres.id, [...POSTGRES_INIT_COMMAND, '--tuples-only', '--no-align'], 'SELECT 6 * 7;\n');
    assert.equal(answer.code, 0);
    assert.equal(answer.out.trim(), '42');
  });

  it('stops a process flood at the PID limit inside one service, leaving the host and the other services unharmed', async () => {
    const element = await byService('element');
    const limit = CATALOG.element.privileges.pidsLimit;
    // Bounded: starts sleeps until the first refused fork (or 4 × the limit), then kills and reaps them all.
    const flood = [
      'import json, subprocess',
      'procs, error = [], None',
      `while len(procs) < ${limit * 4}:`,
      '    try:',
      "        procs.append(subprocess.Popen(['sleep', '600']))",
      '    except OSError as e:',
      '        error = e.strerror',
      '        break',
      'for p in procs: p.kill()',
      'for p in procs: p.wait()',
      "print(json.dumps({'started': len(procs), 'error': error}))",
    ].join('\n');
    const result = await run(element.id, ['python3', '-c', flood]);
    assert.equal(result.code, 0, result.out);
    const { started, error } = JSON.parse(result.out) as { started: number; error: string | null };
    assert.match(error ?? '', /temporarily unavailable/i, `no fork was refused after ${started} processes`);
    // The server and this script hold the rest of the limit.
    assert.ok(started < limit && started > limit - 16, `${started} processes started under a limit of ${limit}`);

    // The host still starts processes, and every service is still up.
    assert.equal(spawnSync('true').status, 0);
    for (const container of await engine.listManaged(applianceId)) {
      assert.equal(container.state, 'running', container.name);
    }
    assert.equal((await byService('element')).id, element.id);
    await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 60_000);
    assert.equal((await login()).status, 200);
  });
});
