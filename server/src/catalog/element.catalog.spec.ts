import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from './catalog.fixtures.spec';
import { elementConfig, elementDefinition, renderElementConfig } from './element.catalog';

describe('element config.json', () => {
  it('points only at our homeserver, without guests, identity server, integrations or bug reports', () => {
    const config = elementConfig(testContext());
    assert.deepEqual(config.default_server_config, {
      'm.homeserver': { base_url: 'https://matrix.example.org', server_name: 'example.org' },
    });
    assert.equal(config.disable_custom_urls, true);
    assert.equal(config.disable_guests, true);
    assert.equal(config.integrations_ui_url, null);
    assert.equal(config.integrations_rest_url, null);
    assert.equal(config.integrations_widgets_urls, null);
    assert.equal('bug_report_endpoint_url' in config, false);
    assert.equal('m.identity_server' in (config.default_server_config as object), false);
    assert.equal(config.default_country_code, 'FR');
    assert.equal(config.brand, 'La Fabrique');
  });

  it('hides password reset and 3PID without SMTP, shows them with it', () => {
    const without = elementConfig(testContext()).setting_defaults as Record<string, boolean>;
    assert.equal(without['UIFeature.passwordReset'], false);
    assert.equal(without['UIFeature.identityServer'], false);
    const smtp = {
      host: 'h',
      port: 587,
      username: 'u',
      password: 'p',
      from: 'a@example.org',
      fromName: 'Fab',
      security: 'starttls' as const,
    };
    const withMail = elementConfig(testContext({ smtp })).setting_defaults as Record<string, boolean>;
    assert.equal(withMail['UIFeature.passwordReset'], true);
  });

  it('does not offer federated rooms when federation is closed', () => {
    assert.equal(
      elementConfig(testContext({ federation: { mode: 'closed', allowedDomains: [] } })).default_federate,
      false,
    );
    assert.equal(elementConfig(testContext()).default_federate, true);
  });

  it('is valid JSON written to /app/config.json', () => {
    const [file] = elementDefinition.renderFiles(testContext());
    assert.equal(file.path, '/app/config.json');
    assert.equal(file.type, 'file');
    assert.deepEqual(
      JSON.parse(renderElementConfig(testContext({ communityName: 'a "quoted" name' }))).brand,
      'a "quoted" name',
    );
  });
});
