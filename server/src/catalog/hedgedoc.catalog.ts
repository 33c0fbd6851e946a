import type { DatabaseSpec, RenderContext, ServiceDefinition } from './catalog.types';
import { hedgedocSsoEnv, hedgedocSsoFiles } from './hedgedoc.sso';
import { publicHost } from './naming';
import { postgresUrl } from './postgres.catalog';
import { secretFile, secretsDirectory } from './secret-files';

export const HEDGEDOC_PORT = 3000;
const MiB = 1024 * 1024;
/** The hedgedoc user of the official image; its entrypoint starts as root, then switches with gosu. */
const HEDGEDOC_UID = 10000;

export function hedgedocDatabase(ctx: RenderContext): DatabaseSpec {
  return { database: 'hedgedoc', role: 'hedgedoc', password: ctx.secrets.hedgedocDbPassword, collationC: false };
}

export const hedgedocDefinition: ServiceDefinition<'quay.io/hedgedoc/hedgedoc:1.11.1'> = {
  id: 'hedgedoc',
  role: 'pad',
  name: 'HedgeDoc',
  version: '1.11.1',
  image: 'quay.io/hedgedoc/hedgedoc:1.11.1',
  internalPort: HEDGEDOC_PORT,
  subdomain: 'pad',
  healthcheck: {
    // The Debian-based image ships neither curl nor wget; Node 18+ has fetch.
    test: [
      'CMD',
      'node',
      '-e',
      `fetch('http://127.0.0.1:${HEDGEDOC_PORT}/status').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
    ],
    intervalSec: 15,
    timeoutSec: 10,
    retries: 3,
    startPeriodSec: 60,
  },
  volumes: [{ key: 'uploads', mountPath: '/hedgedoc/public/uploads' }],
  dependsOn: ['postgres'],
  needsEgress: false,
  needsDatabase: true,
  stopTimeoutSec: 15,
  privileges: {
    capAdd: [
      // The official entrypoint starts as root and makes the uploads volume the hedgedoc user's
      // (chown -R, chmod 700, through directories that user owns)...
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      // ...then runs the migrations and the app as that user with gosu.
      'SETUID',
      'SETGID',
    ],
    // Node's event loop and its libuv and V8 threads.
    pidsLimit: 128,
    // Not read-only: only a stand-in runs here, so a read-only root could not be checked against the
    // real image (its migrations and Node's temporary files).
    readOnlyRootfs: false,
    tmpfs: [],
  },
  renderCommand: () => undefined,
  renderEnv: (ctx) => {
    const { settings, profile } = ctx;
    // Keep V8's heap under the container limit so Node collects garbage instead of being OOM-killed.
    const heapMb = Math.floor((profile.memoryLimits.hedgedoc / MiB) * 0.6);
    return {
      CMD_DOMAIN: publicHost(settings.domain, 'pad'),
      CMD_PORT: String(HEDGEDOC_PORT),
      CMD_PROTOCOL_USESSL: 'true',
      CMD_URL_ADDPORT: 'false',
      CMD_ALLOW_ANONYMOUS: String(settings.pad.allowAnonymous),
      CMD_ALLOW_ANONYMOUS_EDITS: String(settings.pad.allowAnonymous),
      CMD_EMAIL: 'true',
      CMD_ALLOW_EMAIL_REGISTER: String(settings.pad.allowRegister),
      CMD_IMAGE_UPLOAD_TYPE: 'filesystem',
      // No request to a third party from a reader's browser.
      CMD_ALLOW_GRAVATAR: 'false',
      NODE_OPTIONS: `--max-old-space-size=${heapMb}`,
      ...hedgedocSsoEnv(ctx),
    };
  },
  // HedgeDoc 1.x reads these Docker-secret names itself (lib/config/dockerSecret.js, verbatim, so no
  // trailing newline); its entrypoint also reads dbURL to wait for the database and run migrations.
  renderFiles: (ctx) => [
    secretsDirectory(HEDGEDOC_UID),
    secretFile('dbURL', postgresUrl(hedgedocDatabase(ctx)), HEDGEDOC_UID),
    secretFile('sessionsecret', ctx.secrets.hedgedocSessionSecret, HEDGEDOC_UID),
    ...hedgedocSsoFiles(ctx, HEDGEDOC_UID),
  ],
  databases: (ctx) => [hedgedocDatabase(ctx)],
};
