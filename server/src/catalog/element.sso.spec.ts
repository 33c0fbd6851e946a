import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from './catalog.fixtures.spec';
import { elementConfig, renderElementConfig } from './element.catalog';
import { membersContext, testClient } from './members.fixtures.spec';

type Theme = { name: string; is_dark: boolean; colors: Record<string, string> };

describe('element config.json for members (keys of Element Web’s config.md and theming.md)', () => {
  it('is unchanged without members input', () => {
    assert.equal(renderElementConfig({ ...testContext(), members: {} }), renderElementConfig(testContext()));
    const config = elementConfig(testContext());
    for (const key of ['default_theme', 'branding', 'embedded_pages', 'sso_redirect_options'])
      assert.equal(config[key], undefined, key);
  });

  it('opens on the sign-in page, whose one SSO button is the community, and keeps the password form', () => {
    const config = elementConfig(membersContext());
    assert.deepEqual(config.embedded_pages, { login_for_welcome: true });
    // An automatic redirect would leave the admin no way to sign in with a password.
    assert.equal(config.sso_redirect_options, undefined);
    assert.equal(config.brand, 'La Fabrique');
    const defaults = config.setting_defaults as Record<string, unknown>;
    assert.equal(defaults['UIFeature.passwordReset'], false);
    assert.equal(defaults['UIFeature.deactivate'], false);
    assert.equal(defaults['UIFeature.registration'], false);
  });

  it('themes Element in the community colour, as a custom theme made the default', () => {
    const config = elementConfig(membersContext({ colour: '#2e7d32' }));
    assert.equal(config.default_theme, 'custom-La Fabrique');
    const [theme, ...others] = (config.setting_defaults as { custom_themes: Theme[] }).custom_themes;
    assert.equal(others.length, 0);
    assert.deepEqual(theme, {
      name: 'La Fabrique',
      is_dark: false,
      colors: { 'accent-color': '#2e7d32', 'primary-color': '#2e7d32' },
    });
    // Branding alone (no chat client) does not touch the sign-in flow.
    assert.equal(config.embedded_pages, undefined);
  });

  it('shows the community logo on the sign-in pages when given', () => {
    const config = elementConfig(
      membersContext({ clients: { chat: testClient('chat') }, logoUrl: 'https://example.org/logo.png' }),
    );
    assert.deepEqual(config.branding, { auth_header_logo_url: 'https://example.org/logo.png' });
    assert.equal(config.default_theme, undefined);
  });

  it('refuses a colour that is not #rrggbb (it ends up in CSS)', () => {
    for (const colour of ['red', '#fff', '#12345g', '#123456;background:url(x)'])
      assert.throws(() => elementConfig(membersContext({ colour })), RangeError, colour);
  });
});
