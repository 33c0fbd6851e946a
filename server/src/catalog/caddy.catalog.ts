import { canonicalJson } from './canonical';
import type { ServiceDefinition } from './catalog.types';

export const CADDY_ADMIN_PORT = 2019;
/**
 * The admin API listens on every interface of the container, which only joins the appliance's private
 * frontend network, and its port is never published. A wildcard listen also means Caddy does not
 * enforce the Host header, so the manager can call it as `proxy:2019`.
 */
export const CADDY_ADMIN_LISTEN = `0.0.0.0:${CADDY_ADMIN_PORT}`;
/** On the config volume: the root filesystem is read-only, and the engine writes files only onto volumes then. */
const BOOTSTRAP_PATH = '/config/bootstrap.json';

/**
 * Caddy starts from a bootstrap config holding only the admin listener; routes are pushed afterwards
 * with `/load` (see proxy.render.ts). `--resume` makes a restarted Caddy reuse the last loaded config,
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
