import { canonicalJson } from './canonical';
import type { ServiceDefinition } from './catalog.types';

export const CADDY_ADMIN_PORT = 2019;
/**
 * The admin API listens on the proxy container's loopback only. On the frontend network every service
 * container (Synapse, Element, HedgeDoc, Nextcloud) could otherwise `/load` a config that sends the
 * dashboard's traffic to itself and capture an admin password. The manager reaches it through the
 * engine instead (`docker exec` in the proxy container, see ProxyAdminRepository): only the holder of
 * the Docker socket can do that, and it works the same whether the manager runs on the host or in the
 * appliance image. Chosen over a dedicated internal network because it needs no Docker-assigned address
 * in the config and no Host-header handling. Caddy 2.6 ignores CADDY_ADMIN, so `admin.listen` is in
 * every config we load (a config without it would fall back to `localhost:2019`).
 */
export const CADDY_ADMIN_LISTEN = `127.0.0.1:${CADDY_ADMIN_PORT}`;
const CADDY_ADMIN_URL = `http://${CADDY_ADMIN_LISTEN}`;

/**
 * Prints the live config (`GET /config/`) from inside the proxy container. The official image has only
 * busybox wget and the Debian test image only curl, so the fixed script uses whichever is there; the
 * URL is a constant passed as an argument, never spliced into the script.
 */
export const CADDY_READ_CONFIG_COMMAND: readonly string[] = [
  'sh',
  '-c',
  'if command -v wget >/dev/null 2>&1; then exec wget -q -T 5 -O - "$1"; fi; exec curl -fsS --max-time 5 "$1"',
  'caddy-read-config',
  `${CADDY_ADMIN_URL}/config/`,
];

/**
 * Loads the config given on stdin, with the caddy binary itself (`POST /load` to the loopback admin
 * API). `--force` so a reload is never skipped as "unchanged" when we decided the live config differs.
 */
export const CADDY_LOAD_COMMAND: readonly string[] = [
  'caddy',
  'reload',
  '--config',
  '-',
  '--address',
  CADDY_ADMIN_LISTEN,
  '--force',
];
/** On the config volume: the root filesystem is read-only, and the engine writes files only onto volumes then. */
const BOOTSTRAP_PATH = '/config/bootstrap.json';

/**
 * Caddy starts from a bootstrap config holding only the (loopback) admin listener; routes are loaded
 * afterwards and verified on every reconcile (see proxy.service.ts). `--resume` makes a restarted Caddy reuse the last loaded config,
 * so a route change never needs a container recreate and the proxy's config hash stays stable.
 */
export const caddyDefinition: ServiceDefinition<'caddy:2.11.4'> = {
  id: 'proxy',
  role: 'infrastructure',
  name: 'Caddy',
  version: '2.11.4',
  image: 'caddy:2.11.4',
  internalPort: CADDY_ADMIN_PORT,
  subdomain: undefined,
  healthcheck: {
    test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${CADDY_ADMIN_PORT}/config/`],
    intervalSec: 15,
    timeoutSec: 5,
    retries: 3,
    startPeriodSec: 10,
  },
  volumes: [
    { key: 'data', mountPath: '/data' },
    { key: 'config', mountPath: '/config' },
  ],
  dependsOn: [],
  needsEgress: true,
  needsDatabase: false,
  stopTimeoutSec: 15,
  privileges: {
    // Listens on 80 and 443 as root (the official image); nothing else (no user switch, no chown).
    capAdd: ['NET_BIND_SERVICE'],
    // Go runtime threads; a few dozen in practice.
    pidsLimit: 128,
    // Writes only to /config and /data (volumes, XDG_* below) and temporary files.
    readOnlyRootfs: true,
    tmpfs: [{ path: '/tmp', sizeMb: 16 }],
  },
  renderCommand: () => ['caddy', 'run', '--resume', '--config', BOOTSTRAP_PATH],
  // Explicit so a locally built image without the official image's ENV keeps certificates on the volumes.
  renderEnv: () => ({ XDG_CONFIG_HOME: '/config', XDG_DATA_HOME: '/data' }),
  renderFiles: () => [
    {
      type: 'file',
      path: BOOTSTRAP_PATH,
      content: `${canonicalJson({ admin: { listen: CADDY_ADMIN_LISTEN } })}\n`,
      mode: 0o644,
      uid: 0,
      gid: 0,
    },
  ],
  databases: () => [],
};
