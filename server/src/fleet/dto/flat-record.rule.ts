import { ValidateBy } from 'class-validator';

/**
 * A flat object of at most `maxKeys` short keys whose values are strings (command params) or scalars
 * (a command's result): nothing nested, nothing large, so it stores and signs predictably.
 */
export function IsFlatRecord(values: 'string' | 'scalar', maxKeys = 20): PropertyDecorator {
  return ValidateBy({
    name: 'isFlatRecord',
    validator: {
      validate: (value: unknown) => {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
        const entries = Object.entries(value as Record<string, unknown>);
        return (
          entries.length <= maxKeys &&
          entries.every(
            ([key, v]) =>
              /^[A-Za-z0-9_.-]{1,64}$/.test(key) &&
              (typeof v === 'string'
                ? v.length <= 1024
                : values === 'scalar' && (v === null || typeof v === 'boolean' || Number.isFinite(v))),
          )
        );
      },
      defaultMessage: () =>
        `$property must be an object of at most ${maxKeys} keys with ${values === 'string' ? 'string' : 'string, number, boolean or null'} values`,
    },
  });
}
