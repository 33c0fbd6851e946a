/**
 * Types of the closed service catalog. Everything here is data or a pure function of typed settings:
 * the API only ever names a ServiceId, never an image, a path, an env var or a command (DESIGN §4).
 */

import type { MembersRenderInput } from './oidc-client.settings';

export const SERVICE_IDS = ['proxy', 'postgres', 'synapse', 'element', 'hedgedoc', 'nextcloud'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** User-facing features; infrastructure services follow whenever any feature is on. */
export const FEATURES = ['chat', 'pad', 'files'] as const;
export type Feature = (typeof FEATURES)[number];
export type ServiceRole = Feature | 'infrastructure';

export const TLS_MODES = ['acme', 'internal', 'off'] as const;
/** acme: public certificates; internal: Caddy's own CA (LAN, .local, tests); off: plain http behind another proxy. */
export type TlsMode = (typeof TLS_MODES)[number];

export const FEDERATION_MODES = ['open', 'limited', 'closed'] as const;
/** limited: only with `allowedDomains` (the upstream and its fleet). */
export type FederationMode = (typeof FEDERATION_MODES)[number];

/** none: plain SMTP; starttls: upgrade required (587); tls: TLS from the first byte (465). */
export type SmtpSecurity = 'none' | 'starttls' | 'tls';

/** The community's outgoing-mail relay (the dashboard's mail settings), used by chat and files too. */
export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** null: the relay takes mail without signing in. */
  username: string | null;
  /** null without a username or a stored password. Reaches containers as a file, never an env. */
  password: string | null;
  /** Sender address, e.g. `noreply@example.org`. */
  from: string;
  /** The sender's name (the community's name unless the admins chose another). */
  fromName: string;
}

/** Settings chosen in the wizard or the dashboard, already validated by the DTO layer. */
export interface ApplianceSettings {
  /** Short stable id, `[a-z0-9][a-z0-9-]{0,31}`; part of every container, volume and network name. */
  applianceId: string;
  /** The community's domain. Matrix `server_name`: can never change once chat ran. */
  domain: string;
  communityName: string;
  /** Wizard admin: Matrix localpart and Nextcloud admin login. */
  adminUsername: string;
  tls: TlsMode;
  federation: { mode: FederationMode; allowedDomains: readonly string[] };
  /** Synapse `max_upload_size`, also the proxy's request body limit. */
  maxUploadMb: number;
  smtp: SmtpSettings | undefined;
  pad: { allowAnonymous: boolean; allowRegister: boolean };
}

export const SECRET_KEYS = [
  'postgresSuperuserPassword',
  'synapseDbPassword',
  'synapseRegistrationSecret',
  'synapseMacaroonSecret',
  'synapseFormSecret',
  'synapseSigningKey',
  'hedgedocDbPassword',
  'hedgedocSessionSecret',
  'nextcloudDbPassword',
  'nextcloudAdminPassword',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];
/** Generated once, stored 0600 under the data directory, never returned by the API. */
export type Secrets = Readonly<Record<SecretKey, string>>;

/** Per-service memory limits and the few tuning knobs that must follow them. */
export interface MachineProfile {
  tier: 'small' | 'medium' | 'large';
  arch: 'x64' | 'arm64';
  totalMemoryBytes: number;
  /** Kept free for the OS, dockerd, the manager and its redis. */
  reservedBytes: number;
  memoryLimits: Readonly<Record<ServiceId, number>>;
  /** Whether the whole default stack plus the reserve fits in totalMemoryBytes. */
  fitsDefaultStack: boolean;
  tuning: {
    postgresSharedBuffersMb: number;
    postgresMaxConnections: number;
    synapseCacheFactor: number;
    synapseCacheTargetMb: number;
    synapseDbPoolMax: number;
    phpMemoryLimitMb: number;
  };
}

export interface RenderContext {
  settings: ApplianceSettings;
  secrets: Secrets;
  profile: MachineProfile;
  /** Single sign-on through the community's provider; absent, services keep local accounts only. */
  members?: MembersRenderInput;
}

export interface HealthCheck {
  /** Docker HEALTHCHECK test array: `['CMD', ...argv]`, never a shell string. */
  test: readonly string[];
  intervalSec: number;
  timeoutSec: number;
  retries: number;
  startPeriodSec: number;
}

/** A named volume, one per data path; its name is derived by `volumeName`. */
export interface VolumeSpec {
  key: string;
  mountPath: string;
}

/**
 * An entry written into the created container (before its first start) through the engine's archive
 * API: rendered config files, and directories whose owner the service needs (a fresh volume is root's).
 */
export type RenderedFile =
  | { type: 'file'; path: string; content: string; mode: number; uid: number; gid: number }
  | { type: 'directory'; path: string; mode: number; uid: number; gid: number };

/** Linux capabilities a service may get back after dropping all of them (engine names, without `CAP_`). */
export const CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'NET_BIND_SERVICE'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A writable in-memory path, bounded (tmpfs counts against the container's memory limit). */
export interface TmpfsSpec {
  path: string;
  sizeMb: number;
  /** Octal permission bits of the mount's root; the engine's default (1777) when absent. */
  mode?: number;
}

/**
 * What a service's processes may do (DESIGN §8: anything a service can reach is hostile). Every
 * container drops all capabilities, gets `no-new-privileges` and a PID limit; `capAdd` gives back only
 * what the image's entrypoint needs, each with the reason beside it in the catalog entry.
 */
export interface ContainerPrivileges {
  capAdd: readonly Capability[];
  /** Processes and threads the container may hold: a fork bomb stops there, not at the host's limit. */
  pidsLimit: number;
  /**
   * Root filesystem read-only: writes go to volumes and `tmpfs` only. Rendered files must then land on
   * a volume (the engine refuses archive writes into a read-only root); desired-state gives a file
   * outside every declared volume a small volume of its own (see `fileVolumes`).
   */
  readOnlyRootfs: boolean;
  tmpfs: readonly TmpfsSpec[];
}

/** A database and its owner role in the shared Postgres. */
export interface DatabaseSpec {
  database: string;
  role: string;
  password: string;
  /** Synapse refuses a database whose collation is not C. */
  collationC: boolean;
}

export interface ServiceDefinition<I extends string = string> {
  id: ServiceId;
  role: ServiceRole;
  /** Display name (product name; not translated). */
  name: string;
  /** Pinned version, shown on the dashboard and put in the version label. */
  version: string;
  /** Default production image, pinned by version (the tag is for humans; see `digest`). */
  image: I;
  /**
   * `sha256:…` of the published image (the multi-arch index) behind `image`, when known from a source
   * that can be checked: the engine then pulls and runs `image@digest` and refuses anything else.
   */
  digest?: string;
  privileges: ContainerPrivileges;
  /** Port the service listens on; other containers reach it there (the proxy's admin API: its own loopback only). */
  internalPort: number;
  /** Public subdomain label (`chat` → chat.<domain>), if the service has its own host. */
  subdomain: string | undefined;
  healthcheck: HealthCheck;
  volumes: readonly VolumeSpec[];
  dependsOn: readonly ServiceId[];
  /** Whether the container needs outbound network access (federation, ACME, app store). */
  needsEgress: boolean;
  /** Whether it joins the internal backend network (to reach Postgres). */
  needsDatabase: boolean;
  stopTimeoutSec: number;
  renderCommand(ctx: RenderContext): readonly string[] | undefined;
  renderEnv(ctx: RenderContext): Readonly<Record<string, string>>;
  renderFiles(ctx: RenderContext): readonly RenderedFile[];
  databases(ctx: RenderContext): readonly DatabaseSpec[];
}
