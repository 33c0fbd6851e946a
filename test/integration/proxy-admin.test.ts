/**
 * Caddy's admin API belongs to the manager alone (security review, finding 1): no service container
 * (nor the host's bridge) can reach it on any of the proxy's addresses, and a config changed behind
 * the manager's back is put back by the next reconcile.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { DOMAIN, viaProxy } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { eventually } from '../support/eventually';
import { ServerProcess } from '../support/server-process';
import { testEngine } from '../support/test-images';

const engine = testEngine();
const ADMIN_PORT = 2019;

/** Tries a TCP connection to every host:port given, from wherever it runs; prints {"host:port": outcome}. */
const PROBE = `
import json, socket, sys
out = {}
for target in sys.argv[1:]:
    host, port = target.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
        out[target] = "open"
    except ConnectionRefusedError:
        out[target] = "refused"
    except OSError as err:
        out[target] = type(err).__name__
print(json.dumps(out))
`;

async function run(containerId: string, cmd: string[], stdin?: string): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await engine.exec(containerId, cmd, { stdout: sink, stderr: sink, stdin });
  return { code, out };
}

/** From the host, as the manager outside the image sees the bridge. */
function tcpOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ECONNREFUSED' ? 'refused' : String(err.code)),
    );
  });
}

describe('proxy admin API: reachable by the manager alone, and repaired on reconcile', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let applianceId = '';
  let httpPort = 0;

  const containerOf = async (serviceId: string) => {
    const found = (await engine.listManaged(applianceId)).find((c) => c.serviceId === serviceId);
    assert.ok(found, `no ${serviceId} container`);
    return found;
  };
  const proxyAddresses = async () => {
    const details = await engine.inspectContainer((await containerOf('proxy')).id);
    assert.ok(details);
    const addresses: string[] = [];
    for (const network of details.networks) {
      const address = await engine.address(details.id, network.name);
      if (address) addresses.push(address);
    }
    assert.ok(addresses.length > 0, 'the proxy has no network address');
    return addresses;
  };
  /** What Caddy runs, read inside the proxy container (the test image has curl). */
  const liveConfig = async () => {
    const { code, out } = await run((await containerOf('proxy')).id, [
      'curl',
      '-fsS',
      `http://127.0.0.1:${ADMIN_PORT}/config/`,
    ]);
    assert.equal(code, 0, out);
    return out.trim();
  };
  const padStatus = () => viaProxy(env.PROXY_HTTP_PORT, `pad.${DOMAIN}`, '/status');

  before(async () => {
    // No periodic run during the test: the repair below must come from the one reconcile we trigger.
    ({ env, server, applianceId } = await setUpAppliance('proxy-admin', ['pad'], {
      env: { RECONCILE_INTERVAL: '3600' },
      healthy: true,
    }));
    httpPort = Number(env.PROXY_HTTP_PORT);
    // Routes are loaded at the end of the reconcile that brought the pad up.
    await eventually(
      async () => (await padStatus()).status === 200,
      () => `the pad answers through the proxy:\n${server.log}`,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        retryOnError: true,
      },
    );
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
  });

  const assertAdminUnreachable = async () => {
    const targets = ['proxy', ...(await proxyAddresses())].flatMap((host) => [
      `${host}:${ADMIN_PORT}`,
      `${host}:${httpPort}`,
    ]);
    const pad = await containerOf('hedgedoc');
    const probe = await run(pad.id, ['python3', '-c', PROBE, ...targets]);
    assert.equal(probe.code, 0, probe.out);
    const outcome = JSON.parse(probe.out) as Record<string, string>;
    for (const target of targets) {
      // The proxy's public port answers from the same container: the network path is there.
      const expected = target.endsWith(`:${ADMIN_PORT}`) ? 'refused' : 'open';
      assert.equal(outcome[target], expected, `${target} from the pad container: ${probe.out}`);
    }
    for (const address of await proxyAddresses()) {
      assert.equal(await tcpOutcome(address, ADMIN_PORT), 'refused', `${address}:${ADMIN_PORT} from the host`);
    }
  };

  it('refuses the admin API to a service container on every proxy address, and to the host', async () => {
    await assertAdminUnreachable();
  });

  it('puts its own config back within one reconcile after a change behind its back', async () => {
    const own = await liveConfig();
    assert.equal((JSON.parse(own) as { admin: { listen: string } }).admin.listen, `127.0.0.1:${ADMIN_PORT}`);
    assert.notEqual((await padStatus()).body.captured, true);
    // What a takeover would load: every host to a capture page, and the admin API opened to the network.
    const hijack = JSON.stringify({
      admin: { listen: `0.0.0.0:${ADMIN_PORT}` },
      apps: {
        http: {
          servers: {
            main: {
              listen: [`:${httpPort}`],
              automatic_https: { disable: true },
              routes: [{ handle: [{ handler: 'static_response', status_code: 200, body: '{"captured":true}' }] }],
            },
          },
        },
      },
    });
    const proxy = await containerOf('proxy');
    const loaded = await run(
      proxy.id,
      [
        'curl',
        '-fsS',
        '-H',
        'Content-Type: application/json',
        '--data-binary',
        '@-',
        `http://127.0.0.1:${ADMIN_PORT}/load`,
      ],
      hijack,
    );
    assert.equal(loaded.code, 0, loaded.out);
    assert.equal((await padStatus()).body.captured, true, 'the hijack did not take');

    const linesBefore = server.lines.length;
    const pid = Number(readFileSync(join(server.dataDir, 'manager.pid'), 'utf8').trim());
    process.kill(pid, 'SIGHUP');
    const repairLines = () => server.lines.slice(linesBefore).filter((l) => l.includes('changed outside the manager'));
    await eventually(
      async () => repairLines().length > 0 && (await liveConfig()) === own,
      () => `the proxy config is restored:\n${server.log}`,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const status = await padStatus();
    assert.equal(status.status, 200);
    assert.notEqual(status.body.captured, true);
    assert.equal(repairLines().length, 1, server.lines.slice(linesBefore).join('\n'));
    // The restored config closed the admin API again.
    await assertAdminUnreachable();
  });
});
