/**
 * The upstream link's wire contract, shared by both sides (the upstream's fleet module and the
 * appliance's federation module). Outbound only: the appliance calls the upstream, never the reverse.
 *
 * Device routes on the upstream (signatures only, no session, no CSRF; see link-signature.ts):
 * - GET  /api/fleet/device/about                 unsigned: the upstream's name, public key, fingerprint
 * - POST /api/fleet/device/enroll                EnrollRequest, signed by the NEW appliance key → EnrollAnswer
 * - POST /api/fleet/device/heartbeat             Heartbeat → HeartbeatAnswer
 * - GET  /api/fleet/device/commands              → SignedCommand[] (pending, unexpired, not yet acknowledged)
 * - POST /api/fleet/device/commands/:id/ack      CommandAck → 204
 * - POST /api/fleet/device/leave                 {} → 204 (the appliance unenrolled; the upstream marks it left)
 * - POST /api/fleet/device/offsite               {} → OffsiteCredential (a new password each call; the old one stops)
 * Every signed request carries the LINK_HEADERS; `x-tl-appliance` is absent only on enroll.
 * Refusals: 401 (bad or missing signature, skew beyond 5 minutes, replayed nonce, unknown appliance),
 * 403 (revoked or left appliance), 400 (body), 409 (enrollment code used, expired or revoked: code in body).
 */

export const LINK_PROTOCOL = 'tl-link-1';

/** What an upstream admin hands to a community (encoded by enrollment-code.ts). */
export interface EnrollmentCode {
  /** The upstream's base URL, e.g. https://hub.example.coop */
  url: string;
  /** The single-use secret (stored hashed upstream). */
  token: string;
  /** The upstream key's fingerprint, pinned by the appliance (key-fingerprint.ts). */
  fingerprint: string;
}

export interface UpstreamAbout {
  protocol: typeof LINK_PROTOCOL;
  name: string;
  /** Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  fingerprint: string;
}

export interface EnrollRequest {
  token: string;
  /** The appliance's Ed25519 public key, SPKI DER in base64: the same key signs this request. */
  publicKey: string;
  name: string;
  version: string;
}

export interface EnrollAnswer {
  applianceId: string;
  upstream: UpstreamAbout;
}

/**
 * The appliance's off-site repository on the upstream: restic's REST protocol at `path` (under the
 * upstream's URL), HTTP basic auth with `user` and `password`. Append-only, within `quotaBytes`.
 */
export interface OffsiteCredential {
  path: string;
  user: string;
  password: string;
  quotaBytes: number;
}

export type ServiceHealth = 'healthy' | 'unhealthy' | 'starting' | 'unknown';

export interface HeartbeatService {
  name: string;
  state: string;
  health: ServiceHealth;
}

export interface Heartbeat {
  version: string;
  services: HeartbeatService[];
  diskFreeBytes: number | null;
  /** ISO 8601, or null before the first successful backup. */
  lastBackupAt: string | null;
}

export interface HeartbeatAnswer {
  /** How many commands wait: the appliance polls at once when > 0. */
  pendingCommands: number;
  /** The upstream's clock (ISO 8601), so the appliance can report skew. */
  serverTime: string;
}

export const COMMAND_TYPES = ['backup.run', 'service.restart', 'service.update', 'diagnostics.collect'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/** A command as the upstream signs it: bound to one appliance, with an id and an expiry. */
export interface Command {
  id: string;
  applianceId: string;
  type: string;
  params: Record<string, string>;
  issuedAt: string;
  expiresAt: string;
}

export interface SignedCommand {
  command: Command;
  /** Ed25519 over canonicalCommand(command), base64. */
  signature: string;
}

export type CommandOutcome = 'done' | 'failed' | 'refused';

export interface CommandAck {
  outcome: CommandOutcome;
  /** A message key (e.g. "link.refused.expired") or a short result; never a secret. */
  detail: string;
  result?: Record<string, string | number | boolean | null>;
}
