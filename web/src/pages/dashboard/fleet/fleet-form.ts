import type { EnrollmentToken, FleetAttention, FleetCommandType } from '../../../lib/api';
import type { MessageKey } from '../../../lib/i18n';

/** The server's bounds (fleet.rules.ts TOKEN_HOURS): checked here first to say so next to the field. */
export const TOKEN_HOURS = { default: 24, min: 1, max: 168 } as const;

export interface InviteProblems {
  community?: MessageKey;
  hours?: MessageKey;
}

export function checkInvite(community: string, hours: number): InviteProblems {
  const problems: InviteProblems = {};
  const name = community.trim();
  if (name.length === 0 || name.length > 100) problems.community = 'fleet.invite.communityProblem';
  if (!Number.isInteger(hours) || hours < TOKEN_HOURS.min || hours > TOKEN_HOURS.max) {
    problems.hours = 'fleet.invite.hoursProblem';
  }
  return problems;
}

/** The four tasks, in the order of their buttons; the two about a tool need one chosen. */
export const TASKS: readonly FleetCommandType[] = [
  'backup.run',
  'service.restart',
  'service.update',
  'diagnostics.collect',
];

export function needsTool(task: FleetCommandType): boolean {
  return task === 'service.restart' || task === 'service.update';
}

/** What the appliance expects: `service` names one of its tools (command-decision on its side). */
export function taskParams(task: FleetCommandType, tool: string | undefined): Record<string, string> {
  return needsTool(task) && tool ? { service: tool } : {};
}

export const attentionKey = (reason: FleetAttention): MessageKey => `fleet.attention.${reason}`;

/** The codes that can still be used (not used, not withdrawn, not expired): those worth withdrawing. */
export function openCodes(tokens: readonly EnrollmentToken[], now: Date): EnrollmentToken[] {
  return tokens.filter((tk) => !tk.usedAt && !tk.revokedAt && Date.parse(tk.expiresAt) > now.getTime());
}
