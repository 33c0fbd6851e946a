import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createValidationPipe } from '../common/validation';
import type { ApiException } from '../common/api-error';
import { HeartbeatDto } from './dto/device.dto';
import { checkHeartbeat } from './heartbeat-body';

const GOOD = {
  version: '0.1.0',
  services: [{ name: 'chat', state: 'running', health: 'healthy' }],
  diskFreeBytes: 12 * 1024 ** 3,
  lastBackupAt: '2026-11-30T10:00:00.000Z',
};

type Found = { field: string; code: string; message: string }[];

function errorsOf(run: () => unknown): Found | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    const body = (error as ApiException).getResponse() as { errors: Found };
    return [...body.errors].sort((a, b) => `${a.field} ${a.code}`.localeCompare(`${b.field} ${b.code}`));
  }
}

/** What the global ValidationPipe says of the same body through HeartbeatDto (the documented rules). */
async function byDto(body: unknown): Promise<Found | 'accepted'> {
  try {
    await createValidationPipe().transform(structuredClone(body), { type: 'body', metatype: HeartbeatDto });
    return 'accepted';
  } catch (error) {
    return errorsOf(() => {
      throw error;
    });
  }
}

const SAMPLES: Record<string, unknown> = {
  good: GOOD,
  'nulls allowed': { ...GOOD, diskFreeBytes: null, lastBackupAt: null, services: [] },
  empty: {},
  'wrong types': { version: 1, services: 'x', diskFreeBytes: '5', lastBackupAt: 5 },
  'too long': { ...GOOD, version: 'v'.repeat(65) },
  'too many services': { ...GOOD, services: Array.from({ length: 51 }, () => GOOD.services[0]) },
  'bad service': { ...GOOD, services: [{ name: 2, state: 's'.repeat(65), health: 'fine', extra: 1 }, 'x'] },
  'negative, fractional': { ...GOOD, diskFreeBytes: -1.5 },
  'not a date': { ...GOOD, lastBackupAt: '2026-02-30T10:00:00Z' },
  'unknown field': { ...GOOD, admin: true },
  'services null': { ...GOOD, services: null },
};

describe('checkHeartbeat (the hand-written heartbeat validator)', () => {
  for (const [name, body] of Object.entries(SAMPLES)) {
    it(`answers as HeartbeatDto does: ${name}`, async () => {
      assert.deepEqual(
        errorsOf(() => checkHeartbeat(body)),
        await byDto(body),
      );
    });
  }

  it('returns only the known fields of a good body', () => {
    const beat = checkHeartbeat(GOOD);
    assert.deepEqual(beat, GOOD);
    assert.notEqual(beat.services[0], GOOD.services[0], 'a copy, not the parsed body');
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'beat', 3]) {
      const found = errorsOf(() => checkHeartbeat(body));
      assert.notEqual(found, 'accepted');
      assert.ok((found as Found).some((e) => e.field === 'body' && e.code === 'isObject'));
    }
  });
});
