import type { Job } from './api';
import type { MessageKey, Translate } from './i18n';

/**
 * The server reports each job step as a stage key with parameters; shown with the step texts the
 * app already has (the job progress display is being rewritten around `jobs.stage.<stage>`).
 */
const STAGES: Record<Job['progress']['stage'], MessageKey | null> = {
  queued: 'jobs.queued',
  download: 'jobs.detail.download',
  localImage: 'jobs.detail.download',
  createNetwork: 'jobs.detail.createNetwork',
  createVolume: 'jobs.detail.createVolume',
  create: 'jobs.detail.create',
  start: 'jobs.detail.start',
  stop: 'jobs.detail.stop',
  remove: 'jobs.detail.remove',
  replace: 'jobs.detail.replace',
  restart: 'jobs.detail.restarting',
  databases: 'jobs.detail.configuring',
  proxy: 'jobs.detail.configuring',
  matrixAdmin: 'jobs.detail.configuring',
  dropDatabases: 'jobs.detail.deleteData',
  removeVolume: 'jobs.detail.deleteData',
  health: 'jobs.detail.health',
  rollback: 'jobs.detail.rollback',
  channel: 'jobs.detail.channel',
  helper: 'jobs.detail.helper',
  handover: null,
  done: 'jobs.detail.done',
};

export function translateJobDetail(progress: Job['progress'], t: Translate): string {
  const key = STAGES[progress.stage];
  if (!key) return '';
  const params = Object.fromEntries(Object.entries(progress.params).map(([name, value]) => [name, String(value)]));
  return t(key, { image: '', service: '', ...params });
}

/** A failed job's reason: the technical detail when there is one, else its key. */
export function jobErrorText(error: Job['error']): string | null {
  return error ? (error.detail ?? error.key) : null;
}
