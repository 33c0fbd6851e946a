import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../api';
import { fieldProblems } from '../errors';
import { collect } from '../validation';
import { newPasswordChecks } from './password-fields';

describe('a new password and its confirmation', () => {
  it('asks for both when both are empty', () => {
    assert.deepEqual(collect(newPasswordChecks('', '', 'alice')), {
      password: { key: 'validation.required' },
      confirmation: { key: 'validation.required' },
    });
  });

  it('refuses a short password, one that holds the username, and a confirmation that differs', () => {
    assert.deepEqual(collect(newPasswordChecks('short', 'short', '')), {
      password: { key: 'validation.passwordShort' },
    });
    assert.deepEqual(collect(newPasswordChecks('alice-in-wonderland', 'alice-in-wonderland', 'Alice')), {
      password: { key: 'validation.passwordUsername' },
    });
    assert.deepEqual(collect(newPasswordChecks('correct horse battery', 'correct horse', 'bob')), {
      confirmation: { key: 'validation.passwordMismatch' },
    });
  });

  it('names the password field as the server does', () => {
    assert.deepEqual(collect(newPasswordChecks('', 'x', '', 'newPassword')), {
      newPassword: { key: 'validation.required' },
      confirmation: { key: 'validation.passwordMismatch' },
    });
    assert.deepEqual(collect(newPasswordChecks('correct horse battery', 'correct horse battery', 'bob')), {});
  });
});

describe('a refusal at the fields', () => {
  it('maps a 400 that names its fields, and nothing else', () => {
    const refused = new ApiError(400, 'bad', [{ field: 'password', code: 'minLength', message: 'too short' }]);
    assert.deepEqual(fieldProblems(refused), { password: { key: 'validation.passwordShort' } });
    assert.equal(fieldProblems(new ApiError(400, 'bad')), null);
    assert.equal(fieldProblems(new ApiError(409, 'taken', [{ field: 'username', code: 'taken', message: '' }])), null);
    assert.equal(fieldProblems(new Error('boom')), null);
  });
});
