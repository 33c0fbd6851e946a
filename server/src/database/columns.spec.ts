import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCase } from './columns';

describe('snakeCase', () => {
  it('names a property the way the migrations name its column', () => {
    assert.equal(snakeCase('id'), 'id');
    assert.equal(snakeCase('stageParams'), 'stage_params');
    assert.equal(snakeCase('refusedRepoDigest'), 'refused_repo_digest');
    assert.equal(snakeCase('restartRequestedAt'), 'restart_requested_at');
  });
});
