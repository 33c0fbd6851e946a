import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, configHash, toYaml } from './canonical';
import {
  CATALOG,
  databasesFor,
  InvalidImageOverrideError,
  isServiceId,
  parseImageOverrides,
  resolveImage,
  servicesForFeatures,
} from './catalog';
import { SERVICE_IDS } from './catalog.types';
import { testContext } from './catalog.fixtures.spec';
import { containerName, networkName, volumeName } from './naming';
import { POSTGRES_INIT_COMMAND, renderDatabaseInitSql } from './postgres.catalog';
import { completeSecrets } from './secrets';

describe('catalog', () => {
  it('is a closed set keyed by id, with pinned images', () => {
    assert.deepEqual(Object.keys(CATALOG), [...SERVICE_IDS]);
    for (const id of SERVICE_IDS) {
      assert.equal(CATALOG[id].id, id);
      assert.match(CATALOG[id].image, /:[^:]*\d+\.\d+/, `${id} must be pinned by version`);
      assert.ok(!CATALOG[id].image.endsWith(':latest'));
      assert.equal(CATALOG[id].healthcheck.test[0], 'CMD', `${id} healthcheck must be an argv, not a shell string`);
    }
    assert.ok(isServiceId('synapse'));
    assert.ok(!isServiceId('redis'));
  });

  it('adds proxy and database to any feature, nothing without one', () => {
    assert.deepEqual(servicesForFeatures(['chat']), ['proxy', 'postgres', 'synapse', 'element']);
    assert.deepEqual(servicesForFeatures(['pad']), ['proxy', 'postgres', 'hedgedoc']);
    assert.deepEqual(servicesForFeatures(['files', 'chat']), ['proxy', 'postgres', 'synapse', 'element', 'nextcloud']);
    assert.deepEqual(servicesForFeatures([]), []);
  });

  it('derives names from the appliance and service ids', () => {
    assert.equal(containerName('tl1', 'synapse'), 'tl-tl1-synapse');
    assert.equal(volumeName('tl1', 'nextcloud', 'data'), 'tl-tl1-nextcloud-data');
    assert.equal(networkName('tl1', 'backend'), 'tl-tl1-backend');
    assert.throws(() => containerName('../x', 'synapse'), RangeError);
  });
});

describe('image overrides', () => {
  it('maps a catalog image to a local reference and leaves the others alone', () => {
    const overrides = parseImageOverrides({ 'matrixdotorg/synapse:v1.163.2': 'tiers-lieux-test/synapse:1' });
    assert.equal(resolveImage(CATALOG.synapse, overrides), 'tiers-lieux-test/synapse:1');
    assert.equal(resolveImage(CATALOG.postgres, overrides), 'postgres:15.19');
    assert.equal(resolveImage(CATALOG.hedgedoc, {}), 'quay.io/hedgedoc/hedgedoc:1.11.1');
  });

  it('refuses keys outside the catalog and malformed references', () => {
    assert.throws(() => parseImageOverrides({ 'evil/image:1': 'x:1' }), InvalidImageOverrideError);
    assert.throws(() => parseImageOverrides({ 'postgres:15.19': 'UPPER case;rm' }), InvalidImageOverrideError);
    assert.throws(() => parseImageOverrides({ 'postgres:15.19': 42 }), InvalidImageOverrideError);
    assert.deepEqual(parseImageOverrides({ 'postgres:15.19': 'mirror.lan:5000/library/postgres:15.19' }), {
      'postgres:15.19': 'mirror.lan:5000/library/postgres:15.19',
    });
  });
});

describe('postgres init SQL', () => {
  it('creates one C-collated database for Synapse and UTF-8 ones for the others, idempotently', () => {
    const sql = renderDatabaseInitSql(databasesFor(testContext(), ['synapse', 'hedgedoc', 'element']));
    assert.match(
      sql,
      /CREATE DATABASE "synapse" OWNER "synapse" ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C'' TEMPLATE template0/,
    );
    assert.match(sql, /CREATE DATABASE "hedgedoc" OWNER "hedgedoc" ENCODING ''UTF8'' TEMPLATE template0'/);
    assert.match(sql, /WHERE NOT EXISTS \(SELECT 1 FROM pg_database WHERE datname = 'synapse'\)\\gexec/);
    assert.match(sql, /REVOKE ALL ON DATABASE "hedgedoc" FROM PUBLIC;/);
    assert.ok(!sql.includes('nextcloud'));
    assert.ok(POSTGRES_INIT_COMMAND.includes('ON_ERROR_STOP=1'));
  });

  it('escapes quotes in passwords and refuses unsafe identifiers', () => {
    const sql = renderDatabaseInitSql([{ database: 'db', role: 'r', password: "it's", collationC: false }]);
    assert.match(sql, /PASSWORD 'it''s';/);
    assert.throws(
      () => renderDatabaseInitSql([{ database: 'x"; DROP', role: 'r', password: 'p', collationC: false }]),
      RangeError,
    );
  });
});

describe('secrets', () => {
  it('generates every missing secret once and keeps existing ones', () => {
    let counter = 0;
    const random = (size: number) => Buffer.alloc(size, ++counter);
    const secrets = completeSecrets({ synapseDbPassword: 'kept' }, random);
    assert.equal(secrets.synapseDbPassword, 'kept');
    assert.match(secrets.synapseSigningKey, /^ed25519 a_[A-Za-z]{4} [A-Za-z0-9+/]{43}$/);
    assert.ok(secrets.hedgedocSessionSecret.length >= 40);
    assert.equal(new Set(Object.values(secrets)).size, Object.keys(secrets).length);
  });
});

describe('canonical JSON and YAML', () => {
  it('sorts keys at every level so equal values hash equally', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }),
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    assert.equal(configHash({ a: 1, b: 2 }), configHash({ b: 2, a: 1 }));
  });

  it('renders block YAML with quoted strings only', () => {
    const yaml = toYaml({ name: 'a: b', list: [{ port: 8008, tls: false }], empty: [], nested: { x: null } });
    assert.equal(
      yaml,
      '"name": "a: b"\n"list":\n  -\n    "port": 8008\n    "tls": false\n"empty": []\n"nested":\n  "x": null\n',
    );
  });
});
