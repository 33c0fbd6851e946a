import type { CommandRefusal } from '../fleet-link/signed-command';
import type { Command, CommandAck } from '../fleet-link/link.types';
import type { ServiceAction } from './local-appliance.port';

/** What an allowlisted command asks this appliance to do. */
export type Work =
  | { type: 'backup.run' }
  | { type: 'service.action'; feature: string; action: ServiceAction }
  | { type: 'diagnostics.collect' };

export type RefusalReason = CommandRefusal | 'unknown-service' | 'duplicate';

export type CommandDecision =
  | { kind: 'run'; work: Work }
  | { kind: 'refuse'; reason: RefusalReason }
  /** Taken before and its answer not yet acknowledged (its job runs): it will be acked when it ends. */
  | { kind: 'wait' };

/** An allowlisted command's work, or why its parameters are refused. */
export function workOf(command: Command, features: readonly string[]): Work | 'unknown-service' {
  switch (command.type) {
    case 'backup.run':
      return { type: 'backup.run' };
    case 'diagnostics.collect':
      return { type: 'diagnostics.collect' };
    case 'service.restart':
    case 'service.update': {
      const feature = command.params?.service;
      if (typeof feature !== 'string' || !features.includes(feature)) return 'unknown-service';
      return { type: 'service.action', feature, action: command.type === 'service.restart' ? 'restart' : 'update' };
    }
    default:
      // checkCommand() refused anything else as not-allowed before this is asked.
      return 'unknown-service';
  }
}

/**
 * In this order: the signature and its bounds (checkCommand: a refused one is never recorded, so a
 * forged id cannot block a real command), then the de-duplication by id (`fresh`: this id's row was
 * just inserted), then the parameters. A duplicate of a command already answered is refused (a
 * replay); one whose job still runs is left to it (acked when it ends).
 */
export function decideCommand(
  command: Command,
  check: CommandRefusal | undefined,
  fresh: boolean,
  previous: { acked: boolean } | null,
  features: readonly string[],
): CommandDecision {
  if (check) return refuse(check);
  if (!fresh) return previous && !previous.acked ? { kind: 'wait' } : refuse('duplicate');
  const work = workOf(command, features);
  return work === 'unknown-service' ? refuse(work) : { kind: 'run', work };
}

function refuse(reason: RefusalReason): CommandDecision {
  return { kind: 'refuse', reason };
}

export function refusalAck(reason: RefusalReason): CommandAck {
  return { outcome: 'refused', detail: `link.refused.${reason}` };
}
