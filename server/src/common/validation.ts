import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, ValidateIf } from 'class-validator';
import { FieldError, fieldErrors } from './api-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code,
      message: message.replace(error.property, field),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** DTOs are validated at the edge: unknown fields are refused, every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => fieldErrors(flatten(errors)),
  });
}

/**
 * An optional body field: it may be left out, but `null` is refused like any other wrong type
 * (class-validator's IsOptional lets null through, which the OpenAPI document does not allow).
 */
export const IsOmittable = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/**
 * A non-empty list of values from `values`, each at most once. The rules apply in the order they would
 * stacked as decorators (the lowest first), so a refusal names them in the same order.
 */
export function IsSubsetOf(values: readonly string[]): PropertyDecorator {
  const rules = [IsIn(values, { each: true }), ArrayUnique(), ArrayMaxSize(values.length), ArrayMinSize(1), IsArray()];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}
