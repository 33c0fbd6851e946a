import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { BODY_LIMITS } from './body-limits';

/** Every DTO module under server/src (from src or from .build/test), found by its `dto` folder. */
function dtoModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dtoModules(path);
    const isDto = /[\\/]dto$/.test(dir) && /\.(js|ts)$/.test(entry.name) && !/\.(spec|d)\.(js|ts)$/.test(entry.name);
    return isDto ? [path] : [];
  });
}

// A string at its maxLength, JSON-escaped at worst (`\uXXXX`, 6 bytes a character), must still fit
// the body limit; otherwise the fuzzing's longest valid value meets a 413 instead of the DTO's 400.
// A field that must match a pattern (the logo's base64) is held to one byte a character: our
// patterns admit ASCII only.
const bytesPerChar = (rules: { name?: string; propertyName: string }[], property: string): number =>
  rules.some((rule) => rule.name === 'matches' && rule.propertyName === property) ? 1 : 6;
// The wizard's body carries the logo and has its own, larger limit.
const WIZARD_CLASSES = new Set(['SetupDto', 'CommunityDto', 'AdminDto']);

describe('DTO string limits stay under the request body limit', () => {
  it('no maxLength lets a valid field outgrow its route body limit', async () => {
    const modules = dtoModules(join(__dirname, '..'));
    assert.ok(modules.length > 20, `only ${modules.length} DTO modules found`);
    const classes = new Set<{ name: string }>();
    for (const path of modules) {
      const exported = (await import(path)) as Record<string, unknown>;
      for (const value of Object.values(exported)) if (typeof value === 'function') classes.add(value);
    }
    const storage = getMetadataStorage();
    const tooLong: string[] = [];
    for (const target of classes) {
      const limit = WIZARD_CLASSES.has(target.name) ? BODY_LIMITS.setup : BODY_LIMITS.default;
      const rules = storage.getTargetValidationMetadatas(target as never, '', true, false);
      for (const rule of rules) {
        if (rule.name !== 'maxLength') continue;
        const max = Number((rule.constraints as unknown[])[0]);
        if (max * bytesPerChar(rules, rule.propertyName) > limit)
          tooLong.push(`${target.name}.${rule.propertyName}: ${max}`);
      }
    }
    assert.deepEqual(tooLong, [], `fields whose longest value cannot fit the body limit`);
  });
});
