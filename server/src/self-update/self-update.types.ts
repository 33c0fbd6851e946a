/** One definition of the self-update outcome, shared by the result file, the API and the web app. */
export const SELF_UPDATE_STATES = ['succeeded', 'rolled-back', 'failed'] as const;
export type SelfUpdateState = (typeof SELF_UPDATE_STATES)[number];

/**
 * What the helper writes to DATA_DIR/self-update/result.json before it exits. The job that started it
 * usually died with the old manager, so the manager that runs afterwards (new, or the old one put back)
 * reads this file to report the outcome and to settle that job.
 */
export interface SelfUpdateResult {
  state: SelfUpdateState;
  /** Why it rolled back or failed; null on success. */
  reason: string | null;
  /** Image references: what ran before, what was tried. */
  from: string;
  to: string;
  /** Their `org.opencontainers.image.version` labels, when they carry one. */
  fromVersion: string | null;
  toVersion: string | null;
  /** ISO 8601. */
  at: string;
  jobId: string | null;
}

/** The job row's target (its kind is `selfUpdate`): one self-update at a time. */
export const SELF_UPDATE_TARGET = 'appliance';

export const VERSION_LABEL = 'org.opencontainers.image.version';
/**
 * Marks the helper as ours. Deliberately without the appliance-id label: the reconciler treats an
 * owned container with no known service as left over and removes it, and the helper must outlive the
 * manager that created it.
 */
export const HELPER_ROLE_LABEL = 'org.tiers-lieux.role';
export const HELPER_ROLE = 'self-update-helper';
export const HELPER_JOB_LABEL = 'org.tiers-lieux.self-update.job';

export const helperName = (managerName: string): string => `${managerName}-self-update`;
export const previousName = (managerName: string): string => `${managerName}-previous`;

/** What the manager tells the helper (`appliance self-update-helper ...`). */
export interface HelperArgs {
  /** The manager container to replace (its id). */
  container: string;
  /** The channel reference the new container is created from (so `docker ps` shows it). */
  target: string;
  /** The image id that reference had when the manager checked it: the helper refuses if it moved. */
  targetId: string;
  timeoutSec: number;
  jobId: string;
}

export function helperArgv(args: HelperArgs): string[] {
  return [
    '--container',
    args.container,
    '--target',
    args.target,
    '--target-id',
    args.targetId,
    '--timeout',
    String(args.timeoutSec),
    '--job',
    args.jobId,
  ];
}

export class HelperUsageError extends Error {}

export function parseHelperArgv(argv: readonly string[]): HelperArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!flag?.startsWith('--') || value === undefined) throw new HelperUsageError(`unexpected argument ${flag}`);
    values.set(flag.slice(2), value);
  }
  const need = (name: string): string => {
    const value = values.get(name);
    if (!value) throw new HelperUsageError(`--${name} is required`);
    return value;
  };
  const timeoutSec = Number(need('timeout'));
  if (!Number.isInteger(timeoutSec) || timeoutSec < 5 || timeoutSec > 3600) {
    throw new HelperUsageError('--timeout must be a whole number of seconds between 5 and 3600');
  }
  return {
    container: need('container'),
    target: need('target'),
    targetId: need('target-id'),
    timeoutSec,
    jobId: need('job'),
  };
}

/**
 * How a helper's result settles its job: the result key, or the error key with the reason as the
 * technical detail (`jobs.result.<key>`, `jobs.error.<key>` in the web app).
 */
export type SelfUpdateJobOutcome =
  | { state: 'succeeded'; key: 'selfUpdated'; params: Record<string, string>; detail: null }
  | { state: 'failed'; key: 'rolledBack' | 'selfUpdateFailed'; params: Record<string, string>; detail: string | null };

export function selfUpdateJobOutcome(result: SelfUpdateResult): SelfUpdateJobOutcome {
  const params: Record<string, string> = result.toVersion
    ? { image: result.to, version: result.toVersion }
    : { image: result.to };
  switch (result.state) {
    case 'succeeded':
      return { state: 'succeeded', key: 'selfUpdated', params, detail: null };
    case 'rolled-back':
      return { state: 'failed', key: 'rolledBack', params, detail: result.reason };
    case 'failed':
      return { state: 'failed', key: 'selfUpdateFailed', params, detail: result.reason };
    default: {
      const unknown: never = result.state;
      throw new Error(`unknown result ${String(unknown)}`);
    }
  }
}
