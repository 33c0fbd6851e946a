import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackupPoint, BackupRun, Weekday } from '../../../lib/api';
import { en } from '../../../lib/i18n/en';
import { fr } from '../../../lib/i18n/fr';
import { tEn, tFr } from '../../../lib/i18n/translator.fixtures.spec';
import {
  agoText,
  capitalize,
  dayText,
  historyEntries,
  latestPoint,
  nextRunText,
  runningRun,
  scheduleText,
  scopesText,
} from './backup-text';

/** Times are read in UTC here, so the tests do not depend on the machine's zone. */
const UTC = 'UTC';
const NOW = new Date('2026-11-30T10:00:00Z'); // a Monday

const point = (id: string, time: string, sizeBytes = 1024): BackupPoint => ({
  id,
  time,
  services: ['appliance'],
  sizeBytes,
});
const run = (id: string, startedAt: string, state: BackupRun['state'], extra: Partial<BackupRun> = {}): BackupRun => ({
  id,
  jobId: `job-${id}`,
  startedAt,
  finishedAt: state === 'running' ? null : startedAt,
  state,
  ...extra,
});

describe('backups: the history', () => {
  it('lists runs and points by id, newest first, a kept point without its run included', () => {
    const failure = { key: 'unexpected', params: {}, detail: 'exit 1' };
    const entries = historyEntries({
      runs: [
        run('a1', '2026-11-28T03:00:00Z', 'succeeded'),
        run('b2', '2026-11-29T03:00:00Z', 'failed', { error: failure }),
        run('c3', '2026-11-30T09:59:00Z', 'running'),
      ],
      snapshots: [point('a1', '2026-11-28T03:00:05Z'), point('old', '2026-10-01T03:00:00Z')],
    });
    assert.deepEqual(
      entries.map((e) => [e.id, e.state, e.point?.id ?? null]),
      [
        ['c3', 'running', null],
        ['b2', 'failed', null],
        ['a1', 'succeeded', 'a1'],
        ['old', 'kept', 'old'],
      ],
    );
    assert.deepEqual(entries[1]?.error, failure);
    assert.equal(entries[2]?.error, null);
  });

  it('keeps the error of a succeeded run: its copy to another place failed, the point is kept', () => {
    const copy = { key: 'backupTargetFailed', params: { targets: 'Coop', count: 1 }, detail: null };
    const [entry] = historyEntries({
      runs: [run('a1', '2026-11-28T03:00:00Z', 'succeeded', { error: copy })],
      snapshots: [point('a1', '2026-11-28T03:00:05Z')],
    });
    assert.deepEqual([entry?.state, entry?.error, entry?.point?.id], ['succeeded', copy, 'a1']);
  });

  it('a succeeded run whose point retention forgot has nothing to restore', () => {
    const [entry] = historyEntries({ runs: [run('gone', '2026-01-01T03:00:00Z', 'succeeded')], snapshots: [] });
    assert.equal(entry?.point, null);
  });

  it('finds the newest point and the run under way', () => {
    assert.equal(latestPoint([point('a', '2026-11-01T00:00:00Z'), point('b', '2026-11-02T00:00:00Z')])?.id, 'b');
    assert.equal(latestPoint([]), null);
    assert.equal(
      runningRun([run('x', '2026-11-30T09:00:00Z', 'succeeded'), run('y', NOW.toISOString(), 'running')])?.jobId,
      'job-y',
    );
    assert.equal(runningRun([]), null);
  });
});

describe('backups: when', () => {
  it('says today, tomorrow or yesterday with the time, in French and English', () => {
    assert.equal(dayText('2026-11-30T23:30:00Z', NOW, 'fr', tFr, UTC), 'aujourd’hui à 23:30');
    assert.equal(dayText('2026-12-01T03:00:00Z', NOW, 'fr', tFr, UTC), 'demain à 03:00');
    assert.equal(dayText('2026-11-29T03:00:00Z', NOW, 'fr', tFr, UTC), 'hier à 03:00');
    assert.match(dayText('2026-12-01T03:00:00Z', NOW, 'en', tEn, UTC), /^tomorrow at 3:00\sAM$/);
  });

  it('names the day further away, with the year only when it is not this one', () => {
    assert.equal(dayText('2026-12-07T03:00:00Z', NOW, 'fr', tFr, UTC), 'lundi 7 décembre à 03:00');
    assert.equal(dayText('2027-01-04T03:00:00Z', NOW, 'fr', tFr, UTC), 'lundi 4 janvier 2027 à 03:00');
  });

  it('counts calendar days in the reader’s zone, not 24-hour spans', () => {
    // 00:30 in Paris the next day is 23:30 UTC the same day.
    const lateUtc = '2026-11-30T23:30:00Z';
    assert.equal(dayText(lateUtc, NOW, 'fr', tFr, 'Europe/Paris'), 'demain à 00:30');
  });

  it('says when the next backup runs, or why none will', () => {
    assert.equal(nextRunText('2026-12-01T03:00:00Z', true, NOW, 'fr', tFr, UTC), 'demain à 03:00');
    assert.equal(nextRunText('2026-12-01T03:00:00Z', false, NOW, 'fr', tFr, UTC), fr['backups.nextOff']);
    assert.equal(nextRunText(null, true, NOW, 'en', tEn, UTC), en['backups.nextNone']);
    // The schedule did not load: the server's next run is still told.
    assert.equal(nextRunText('2026-11-30T23:00:00Z', null, NOW, 'fr', tFr, UTC), 'aujourd’hui à 23:00');
  });

  it('capitalizes a value shown on its own line', () => {
    assert.equal(capitalize('aujourd’hui à 03:00', 'fr'), 'Aujourd’hui à 03:00');
    assert.equal(capitalize('', 'en'), '');
  });

  it('says how long ago, in the largest whole unit', () => {
    assert.equal(agoText('2026-11-30T07:00:00Z', NOW, 'fr'), 'il y a 3 heures');
    assert.equal(agoText('2026-11-30T09:59:30Z', NOW, 'fr'), 'maintenant');
    assert.equal(agoText('2026-11-29T09:00:00Z', NOW, 'en'), 'yesterday');
    assert.equal(agoText('2026-11-20T10:00:00Z', NOW, 'en'), 'last week');
    // A server clock slightly ahead is not "in 2 minutes".
    assert.equal(agoText('2026-11-30T10:02:00Z', NOW, 'en'), 'now');
  });
});

describe('backups: the schedule in words', () => {
  const retention = { daily: 7, weekly: 4, monthly: 6 };
  it('says every day, or names the days in week order', () => {
    const days: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    assert.equal(
      scheduleText({ enabled: true, time: '03:00', days, retention }, 'fr', tFr),
      'Tous les jours à 03:00. Garde 7 sauvegardes quotidiennes, 4 hebdomadaires et 6 mensuelles.',
    );
    assert.equal(
      scheduleText({ enabled: true, time: '22:30', days: ['fri', 'mon'], retention }, 'en', tEn),
      'Monday and Friday at 22:30. Keeps 7 daily, 4 weekly and 6 monthly backups.',
    );
    assert.match(
      scheduleText({ enabled: true, time: '01:00', days: ['sat'], retention }, 'fr', tFr),
      /^Samedi à 01:00\./,
    );
  });

  it('says when automatic backups are off, and still what is kept', () => {
    assert.equal(
      scheduleText({ enabled: false, time: '03:00', days: ['mon'], retention }, 'en', tEn),
      'Automatic backups are turned off. Keeps 7 daily, 4 weekly and 6 monthly backups.',
    );
  });
});

describe('backups: what a point holds', () => {
  it('names the parts in catalog order, the manager’s own as settings and accounts', () => {
    assert.equal(
      scopesText(['appliance', 'files', 'chat'], 'fr', tFr),
      'Discussion, Fichiers et Réglages et comptes administrateurs',
    );
    assert.equal(scopesText(['pad', 'chat'], 'en', tEn), 'Chat and Pad');
  });

  it('keeps a name this version does not know as it is', () => {
    assert.equal(scopesText(['chat', 'wiki'], 'en', tEn), 'Chat and wiki');
  });

  it('never says appliance, container or job to a person', () => {
    for (const [key, text] of Object.entries({ ...fr, ...en })) {
      if (!key.startsWith('backups.') && !/^jobs\.(kind|stage)\.(backup|restore)/.test(key)) continue;
      assert.doesNotMatch(text, /appliance|conteneur|container|\bjobs?\b/i, key);
    }
  });
});
