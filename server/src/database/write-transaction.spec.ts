import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUniqueViolation, sqliteDatetime } from './write-transaction';

describe('sqliteDatetime', () => {
  it('writes UTC with milliseconds, as TypeORM stores datetime columns', () => {
    assert.equal(sqliteDatetime(new Date('2026-11-29T23:05:07.042Z')), '2026-11-29 23:05:07.042');
  });

  it('orders as text the way the dates order in time', () => {
    const earlier = sqliteDatetime(new Date('2026-01-09T23:59:59.999Z'));
    const later = sqliteDatetime(new Date('2026-01-10T00:00:00.000Z'));
    assert.ok(earlier < later);
  });
});

describe('isUniqueViolation', () => {
  it('recognises only better-sqlite3 UNIQUE errors', () => {
    assert.equal(isUniqueViolation(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })), true);
    assert.equal(isUniqueViolation(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' })), false);
    assert.equal(isUniqueViolation(null), false);
  });
});
