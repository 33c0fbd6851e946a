import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { eventually } from './eventually';
import { freePort, ServerProcess, tempDataDir } from './server-process';
import { sessionFrom, setupPayload } from './setup-payload';
import { testImageOverrides } from './test-images';

export const DOMAIN = 'fabrique.test';
export const ADMIN_PASSWORD = setupPayload('').admin.password;

export interface Session {
  cookie: string;
  csrf: string;
}

/** Env for a manager that runs the catalog on local test images, plain HTTP on free host ports. */
export async function applianceEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    TLS_MODE: 'off',
    PROXY_HTTP_PORT: String(await freePort()),
    PROXY_HTTPS_PORT: String(await freePort()),
    IMAGE_OVERRIDES: JSON.stringify(testImageOverrides()),
    RECONCILE_INTERVAL: '10',
    ...extra,
  };
}

export async function startAppliance(label: string, env: Record<string, string>): Promise<ServerProcess> {
  const server = new ServerProcess(tempDataDir(label), env);
  await server.start();
  return server;
}

export async function completeSetup(server: ServerProcess, features: string[]): Promise<Session> {
  const res = await request(server.url)
    .post('/api/setup')
    .send({ ...setupPayload(server.setupTokenFromLog()), domain: DOMAIN, features })
    .expect(201);
  return sessionFrom(res.headers['set-cookie']);
}

/** Anything that serves the API: the manager as a child process, or the appliance container. */
export interface Api {
  url: string;
}

/** The prefix of everything this appliance created on the engine (what cleanupAppliance removes). */
export async function applianceIdOf(server: Api, session: Session): Promise<string> {
  const settings = await request(server.url).get('/api/settings').set('Cookie', session.cookie).expect(200);
  return (settings.body as { applianceId: string }).applianceId;
}

export async function login(server: Api, password = ADMIN_PASSWORD): Promise<Session> {
  const res = await request(server.url).post('/api/auth/login').send({ username: 'camille', password }).expect(200);
  return sessionFrom(res.headers['set-cookie']);
}

export interface JobView {
  id: string;
  state: string;
  progress: { stage: string; params: Record<string, string | number>; percent: number };
  result: { key: string; params: Record<string, string | number> } | null;
  error: { key: string; params: Record<string, string | number>; detail: string | null } | null;
}

/** A job's error as one line, for assertion messages and matching: `key: detail`. */
export function jobError(job: Pick<JobView, 'error'>): string {
  return job.error ? `${job.error.key}${job.error.detail ? `: ${job.error.detail}` : ''}` : '';
}

export async function waitJob(server: Api, session: Session, jobId: string, timeoutMs = 240_000) {
  const seen: number[] = [];
  const stages = new Set<string>();
  const job = await eventually(
    async () => {
      const job = (await request(server.url).get(`/api/jobs/${jobId}`).set('Cookie', session.cookie).expect(200))
        .body as JobView;
      seen.push(job.progress.percent);
      stages.add(job.progress.stage);
      return (job.state === 'succeeded' || job.state === 'failed') && job;
    },
    `job ${jobId} ends`,
    { timeoutMs, intervalMs: 500 },
  );
  return { job, seen, stages };
}

export interface FeatureView {
  id: string;
  state: string;
  health: string;
  enabled: boolean;
}

export async function waitFeature(
  server: Api,
  session: Session,
  id: string,
  done: (s: FeatureView) => boolean,
  timeoutMs = 240_000,
): Promise<FeatureView> {
  let last: FeatureView | undefined;
  return eventually(
    async () => {
      const list = (await request(server.url).get('/api/features').set('Cookie', session.cookie).expect(200))
        .body as FeatureView[];
      last = list.find((s) => s.id === id)!;
      return done(last) && last;
    },
    () => `feature ${id} reaches the awaited state (last seen: ${JSON.stringify(last)})`,
    { timeoutMs, intervalMs: 1000 },
  );
}

/** The reconciler's finished runs (status API); a test waits for the count to grow, never blindly. */
/** Completes the setup with `feature` on, waits until it runs healthy, and reads the appliance's id. */
export async function setUpHealthy(
  server: ServerProcess,
  feature: string,
): Promise<{ session: Session; applianceId: string }> {
  const session = await completeSetup(server, [feature]);
  await waitFeature(server, session, feature, (s) => s.state === 'running' && s.health === 'healthy');
  return { session, applianceId: await applianceIdOf(server, session) };
}

export async function reconcileCount(server: Api, session: Session): Promise<number> {
  const status = await request(server.url).get('/api/system/status').set('Cookie', session.cookie).expect(200);
  const { completed, failed } = status.body.reconciles as { completed: number; failed: number };
  return completed + failed;
}

/** Waits until `runs` more reconciles have finished than `since` (0 after a manager restart). */
export async function reconciledSince(server: Api, session: Session, since: number, runs = 1, timeoutMs = 120_000) {
  return eventually(
    async () => (await reconcileCount(server, session)) >= since + runs,
    `${runs} reconcile(s) finish after the ${since} already counted`,
    { timeoutMs, intervalMs: 250 },
  );
}

export async function act(server: Api, session: Session, path: string, body?: object): Promise<string> {
  const call = path.startsWith('PUT ') ? request(server.url).put(path.slice(4)) : request(server.url).post(path);
  const res = await call
    .set('Cookie', session.cookie)
    .set('x-csrf-token', session.csrf)
    .send(body ?? {});
  if (res.status !== 202) throw new Error(`${path} answered ${res.status}: ${res.text}`);
  return (res.body as { jobId: string }).jobId;
}

/** HTTP through the appliance's Caddy on its published port, with the Host of a public name. */
export function viaProxy(
  port: string,
  host: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  // node:http rather than fetch: fetch does not let a caller choose the Host header.
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method: init.method ?? 'GET',
        headers: {
          host,
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
          } catch {
            reject(new Error(`${host}${path} answered ${res.statusCode} with non-JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The dashboard's "new password for the chat admin account" (shown once). */
export async function newChatAdminPassword(
  server: Api,
  session: Session,
): Promise<{ userId: string; password: string }> {
  const res = await request(server.url)
    .post('/api/features/chat/admin-password')
    .set('Cookie', session.cookie)
    .set('x-csrf-token', session.csrf)
    .send({});
  if (res.status !== 200) throw new Error(`new chat admin password answered ${res.status}: ${res.text}`);
  return res.body as { userId: string; password: string };
}

/** A Matrix password login through the proxy. */
export function matrixLogin(proxyPort: string, user: string, password: string, domain = DOMAIN) {
  return viaProxy(proxyPort, `matrix.${domain}`, '/_matrix/client/v3/login', {
    method: 'POST',
    body: { type: 'm.login.password', identifier: { type: 'm.id.user', user }, password },
  });
}
