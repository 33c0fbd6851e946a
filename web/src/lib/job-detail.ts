import type { MessageKey, Translate } from './i18n';

/**
 * The server reports each job step as a short technical English line ("start synapse"); known
 * shapes are shown translated, anything else (layer download detail) as it came.
 */
const PATTERNS: [RegExp, MessageKey, ('image' | 'service')?][] = [
  [/^download (\S+)$/, 'jobs.detail.download', 'image'],
  [/^pulled (\S+)$/, 'jobs.detail.pulled', 'image'],
  [/^create network /, 'jobs.detail.createNetwork'],
  [/^create volume /, 'jobs.detail.createVolume'],
  [/^create (\S+) \(/, 'jobs.detail.create', 'service'],
  [/^start (\S+)$/, 'jobs.detail.start', 'service'],
  [/^stop (\S+)$/, 'jobs.detail.stop', 'service'],
  [/^remove container /, 'jobs.detail.remove'],
  [/^replace (\S+) \(/, 'jobs.detail.replace', 'service'],
  [/^restarting (\S+)$/, 'jobs.detail.restarting', 'service'],
  [/^configuring$/, 'jobs.detail.configuring'],
  [/^waiting for health checks$/, 'jobs.detail.health'],
  [/^deleting data$/, 'jobs.detail.deleteData'],
  [/^rolling back$/, 'jobs.detail.rollback'],
  [/^checking the update channel$/, 'jobs.detail.channel'],
  [/^starting the update helper$/, 'jobs.detail.helper'],
  [/^done$/, 'jobs.detail.done'],
];

export function translateJobDetail(detail: string, t: Translate): string {
  for (const [pattern, key, param] of PATTERNS) {
    const match = detail.match(pattern);
    if (match) return t(key, param ? { [param]: match[1] ?? '' } : undefined);
  }
  return detail;
}
