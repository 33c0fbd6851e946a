import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EXPORT_FILENAME,
  exportFilename,
  featureSnapshots,
  isExpired,
  latestPointWith,
  localDate,
  parseExportRecord,
  passphraseProblem,
  slug,
} from './backup-export';
import { exportReadme } from './backup-export.readme';
import type { ResticSnapshot } from './restic.types';

const snap = (id: string, service: string, kind = 'volume', run = 'r1'): ResticSnapshot => ({
  id,
  time: '2026-11-29T02:00:00Z',
  tags: [`run=${run}`, `service=${service}`, `kind=${kind}`],
  paths: [kind === 'database' ? `/${service}.pgdump` : `/volumes/tl-x-${service}-data`],
});

describe('backup export: the passphrase', () => {
  it('accepts 12 characters or more, spaces and accents inside', () => {
    assert.equal(passphraseProblem('atelier vélo du samedi'), null);
    assert.equal(passphraseProblem('é'.repeat(12)), null);
  });

  it('counts characters, not UTF-16 units, against the bounds', () => {
    assert.equal(passphraseProblem('🔑'.repeat(11)), 'tooShort');
    assert.equal(passphraseProblem('short'), 'tooShort');
    assert.equal(passphraseProblem('x'.repeat(256)), null);
    assert.equal(passphraseProblem('x'.repeat(257)), 'tooLong');
  });

  it('refuses white space at either end (restic trims it from a file, not at its prompt) and control characters', () => {
    for (const bad of [
      ' atelier vélo samedi',
      'atelier vélo samedi ',
      'atelier\nvélo samedi',
      'atelier\u0000vélo samedi',
    ]) {
      assert.equal(passphraseProblem(bad), 'badCharacters', JSON.stringify(bad));
    }
  });
});

describe('backup export: the archive name', () => {
  it('is <community>-<feature>-<date of the point>.tar, ASCII only', () => {
    const name = exportFilename('La Fabrique à Vélos !', 'pad', new Date('2026-11-29T02:00:00Z'), 'Europe/Paris');
    assert.equal(name, 'la-fabrique-a-velos-pad-2026-11-29.tar');
    assert.match(name, EXPORT_FILENAME);
  });

  it('dates the point in the server time zone', () => {
    const lateEvening = new Date('2026-11-29T23:30:00Z');
    assert.equal(localDate(lateEvening, 'UTC'), '2026-11-29');
    assert.equal(localDate(lateEvening, 'Europe/Paris'), '2026-11-30');
  });

  it('falls back to a plain word when the community name has no letter or digit left', () => {
    assert.equal(slug('クラブ'), 'tiers-lieu');
    assert.equal(slug('---'), 'tiers-lieu');
    assert.equal(slug('x'.repeat(60)).length, 40);
    assert.match(exportFilename('"; rm -rf /', 'chat', new Date(0), 'UTC'), EXPORT_FILENAME);
  });
});

describe('backup export: the record of the archive kept', () => {
  const record = { jobId: 'j1', filename: 'fab-pad-2026-11-29.tar', sizeBytes: 10, madeAt: '2026-11-29T10:00:00.000Z' };

  it('reads back what was written, and nothing damaged or unsafe', () => {
    assert.deepEqual(parseExportRecord(JSON.stringify(record)), record);
    assert.equal(parseExportRecord(undefined), undefined);
    assert.equal(parseExportRecord('{'), undefined);
    assert.equal(parseExportRecord(JSON.stringify({ ...record, filename: '../x".tar' })), undefined);
    assert.equal(parseExportRecord(JSON.stringify({ ...record, madeAt: 'yesterday' })), undefined);
  });

  it('expires after a day', () => {
    assert.equal(isExpired(record, new Date('2026-11-30T09:59:59.000Z')), false);
    assert.equal(isExpired(record, new Date('2026-11-30T10:00:00.000Z')), true);
  });
});

describe('backup export: what a feature holds in a point', () => {
  it('takes the feature’s services’ snapshots only (pad: hedgedoc), never the settings nor another feature', () => {
    const all = [
      snap('a', 'hedgedoc', 'database'),
      snap('b', 'hedgedoc'),
      snap('c', 'synapse'),
      snap('d', 'appliance', 'appliance'),
    ];
    assert.deepEqual(
      featureSnapshots(all, 'pad').map((s) => s.id),
      ['a', 'b'],
    );
    assert.deepEqual(featureSnapshots(all, 'files'), []);
  });

  it('defaults to the newest point holding the feature', () => {
    const points = [
      { id: 'new', time: '2026-11-29T02:00:00Z', services: ['appliance', 'chat'], sizeBytes: 1 },
      { id: 'old', time: '2026-11-28T02:00:00Z', services: ['chat', 'pad'], sizeBytes: 1 },
    ];
    assert.equal(latestPointWith(points, 'pad')?.id, 'old');
    assert.equal(latestPointWith(points, 'chat')?.id, 'new');
    assert.equal(latestPointWith(points, 'files'), undefined);
  });
});

describe('backup export: the README', () => {
  it('names every snapshot and gives the restic commands, in French and in English', () => {
    const text = exportReadme({
      community: 'Fabrique',
      feature: 'pad',
      pointTime: '2026-11-29T02:00:00.000Z',
      snapshots: [snap('0123456789abcdef', 'hedgedoc', 'database'), snap('fedcba9876543210', 'hedgedoc')],
    });
    assert.match(text, /=== Français ===/);
    assert.match(text, /=== English ===/);
    assert.match(text, /restic -r repository snapshots/);
    assert.match(text, /restic -r repository restore <id> --target restored/);
    assert.match(text, /01234567 {2}hedgedoc database \(pg_dump custom format\): \/hedgedoc\.pgdump/);
    assert.match(text, /fedcba98 {2}fichiers de hedgedoc: \/volumes\/tl-x-hedgedoc-data/);
  });
});
