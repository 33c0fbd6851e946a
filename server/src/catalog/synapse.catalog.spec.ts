import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { TEST_SMTP, testContext } from './catalog.fixtures.spec';
import { homeserverConfig, renderHomeserverYaml, synapseDefinition } from './synapse.catalog';
import { registrationMac, registrationRequest } from './synapse.registration';

const SMTP = { ...TEST_SMTP, username: 'u', password: 'p', from: 'noreply@example.org', fromName: '100% Tiers' };

describe('synapse homeserver.yaml', () => {
  it('uses the domain as server_name and matrix.<domain> as public base URL', () => {
    const config = homeserverConfig(testContext());
    assert.equal(config.server_name, 'example.org');
    assert.equal(config.public_baseurl, 'https://matrix.example.org/');
    assert.match(renderHomeserverYaml(testContext()), /^"server_name": "example.org"$/m);
  });

  it('contains the generated secrets and the database credentials', () => {
    const ctx = testContext();
    const yaml = renderHomeserverYaml(ctx);
    for (const secret of [
      'synapseRegistrationSecret',
      'synapseMacaroonSecret',
      'synapseFormSecret',
      'synapseDbPassword',
    ] as const) {
      assert.ok(yaml.includes(JSON.stringify(ctx.secrets[secret])), secret);
    }
    const config = homeserverConfig(ctx);
    assert.deepEqual(config.database, {
      name: 'psycopg2',
      args: {
        user: 'synapse',
        password: ctx.secrets.synapseDbPassword,
        dbname: 'synapse',
        host: 'postgres',
        port: 5432,
        cp_min: 1,
        cp_max: 5,
      },
    });
  });

  it('ships the small-machine and privacy defaults', () => {
    const config = homeserverConfig(testContext());
    assert.equal(config.enable_registration, false);
    assert.equal(config.registration_requires_token, true);
    assert.deepEqual(config.presence, { enabled: false });
    assert.equal((config.limit_remote_rooms as { enabled: boolean }).enabled, true);
    assert.deepEqual(config.media_retention, { remote_media_lifetime: '14d' });
    assert.equal(config.forgotten_room_retention_period, '28d');
    assert.equal(config.max_upload_size, '50M');
    assert.equal(config.report_stats, false);
    assert.equal(config.suppress_key_server_warning, true);
    assert.equal(config.signing_key_path, '/data/signing.key');
    assert.equal(config.log_config, '/data/log.config');
  });

  it('closes federation with an empty whitelist and no federation listener', () => {
    const config = homeserverConfig(testContext({ federation: { mode: 'closed', allowedDomains: [] } }));
    assert.deepEqual(config.federation_domain_whitelist, []);
    assert.deepEqual(config.trusted_key_servers, []);
    assert.match(
      renderHomeserverYaml(testContext({ federation: { mode: 'closed', allowedDomains: [] } })),
      /"federation_domain_whitelist": \[\]/,
    );
    const listener = (config.listeners as Array<{ resources: Array<{ names: string[] }> }>)[0];
    assert.deepEqual(listener.resources[0].names, ['client']);
  });

  it('leaves federation open without a whitelist, and limits it to a sorted list', () => {
    const open = homeserverConfig(testContext());
    assert.equal(open.federation_domain_whitelist, undefined);
    const limited = homeserverConfig(
      testContext({ federation: { mode: 'limited', allowedDomains: ['zeta.coop', 'alpha.coop'] } }),
    );
    assert.deepEqual(limited.federation_domain_whitelist, ['alpha.coop', 'zeta.coop']);
  });

  it('renders SMTP only when configured, escaping % for Python formatting', () => {
    assert.equal(homeserverConfig(testContext()).email, undefined);
    const email = homeserverConfig(testContext({ smtp: SMTP, communityName: '100% Tiers' })).email as Record<
      string,
      unknown
    >;
    assert.equal(email.notif_from, '100%% Tiers <noreply@example.org>');
    assert.equal(email.app_name, '100%% Tiers');
    assert.equal(email.smtp_host, 'smtp.example.org');
    assert.equal(email.smtp_port, 587);
    assert.equal(email.smtp_user, 'u');
    assert.equal(email.smtp_pass, 'p');
  });

  // synapse/config/emailconfig.py: force_tls (implicit TLS), require_transport_security (STARTTLS
  // required), enable_tls (default true: STARTTLS when offered; both others refuse enable_tls false).
  for (const [security, expected] of [
    ['starttls', { force_tls: false, require_transport_security: true, enable_tls: true }],
    ['tls', { force_tls: true, require_transport_security: false, enable_tls: true }],
    ['none', { force_tls: false, require_transport_security: false, enable_tls: false }],
  ] as const) {
    it(`maps the ${security} security to Synapse's TLS switches`, () => {
      const email = homeserverConfig(testContext({ smtp: { ...SMTP, security } })).email as Record<string, unknown>;
      assert.deepEqual(
        {
          force_tls: email.force_tls,
          require_transport_security: email.require_transport_security,
          enable_tls: email.enable_tls,
        },
        expected,
      );
    });
  }

  it('signs in to the relay only with a username, and uses the chosen sender name', () => {
    const email = homeserverConfig(
      testContext({ smtp: { ...SMTP, username: null, password: null, fromName: 'Équipe <x>' } }),
    ).email as Record<string, unknown>;
    assert.equal('smtp_user' in email, false);
    assert.equal('smtp_pass' in email, false);
    assert.equal(email.notif_from, 'Équipe x <noreply@example.org>');
  });

  it('cannot be broken by a hostile community name', () => {
    const yaml = renderHomeserverYaml(
      testContext({
        communityName: 'x"\nserver_name: evil',
        smtp: { ...SMTP, security: 'tls' },
      }),
    );
    assert.equal(yaml.match(/^"server_name":/gm)?.length, 1);
  });

  it('writes config, log config and signing key owned by the image user, secrets 0600', () => {
    const files = synapseDefinition.renderFiles(testContext());
    const byPath = new Map(files.map((file) => [file.path, file]));
    assert.equal(byPath.get('/data/homeserver.yaml')?.mode, 0o600);
    assert.equal(byPath.get('/data/signing.key')?.mode, 0o600);
    assert.equal(byPath.get('/data/media_store')?.type, 'directory');
    for (const file of files) assert.equal(file.uid, 991);
    assert.deepEqual(
      synapseDefinition.databases(testContext()).map((db) => db.collationC),
      [true],
    );
  });
});

describe('registrationMac', () => {
  it('matches a vector computed with Python hmac as in the Synapse admin API docs', () => {
    const mac = registrationMac({
      nonce: 'abcdef0123456789',
      user: 'admin',
      password: 'correct horse',
      admin: true,
      secret: 'shared-secret-for-tests',
    });
    assert.equal(mac, 'fd580e92585655e4e8de6bde5ffd5d3e459de7fd');
    const notAdmin = registrationMac({
      nonce: 'abcdef0123456789',
      user: 'alice',
      password: 'päss',
      admin: false,
      secret: 'shared-secret-for-tests',
    });
    assert.equal(notAdmin, 'dc221b25fbcbe8859135dbd9c300b630760d90a0');
  });

  it('equals an HMAC-SHA1 over the NUL-joined fields', () => {
    const input = { nonce: 'n0nce', user: 'camille', password: 'pw', admin: true, secret: 's3cret' };
    const expected = createHmac('sha1', 's3cret').update('n0nce\0camille\0pw\0admin').digest('hex');
    assert.equal(registrationMac(input), expected);
    assert.deepEqual(registrationRequest(input), {
      nonce: 'n0nce',
      username: 'camille',
      displayname: 'camille',
      password: 'pw',
      admin: true,
      mac: expected,
    });
  });
});
