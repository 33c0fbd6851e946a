import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createDataSource } from '../../server/src/database/data-source';
import { act, DOMAIN, jobError, login, type Session, viaProxy, waitJob, waitFeature } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { dockerSync as docker } from '../support/docker-cli';
import { freePort, ServerProcess } from '../support/server-process';
import { requireEngineAndImages, testEngine, testImageOverrides, testImageTags } from '../support/test-images';

const engine = testEngine();
/** A reference only this test uses: the proxy runs from it; the test moves it and puts it back. */
const TAG = `tl-test/caddy:hardening-test-${process.pid}`;

interface Refusal {
  component: string;
  reference: string;
  recorded: string;
  offered: string;
}

describe('image digests on the real engine: recorded on first use, a changed image behind a known tag refused', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let caddyId = '';

  const proxy = async () => (await engine.listManaged(applianceId)).find((c) => c.serviceId === 'proxy');
  const padRefusals = async () => {
    const list = (await request(server.url).get('/api/features').set('Cookie', session.cookie).expect(200))
      .body as Array<{ id: string; imageRefusals: Refusal[] }>;
    return list.find((s) => s.id === 'pad')!.imageRefusals;
  };
  const restartManager = async (extra: Record<string, string>) => {
    await server.stop();
    env = { ...env, ...extra };
    server = new ServerProcess(server.dataDir, env);
    await server.start();
    session = await login(server);
  };

  before(async () => {
    await requireEngineAndImages();
    const tags = testImageTags();
    caddyId = docker('image', 'inspect', '--format', '{{.Id}}', tags.caddy);
    docker('tag', tags.caddy, TAG);
    ({ env, server, session, applianceId } = await setUpAppliance('digests', ['pad'], {
      env: { IMAGE_OVERRIDES: JSON.stringify(testImageOverrides({ proxy: TAG })) },
      healthy: true,
    }));
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
    // Only the tag this test made; the images stay (other tags name them).
    docker('image', 'rm', TAG);
  });

  it('records the image of every container it runs (local builds: their image id, no registry digest)', async () => {
    // The manager's own database file (WAL: a second reader is fine while it runs).
    const db = await createDataSource(server.dataDir).initialize();
    try {
      const rows: Array<{ reference: string; imageId: string; repoDigest: string | null }> = await db.query(
        `SELECT reference, image_id AS imageId, repo_digest AS repoDigest FROM image_record WHERE kind = 'service'`,
      );
      const recorded = new Map(rows.map((r) => [r.reference, r]));
      const running = await engine.listManaged(applianceId);
      assert.deepEqual(running.map((c) => c.serviceId).sort(), ['hedgedoc', 'postgres', 'proxy']);
      for (const container of running) {
        assert.equal(recorded.get(container.image)?.imageId, container.imageId, container.image);
        assert.equal(recorded.get(container.image)?.repoDigest, null);
      }
      assert.equal(recorded.get(TAG)?.imageId, caddyId);
    } finally {
      await db.destroy();
    }
    assert.deepEqual(await padRefusals(), []);
  });

  it('refuses to re-create the proxy from another image behind the same tag, keeps the running one and reports it', async () => {
    const before = await proxy();
    assert.ok(before);
    const oldPort = env.PROXY_HTTP_PORT;
    docker('tag', testImageTags().base, TAG);
    // A new host port changes the proxy's configuration: the reconciler wants to re-create it.
    await restartManager({ PROXY_HTTP_PORT: String(await freePort()) });
    const { job } = await waitJob(server, session, await act(server, session, '/api/features/pad/actions/restart'));
    assert.equal(job.state, 'failed');
    // A key the dashboard translates; the detail names the tag and says the new image was not used.
    assert.equal(job.error?.key, 'imageRefused', jobError(job));
    assert.ok(job.error?.detail?.includes(TAG), jobError(job));
    assert.match(job.error?.detail ?? '', /it was not used/);

    const refusals = await padRefusals();
    assert.equal(refusals.length, 1, JSON.stringify(refusals));
    assert.equal(refusals[0].component, 'proxy');
    assert.equal(refusals[0].reference, TAG);
    assert.equal(refusals[0].recorded, caddyId.slice(0, 19));
    assert.notEqual(refusals[0].offered, refusals[0].recorded);

    const after = await proxy();
    assert.equal(after?.id, before.id);
    assert.equal(after?.state, 'running');
    assert.equal(after?.imageId, caddyId);
    // Still serving on its old port.
    assert.equal((await viaProxy(oldPort, `pad.${DOMAIN}`, '/status')).status, 200);
  });

  it('goes ahead once the tag points at the recorded image again, and clears the report', async () => {
    const before = await proxy();
    docker('tag', testImageTags().caddy, TAG);
    const { job } = await waitJob(server, session, await act(server, session, '/api/features/pad/actions/restart'));
    assert.equal(job.state, 'succeeded', jobError(job));
    const after = await proxy();
    assert.ok(after && after.id !== before?.id, 'the proxy was not re-created');
    assert.equal(after.imageId, caddyId);
    assert.deepEqual(await padRefusals(), []);
    await waitFeature(server, session, 'pad', (s) => s.state === 'running' && s.health === 'healthy', 60_000);
    assert.equal((await viaProxy(env.PROXY_HTTP_PORT, `pad.${DOMAIN}`, '/status')).status, 200);
  });
});
