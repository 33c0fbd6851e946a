/**
 * Progress is data, not prose: a stage key the web app translates (French and English), its
 * parameters, and a percentage derived from the planned steps. Add a stage here, then its text in
 * web/src/lib/i18n (`jobs.stage.<stage>`); the web app's type check fails on a missing translation.
 */
export const JOB_STAGES = [
  'queued',
  // Engine steps (one per planned step kind).
  'download',
  'createNetwork',
  'createVolume',
  'create',
  'start',
  'stop',
  'remove',
  'replace',
  'restart',
  'databases',
  'dropDatabases',
  'proxy',
  'matrixAdmin',
  'removeVolume',
  // Around the plan.
  'health',
  'rollback',
  // Self-update.
  'channel',
  'localImage',
  'helper',
  'handover',
  // Backups (params: service, database, volume, snapshot).
  'backupPrepare',
  'backupDatabase',
  'backupVolume',
  'backupAppliance',
  'backupForget',
  'backupCheck',
  'backupUnlock',
  // Backups to other places (params: target, the place's label; subset for a check).
  'backupCopy',
  // One snapshot after another (params: target, done, total): restic's copy says nothing meanwhile.
  'backupCopying',
  'backupForgetTarget',
  'backupCheckTarget',
  'restoreStop',
  'restoreDatabase',
  'restoreVolume',
  'restoreAppliance',
  'restoreStart',
  // A portable export of one feature (params: feature).
  'exportCopy',
  'exportPack',
  'done',
] as const;
export type JobStage = (typeof JOB_STAGES)[number];

/** Names of things (a service id, an image reference); never sentences. */
export type JobStageParams = Readonly<Record<string, string | number>>;

export interface JobProgress {
  stage: JobStage;
  params: JobStageParams;
  /** 0..100, from the position in the plan. */
  percent: number;
}

export type ProgressFn = (progress: JobProgress) => void;

/** Where step `index` (0-based) of `total` sits, `within` (0..1) of the way through it, in [from, to]. */
export function planPercent(index: number, total: number, within = 0, from = 0, to = 100): number {
  if (total <= 0) return to;
  const done = Math.min(Math.max((index + Math.min(Math.max(within, 0), 1)) / total, 0), 1);
  return Math.round(from + done * (to - from));
}
