import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpException } from '@nestjs/common';
import { createValidationPipe } from '../../common/validation';
import type { FieldError } from '../../common/api-error';
import { SetupDto } from './setup.dto';

const valid = {
  setupToken: 't',
  language: 'fr',
  community: { name: 'La Fabrique', color: '#2f7d5b' },
  domain: 'fabrique.example.org',
  admin: { username: 'camille', email: 'camille@example.org', password: 'correct horse battery staple' },
  features: ['chat'],
};

/** The wizard's body through the app's own validation pipe: the DTO, or the refusal's field errors. */
async function check(body: object): Promise<SetupDto | FieldError[]> {
  try {
    return (await createValidationPipe().transform(body, { type: 'body', metatype: SetupDto })) as SetupDto;
  } catch (err) {
    return ((err as HttpException).getResponse() as { errors: FieldError[] }).errors;
  }
}

const codes = (result: SetupDto | FieldError[]) =>
  Array.isArray(result) ? result.filter((e) => e.field === 'rooms').map((e) => e.code) : [];

describe('SetupDto: the chat starting rooms', () => {
  it('may be left out (the default list), or given as trimmed names', async () => {
    const plain = await check(valid);
    assert.ok(!Array.isArray(plain));
    assert.equal(plain.rooms, undefined);
    const chosen = await check({ ...valid, rooms: ['  Général ', 'Annonces', 'Café & co'] });
    assert.ok(!Array.isArray(chosen), JSON.stringify(chosen));
    assert.deepEqual(chosen.rooms, ['Général', 'Annonces', 'Café & co']);
    assert.ok(!Array.isArray(await check({ ...valid, rooms: [] })), 'no starting room at all is a choice');
  });

  it('refuses names that give the same alias, naming the field', async () => {
    assert.deepEqual(codes(await check({ ...valid, rooms: ['Général', 'general'] })), ['distinctAliases']);
    assert.deepEqual(codes(await check({ ...valid, rooms: ['Événements', 'EVENEMENTS!'] })), ['distinctAliases']);
  });

  it('refuses empty, too long, alias-less and control-character names, and too many rooms', async () => {
    assert.deepEqual(codes(await check({ ...valid, rooms: ['   '] })), ['minLength']);
    assert.deepEqual(codes(await check({ ...valid, rooms: ['x'.repeat(41)] })), ['maxLength']);
    assert.deepEqual(codes(await check({ ...valid, rooms: ['x'.repeat(40)] })), []);
    assert.deepEqual(codes(await check({ ...valid, rooms: ['!!!'] })), ['hasAlias']);
    assert.deepEqual(codes(await check({ ...valid, rooms: ['a\nb'] })), ['matches']);
    const nine = Array.from({ length: 9 }, (_, i) => `Salon ${i}`);
    assert.deepEqual(codes(await check({ ...valid, rooms: nine })), ['arrayMaxSize']);
    assert.ok(codes(await check({ ...valid, rooms: 'Général' })).includes('isArray'));
    assert.ok(codes(await check({ ...valid, rooms: [42] })).includes('isString'));
    assert.ok(
      codes(await check({ ...valid, rooms: null })).includes('isArray'),
      'null is refused, not taken as absent',
    );
  });
});
