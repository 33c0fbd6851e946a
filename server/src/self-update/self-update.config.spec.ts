import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config/app-config';
import { HelperUsageError, helperArgv, parseHelperArgv } from './self-update.types';

describe('self-update configuration', () => {
  it('defaults: channel from the running image, 120 s to become healthy, a daily check', () => {
    assert.deepEqual(loadConfig({}).selfUpdate, { image: undefined, healthTimeoutSec: 120, checkIntervalHours: 24 });
  });

  it('takes a tagged channel reference and the timings', () => {
    const config = loadConfig({
      APPLIANCE_UPDATE_IMAGE: 'tiers-lieux/appliance-mirror:stable',
      APPLIANCE_UPDATE_HEALTH_TIMEOUT: '45',
      APPLIANCE_UPDATE_CHECK_HOURS: '0',
    });
    assert.deepEqual(config.selfUpdate, {
      image: 'tiers-lieux/appliance-mirror:stable',
      healthTimeoutSec: 45,
      checkIntervalHours: 0,
    });
  });

  it('refuses a reference without a tag, a digest, or something that is not a reference', () => {
    for (const bad of ['tl/appliance', 'tl/appliance@sha256:' + 'a'.repeat(64), 'TL/Appliance:x', 'a b:c', 'repo:']) {
      assert.throws(
        () => loadConfig({ APPLIANCE_UPDATE_IMAGE: bad }),
        (e: unknown) => e instanceof ConfigError && e.variable === 'APPLIANCE_UPDATE_IMAGE',
        bad,
      );
    }
    assert.throws(
      () => loadConfig({ APPLIANCE_UPDATE_HEALTH_TIMEOUT: '5' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'APPLIANCE_UPDATE_HEALTH_TIMEOUT',
    );
  });
});

describe('helper arguments', () => {
  it('round-trip, and are checked', () => {
    const args = { container: 'abc', target: 'tl/a:stable', targetId: 'sha256:1', timeoutSec: 60, jobId: 'j' };
    assert.deepEqual(parseHelperArgv(helperArgv(args)), args);
    assert.throws(() => parseHelperArgv(['--container', 'abc']), HelperUsageError);
    assert.throws(() => parseHelperArgv(helperArgv({ ...args, timeoutSec: 1 })), HelperUsageError);
    assert.throws(() => parseHelperArgv(['stray']), HelperUsageError);
  });
});
