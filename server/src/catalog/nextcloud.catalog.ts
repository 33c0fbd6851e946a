import { RFC1918_RANGES } from './network-ranges';
import type { DatabaseSpec, RenderContext, RenderedFile, ServiceDefinition } from './catalog.types';
import { publicHost } from './naming';
import { nextcloudSsoFiles } from './nextcloud.sso';
import { POSTGRES_HOST } from './postgres.catalog';
import { SECRETS_DIR, secretFile, secretsDirectory } from './secret-files';

export const NEXTCLOUD_PORT = 80;
/** www-data in the Debian-based official image. */
const WWW_DATA = 33;
const DATA_DIR = '/var/www/html/data';
/** Read through the image's `*_FILE` variables: by its entrypoint (root) and by PHP (www-data). */
const FILES = { db: 'postgres-password', admin: 'nextcloud-admin-password', smtp: 'smtp-password' } as const;
const secretPath = (name: string) => `${SECRETS_DIR}/${name}`;

export function nextcloudDatabase(ctx: RenderContext): DatabaseSpec {
  return { database: 'nextcloud', role: 'nextcloud', password: ctx.secrets.nextcloudDbPassword, collationC: false };
}

/**
 * The official image's mail variables (its README, "Auto configuration via environment variables").
 * Its config/smtp.config.php, copied into the config volume at install, reads them with getenv() on
 * every request, not only at install like the admin and database ones: a container recreated with new
 * values (the reconcile after a change of the mail settings) uses the new relay, so no `occ` is needed.
 * `SMTP_SECURE` becomes `mail_smtpsecure`, where Nextcloud only knows `ssl` (TLS from the first byte):
 * any other value is ignored, and without it Nextcloud upgrades with STARTTLS when the relay offers it.
 * The password is read from SMTP_PASSWORD_FILE, a secret file, never a variable.
 */
export function nextcloudSmtpEnv(ctx: RenderContext): Record<string, string> {
  const smtp = ctx.settings.smtp;
  if (!smtp) return {};
  const at = smtp.from.lastIndexOf('@');
  return {
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    ...(smtp.security === 'tls' ? { SMTP_SECURE: 'ssl' } : {}),
    // mail_smtpauth is on only with a name and a password (file).
    ...(smtp.username && smtp.password !== null
      ? { SMTP_AUTHTYPE: 'LOGIN', SMTP_NAME: smtp.username, SMTP_PASSWORD_FILE: secretPath(FILES.smtp) }
      : {}),
    MAIL_FROM_ADDRESS: smtp.from.slice(0, at),
    MAIL_DOMAIN: smtp.from.slice(at + 1),
  };
}

function smtpPasswordFiles(ctx: RenderContext): RenderedFile[] {
  const smtp = ctx.settings.smtp;
  return smtp?.username && smtp.password !== null ? [secretFile(FILES.smtp, smtp.password, WWW_DATA)] : [];
}

export const nextcloudDefinition: ServiceDefinition<'nextcloud:32.0.12-apache'> = {
  id: 'nextcloud',
  role: 'files',
  name: 'Nextcloud',
  version: '32.0.12',
  image: 'nextcloud:32.0.12-apache',
  internalPort: NEXTCLOUD_PORT,
  subdomain: 'files',
  healthcheck: {
    // Healthy only once the unattended install finished; localhost is always a trusted domain.
    test: [
      'CMD',
      'php',
      '-r',
      `$r = @file_get_contents('http://127.0.0.1:${NEXTCLOUD_PORT}/status.php'); exit($r !== false && strpos($r, '"installed":true') !== false ? 0 : 1);`,
    ],
    intervalSec: 30,
    timeoutSec: 10,
    retries: 3,
    // The first start copies the code and installs; minutes on a Raspberry Pi.
    startPeriodSec: 600,
  },
  volumes: [
    { key: 'html', mountPath: '/var/www/html' },
    { key: 'data', mountPath: DATA_DIR },
  ],
  dependsOn: ['postgres'],
  needsEgress: true,
  needsDatabase: true,
  stopTimeoutSec: 30,
  privileges: {
    capAdd: [
      // The apache entrypoint starts as root: copies the code into the volume owned by www-data,
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      // runs `occ` as www-data with su, and apache switches its workers to www-data;
      'SETUID',
      'SETGID',
      // apache binds port 80 as root.
      'NET_BIND_SERVICE',
    ],
    // apache's prefork workers (up to 150 by default) and PHP's children.
    pidsLimit: 512,
    // Not read-only: the entrypoint copies the code and writes PHP and apache settings at start.
    readOnlyRootfs: false,
    tmpfs: [],
  },
  renderCommand: () => undefined,
  renderEnv: (ctx) => {
    const { settings, profile } = ctx;
    const db = nextcloudDatabase(ctx);
    const host = publicHost(settings.domain, 'files');
    return {
      POSTGRES_HOST: POSTGRES_HOST,
      POSTGRES_DB: db.database,
      POSTGRES_USER: db.role,
      POSTGRES_PASSWORD_FILE: secretPath(FILES.db),
      NEXTCLOUD_ADMIN_USER: settings.adminUsername,
      NEXTCLOUD_ADMIN_PASSWORD_FILE: secretPath(FILES.admin),
      NEXTCLOUD_TRUSTED_DOMAINS: host,
      OVERWRITEHOST: host,
      OVERWRITEPROTOCOL: 'https',
      OVERWRITECLIURL: `https://${host}`,
      // The proxy reaches Nextcloud over a private engine network whose subnet is chosen by the engine.
      TRUSTED_PROXIES: RFC1918_RANGES.join(' '),
      PHP_MEMORY_LIMIT: `${profile.tuning.phpMemoryLimitMb}M`,
      PHP_UPLOAD_LIMIT: `${settings.maxUploadMb}M`,
      ...nextcloudSmtpEnv(ctx),
    };
  },
  // The data volume is mounted inside the html one; a fresh volume is root's, Nextcloud runs as www-data.
  renderFiles: (ctx) => [
    { type: 'directory', path: DATA_DIR, mode: 0o770, uid: WWW_DATA, gid: WWW_DATA },
    secretsDirectory(WWW_DATA),
    secretFile(FILES.db, nextcloudDatabase(ctx).password, WWW_DATA),
    secretFile(FILES.admin, ctx.secrets.nextcloudAdminPassword, WWW_DATA),
    ...smtpPasswordFiles(ctx),
    // Read once by `user_oidc:provider --clientsecret-file` (see nextcloudSsoCommands).
    ...nextcloudSsoFiles(ctx, WWW_DATA),
  ],
  databases: (ctx) => [nextcloudDatabase(ctx)],
};
