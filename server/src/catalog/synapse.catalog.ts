import { toYaml, type Json } from './canonical';
import type { DatabaseSpec, RenderContext, ServiceDefinition } from './catalog.types';
import { matrixHost } from './naming';
import { POSTGRES_HOST, POSTGRES_PORT } from './postgres.catalog';
import { synapseSsoFiles, synapseSsoSettings } from './synapse.sso';

export const SYNAPSE_PORT = 8008;
const DATA = '/data';
/** The image's own user; its start script switches to UID:GID with gosu. */
const SYNAPSE_UID = 991;
export const SYNAPSE_CONFIG_PATH = `${DATA}/homeserver.yaml`;

export function synapseDatabase(ctx: RenderContext): DatabaseSpec {
  return { database: 'synapse', role: 'synapse', password: ctx.secrets.synapseDbPassword, collationC: true };
}

/** Python %-formatting reads `notif_from`: a `%` in the community name must be doubled. */
function pythonFormatSafe(text: string): string {
  return text.replaceAll('%', '%%');
}

function federationSettings(ctx: RenderContext): Record<string, Json> {
  const { mode, allowedDomains } = ctx.settings.federation;
  switch (mode) {
    case 'open':
      return { trusted_key_servers: [{ server_name: 'matrix.org' }] };
    case 'limited':
      return { trusted_key_servers: [], federation_domain_whitelist: [...allowedDomains].sort() };
    case 'closed':
      // An empty whitelist refuses every remote server; the federation listener is not even mounted.
      return { trusted_key_servers: [], federation_domain_whitelist: [] };
    default: {
      const unknown: never = mode;
      throw new Error(`unknown federation mode ${String(unknown)}`);
    }
  }
}

/**
 * Synapse's `email` section (its config documentation and synapse/config/emailconfig.py): `force_tls`
 * is TLS from the first byte, `require_transport_security` makes STARTTLS mandatory, and `enable_tls:
 * false` stops the opportunistic STARTTLS that is otherwise tried (both others require it true).
 * Synapse has no `smtp_pass_path`: the password sits in homeserver.yaml, a 0600 file of the image's
 * user (renderFiles), never in its environment or command.
 */
function emailSettings(ctx: RenderContext): Record<string, Json> {
  const smtp = ctx.settings.smtp;
  if (!smtp) return {};
  // The sender's name as one display name: no line break, angle bracket or quote to break the header.
  const fromName = smtp.fromName.replace(/[\s<>"]+/g, ' ').trim() || ctx.settings.communityName;
  const name = pythonFormatSafe(fromName);
  return {
    email: {
      smtp_host: smtp.host,
      smtp_port: smtp.port,
      ...(smtp.username ? { smtp_user: smtp.username, smtp_pass: smtp.password ?? '' } : {}),
      force_tls: smtp.security === 'tls',
      require_transport_security: smtp.security === 'starttls',
      enable_tls: smtp.security !== 'none',
      notif_from: `${name} <${smtp.from}>`,
      app_name: pythonFormatSafe(ctx.settings.communityName),
      enable_notifs: true,
    },
  };
}

/** homeserver.yaml as a value; rendered to YAML by `renderHomeserverYaml`. */
export function homeserverConfig(ctx: RenderContext): Record<string, Json> {
  const { settings, secrets, profile } = ctx;
  const db = synapseDatabase(ctx);
  const targetMb = profile.tuning.synapseCacheTargetMb;
  const federates = settings.federation.mode !== 'closed';
  return {
    server_name: settings.domain,
    public_baseurl: `https://${matrixHost(settings.domain)}/`,
    serve_server_wellknown: false,
    // On the tmpfs: the volume's root may stay root's (the engine cannot chown a volume's root).
    pid_file: '/tmp/homeserver.pid',
    report_stats: false,
    listeners: [
      {
        port: SYNAPSE_PORT,
        type: 'http',
        tls: false,
        x_forwarded: true,
        bind_addresses: ['0.0.0.0'],
        resources: [{ names: federates ? ['client', 'federation'] : ['client'], compress: false }],
      },
    ],
    database: {
      name: 'psycopg2',
      args: {
        user: db.role,
        password: db.password,
        dbname: db.database,
        host: POSTGRES_HOST,
        port: POSTGRES_PORT,
        cp_min: 1,
        cp_max: profile.tuning.synapseDbPoolMax,
      },
    },
    log_config: `${DATA}/log.config`,
    media_store_path: `${DATA}/media_store`,
    signing_key_path: `${DATA}/signing.key`,
    suppress_key_server_warning: true,
    registration_shared_secret: secrets.synapseRegistrationSecret,
    macaroon_secret_key: secrets.synapseMacaroonSecret,
    form_secret: secrets.synapseFormSecret,
    // Accounts come from the dashboard; if registration is ever opened it must need a token.
    enable_registration: false,
    registration_requires_token: true,
    presence: { enabled: false },
    limit_remote_rooms: {
      enabled: true,
      complexity: profile.tier === 'small' ? 0.5 : 1.0,
      admins_can_join: true,
    },
    media_retention: { remote_media_lifetime: '14d' },
    forgotten_room_retention_period: '28d',
    max_upload_size: `${settings.maxUploadMb}M`,
    caches: {
      global_factor: profile.tuning.synapseCacheFactor,
      // Autotuning needs jemalloc, which the official image preloads.
      cache_autotuning: {
        max_cache_memory_usage: `${targetMb * 2}M`,
        target_cache_memory_usage: `${targetMb}M`,
        min_cache_ttl: '5m',
      },
    },
    url_preview_enabled: false,
    enable_metrics: false,
    ...federationSettings(ctx),
    ...emailSettings(ctx),
    ...synapseSsoSettings(ctx),
  };
}

export function renderHomeserverYaml(ctx: RenderContext): string {
  return `# Generated by the tiers-lieux appliance; edits are overwritten.\n${toYaml(homeserverConfig(ctx))}`;
}

/** Python logging config: everything to stdout so the engine's log API (and the dashboard) sees it. */
export function renderLogConfig(): string {
  return toYaml({
    version: 1,
    formatters: { precise: { format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s' } },
    handlers: { console: { class: 'logging.StreamHandler', formatter: 'precise', stream: 'ext://sys.stdout' } },
    loggers: { 'synapse.storage.SQL': { level: 'WARNING' }, 'synapse.access': { level: 'WARNING' } },
    root: { level: 'INFO', handlers: ['console'] },
    disable_existing_loggers: false,
  });
}

export const synapseDefinition: ServiceDefinition<'matrixdotorg/synapse:v1.163.2'> = {
  id: 'synapse',
  role: 'chat',
  name: 'Synapse',
  version: '1.163.2',
  image: 'matrixdotorg/synapse:v1.163.2',
  internalPort: SYNAPSE_PORT,
  subdomain: 'matrix',
  healthcheck: {
    test: ['CMD', 'curl', '-fsS', `http://127.0.0.1:${SYNAPSE_PORT}/health`],
    intervalSec: 15,
    timeoutSec: 5,
    retries: 3,
    // First start creates the schema, which takes a while on a Raspberry Pi.
    startPeriodSec: 120,
  },
  volumes: [{ key: 'data', mountPath: DATA }],
  dependsOn: ['postgres'],
  needsEgress: true,
  needsDatabase: true,
  stopTimeoutSec: 30,
  privileges: {
    // The start script runs as root and switches to UID:GID (gosu in the official image, setpriv here).
    capAdd: ['SETUID', 'SETGID'],
    // Twisted's thread pool, the database pool and jemalloc's threads: well under a hundred.
    pidsLimit: 256,
    // Writes to /data (a volume: media store) and temporary files only.
    readOnlyRootfs: true,
    tmpfs: [{ path: '/tmp', sizeMb: 64 }],
  },
  renderCommand: () => undefined,
  renderEnv: () => ({
    SYNAPSE_CONFIG_PATH,
    UID: String(SYNAPSE_UID),
    GID: String(SYNAPSE_UID),
  }),
  renderFiles: (ctx) => {
    const owned = { uid: SYNAPSE_UID, gid: SYNAPSE_UID };
    return [
      // A fresh named volume is root's and the engine cannot chown a volume's root through its archive
      // API: Synapse writes only in its media store, which is made its own.
      { type: 'directory', path: `${DATA}/media_store`, mode: 0o750, ...owned },
      { type: 'file', path: SYNAPSE_CONFIG_PATH, content: renderHomeserverYaml(ctx), mode: 0o600, ...owned },
      { type: 'file', path: `${DATA}/log.config`, content: renderLogConfig(), mode: 0o644, ...owned },
      {
        type: 'file',
        path: `${DATA}/signing.key`,
        content: `${ctx.secrets.synapseSigningKey}\n`,
        mode: 0o600,
        ...owned,
      },
      // On the read-only root, /run/secrets becomes a small volume of its own (see fileVolumes).
      ...synapseSsoFiles(ctx, SYNAPSE_UID),
    ];
  },
  databases: (ctx) => [synapseDatabase(ctx)],
};
