import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInteractionReturnPath, signInPathFor } from './return-path';

describe('sign-in return path', () => {
  it("accepts only an interaction of this origin's provider", () => {
    assert.ok(isInteractionReturnPath('/oidc/interaction/Ab3_x-9'));
    for (const bad of [
      '//evil.example/oidc/interaction/x',
      'https://evil.example/oidc/interaction/x',
      '/oidc/interaction/',
      '/oidc/interaction/x/../../api',
      '/oidc/interaction/x?next=//evil',
      '/\\evil.example',
      '/oidc/interaction/%2F%2Fevil',
      '/dashboard',
      '',
      undefined,
      42,
    ]) {
      assert.equal(isInteractionReturnPath(bad), false, String(bad));
    }
  });

  it('points the browser at the web app sign-in, with the path encoded', () => {
    assert.equal(signInPathFor('/oidc/interaction/abc'), '/?return=%2Foidc%2Finteraction%2Fabc#/login');
  });
});
