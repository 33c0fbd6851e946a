import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './api/client';
import { errorMessage, fieldProblem } from './errors';
import { checkDisplayName } from './validation';

const field = (field: string, code: string, message = `${field} ${code}`) => ({ field, code, message });

describe('field problems from the server', () => {
  it('tells a mistyped current password from the new password’s rules (PATCH /api/me)', () => {
    assert.deepEqual(fieldProblem(field('currentPassword', 'wrong')), { key: 'me.password.wrong' });
    assert.deepEqual(fieldProblem(field('currentPassword', 'required')), { key: 'validation.required' });
    assert.deepEqual(fieldProblem(field('newPassword', 'required')), { key: 'validation.required' });
    assert.deepEqual(fieldProblem(field('newPassword', 'minLength')), { key: 'validation.passwordShort' });
    assert.deepEqual(fieldProblem(field('newPassword', 'maxLength')), { key: 'validation.passwordLong' });
    assert.deepEqual(fieldProblem(field('newPassword', 'containsUsername')), { key: 'validation.passwordUsername' });
  });

  it('maps a refused display name to the form’s own message', () => {
    assert.deepEqual(fieldProblem(field('displayName', 'minLength')), { key: 'me.name.invalid' });
    assert.deepEqual(fieldProblem(field('displayName', 'maxLength')), { key: 'me.name.invalid' });
  });

  it('keeps the existing mappings and the server’s words for anything unknown', () => {
    assert.deepEqual(fieldProblem(field('admin.password', 'minLength')), { key: 'validation.passwordShort' });
    assert.deepEqual(fieldProblem(field('username', 'taken')), { key: 'accept.conflict' });
    assert.deepEqual(fieldProblem(field('currentPassword', 'isString', 'must be a string')), {
      key: 'validation.refused',
      params: { reason: 'must be a string' },
    });
  });
});

describe('the display name, checked in the form as the server does', () => {
  it('trims, and counts 1 to 64 characters (an emoji as one)', () => {
    assert.deepEqual(checkDisplayName('   '), { key: 'me.name.invalid' });
    assert.equal(checkDisplayName('  Dominique L. '), undefined);
    assert.equal(checkDisplayName('é'.repeat(64)), undefined);
    assert.deepEqual(checkDisplayName('x'.repeat(65)), { key: 'me.name.invalid' });
    assert.equal(checkDisplayName('🌱'.repeat(64)), undefined);
  });
});

describe('failed calls as sentences', () => {
  it('prefers the key the server named (an unreachable engine’s 503) to the status, when this version knows it', () => {
    const engine = new ApiError(
      503,
      'The Docker engine cannot be reached',
      undefined,
      10,
      undefined,
      'engineUnreachable',
    );
    assert.deepEqual(errorMessage(engine), { key: 'error.engineUnreachable', params: {} });
    assert.deepEqual(errorMessage(new ApiError(503, 'x', undefined, 10, undefined, 'someNewKey')), {
      key: 'error.server',
      params: { status: 503 },
    });
  });
});
