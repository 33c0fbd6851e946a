import { sign, verify, type KeyObject } from 'node:crypto';
import { COMMAND_TYPES, type Command, type CommandType, type SignedCommand } from './link.types';

/** The bytes signed: fixed key order, so both sides serialise a command the same way. */
export function canonicalCommand(c: Command): string {
  const params = Object.fromEntries(Object.entries(c.params).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([c.id, c.applianceId, c.type, params, c.issuedAt, c.expiresAt]);
}

export function signCommand(privateKey: KeyObject, command: Command): SignedCommand {
  return { command, signature: sign(null, Buffer.from(canonicalCommand(command)), privateKey).toString('base64') };
}

export type CommandRefusal = 'bad-signature' | 'other-appliance' | 'expired' | 'not-allowed';

export function isAllowedCommand(type: string): type is CommandType {
  return (COMMAND_TYPES as readonly string[]).includes(type);
}

/**
 * What the appliance checks before running anything, in this order: the pinned upstream key signed
 * it, it is meant for this appliance, it has not expired, its type is allowlisted. De-duplication
 * by id is the caller's (it needs storage).
 */
export function checkCommand(
  upstreamKey: KeyObject,
  signed: SignedCommand,
  applianceId: string,
  now: Date,
): CommandRefusal | undefined {
  let ok = false;
  try {
    ok = verify(
      null,
      Buffer.from(canonicalCommand(signed.command)),
      upstreamKey,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    ok = false;
  }
  if (!ok) return 'bad-signature';
  if (signed.command.applianceId !== applianceId) return 'other-appliance';
  const expires = Date.parse(signed.command.expiresAt);
  if (!Number.isFinite(expires) || expires <= now.getTime()) return 'expired';
  if (!isAllowedCommand(signed.command.type)) return 'not-allowed';
  return undefined;
}
