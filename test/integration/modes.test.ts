import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DynamicModule, Type } from '@nestjs/common';
import request from 'supertest';
import { MODE_MODULES, type ModuleEntry } from '../../server/src/app.modules';
import type { Mode } from '../../server/src/config/app-config';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

/** Every module a mode loads, imports followed, and the controllers they declare (by class name). */
function graphOf(entries: readonly ModuleEntry[]): { modules: Set<string>; controllers: Set<string> } {
  const modules = new Set<string>();
  const controllers = new Set<string>();
  const visit = (entry: ModuleEntry | Promise<DynamicModule> | undefined) => {
    if (!entry || entry instanceof Promise) return;
    const dynamic = 'module' in entry ? entry : undefined;
    const type = (dynamic?.module ?? entry) as Type;
    const read = (key: string) => (Reflect.getMetadata(key, type) ?? []) as unknown[];
    const own = [...read('controllers'), ...(dynamic?.controllers ?? [])] as Type[];
    own.forEach((controller) => controllers.add(controller.name));
    if (modules.has(type.name) && !dynamic) return;
    modules.add(type.name);
    for (const child of [...read('imports'), ...(dynamic?.imports ?? [])]) visit(child as ModuleEntry);
  };
  entries.forEach(visit);
  return { modules, controllers };
}

const graphs = { appliance: graphOf(MODE_MODULES.appliance), upstream: graphOf(MODE_MODULES.upstream) };
const only = (mode: Mode, key: 'modules' | 'controllers') => {
  const other = graphs[mode === 'appliance' ? 'upstream' : 'appliance'][key];
  return [...graphs[mode][key]].filter((name) => !other.has(name)).sort();
};

/** Nest logs "<Module> dependencies initialized"; a whole word, so FeaturesModule is not SetupFeaturesModule. */
const loaded = (server: ServerProcess, name: string) =>
  new RegExp(`\\b${name} dependencies initialized`).test(server.log);

interface Operation {
  route: string;
  controller: string;
}

/** The served document's operations; Nest names each operation `<Controller>_<method>`. */
async function operations(server: ServerProcess): Promise<Operation[]> {
  const doc = (await request(server.url).get('/api/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      route: `${method.toUpperCase()} ${path}`,
      controller: op.operationId.split('_')[0],
    })),
  );
}

describe('modules by mode (app.modules.ts), each mode started for real', () => {
  // No Docker engine at all: the upstream must not need one; the appliance still boots (503s later).
  const noEngine = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
  const upstream = new ServerProcess(tempDataDir('mode-upstream'), { ...noEngine, MODE: 'upstream' });
  const appliance = new ServerProcess(tempDataDir('mode-appliance'), { ...noEngine, MODE: 'appliance' });

  before(async () => {
    await Promise.all([upstream.start(), appliance.start()]);
  });
  after(async () => {
    await Promise.all([upstream.dispose(), appliance.dispose()]);
  });

  it('declares the engine, the features, system and self-update as appliance-only; the health route is in both modes', () => {
    const applianceOnly = only('appliance', 'modules');
    for (const name of [
      'EngineModule',
      'ServicesModule',
      'FeaturesModule',
      'SystemModule',
      'SelfUpdateModule',
      'SecretsModule',
    ]) {
      assert.ok(applianceOnly.includes(name), `${name} must be appliance-only (got ${applianceOnly.join(', ')})`);
    }
    assert.ok(only('appliance', 'controllers').length > 0);
    // The fleet is the upstream's own (its admin routes and the device routes); the health route is in
    // both modes, each with its own report (the upstream's probes no engine).
    assert.deepEqual(only('upstream', 'controllers'), ['DeviceController', 'FleetController']);
    assert.ok(only('upstream', 'modules').includes('FleetModule'));
    assert.ok(graphs.upstream.controllers.has('HealthController'));
    assert.ok(graphs.appliance.controllers.has('HealthController'));
  });

  it('serves in upstream mode no route of an appliance-only controller, and every upstream route', async () => {
    const ops = await operations(upstream);
    const applianceOnly = new Set(only('appliance', 'controllers'));
    const leaked = ops.filter((op) => applianceOnly.has(op.controller)).map((op) => op.route);
    assert.deepEqual(leaked, [], 'appliance-only routes served in upstream mode');
    const served = new Set(ops.map((op) => op.controller));
    assert.deepEqual([...served].sort(), [...graphs.upstream.controllers].sort());
    // The features' routes and the engine's system routes.
    const engineRoutes = ops.filter((op) => /^\w+ \/api\/(features|system)(\/|$)/.test(op.route));
    assert.deepEqual(engineRoutes, []);
    for (const name of only('appliance', 'modules')) {
      assert.ok(!loaded(upstream, name), `${name} was loaded in upstream mode`);
    }
  });

  it('serves in appliance mode no upstream-only route, and every appliance route', async () => {
    const ops = await operations(appliance);
    const upstreamOnly = new Set(only('upstream', 'controllers'));
    assert.deepEqual(
      ops.filter((op) => upstreamOnly.has(op.controller)).map((op) => op.route),
      [],
    );
    assert.deepEqual([...new Set(ops.map((op) => op.controller))].sort(), [...graphs.appliance.controllers].sort());
    // The log line the upstream check above relies on is there when a module is loaded.
    for (const name of only('appliance', 'modules')) {
      assert.ok(loaded(appliance, name), `${name} not loaded in appliance mode`);
    }
  });

  it('answers health and the setup status in upstream mode without a Docker engine', async () => {
    const health = await request(upstream.url).get('/api/health').expect(200);
    assert.equal(health.body.status, 'ok', JSON.stringify(health.body));
    assert.deepEqual(Object.keys(health.body.checks).sort(), ['database', 'queue']);
    const status = await request(upstream.url).get('/api/setup/status').expect(200);
    assert.equal(status.body.completed, false);
  });

  it('refuses features in the upstream wizard with a 400 naming the field, and sets up without them', async () => {
    const payload = setupPayload(upstream.setupTokenFromLog());
    const refused = await request(upstream.url)
      .post('/api/setup')
      .send({ ...payload, features: ['chat'] })
      .expect(400);
    assert.deepEqual(
      (refused.body.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`),
      ['features:notOffered'],
    );
    assert.match(refused.body.errors[0].message, /upstream mode/);
    const done = await request(upstream.url)
      .post('/api/setup')
      .send({ ...payload, features: [] })
      .expect(201);
    const session = sessionFrom(done.headers['set-cookie']);
    const settings = await request(upstream.url).get('/api/settings').set('Cookie', session.cookie).expect(200);
    assert.deepEqual(settings.body.features, [], 'an upstream lists no features');
    // The dashboard shows the fleet from this (once set up; before, the answer stays { completed: false }).
    const status = await request(upstream.url).get('/api/setup/status').expect(200);
    assert.equal(status.body.mode, 'upstream');
  });
});
