import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An array of distinct values from a small closed set, checked in one linear pass that gives up at
 * the first bad entry. class-validator's ArrayUnique compares every pair (O(n²)) and runs on
 * unauthenticated routes, so a large array could stall the event loop for everyone.
 */
export function isDistinctSubset(value: unknown, allowed: readonly string[]): boolean {
  if (!Array.isArray(value) || value.length > allowed.length) return false;
  const seen = new Set<string>();
  for (const item of value as unknown[]) {
    if (typeof item !== 'string' || !allowed.includes(item) || seen.has(item)) return false;
    seen.add(item);
  }
  return true;
}

export function IsDistinctSubset(allowed: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDistinctSubset',
      constraints: [allowed],
      validator: { validate: (value: unknown) => isDistinctSubset(value, allowed) },
    },
    options,
  );
}
