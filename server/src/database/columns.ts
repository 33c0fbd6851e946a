import { Column, PrimaryColumn } from 'typeorm';

/** The options the entities use; the column's name is never given, it follows from the property. */
interface ColumnShape {
  nullable?: boolean;
  unique?: boolean;
  default?: boolean | number | null;
}

/** The migrations name columns in snake_case: `stageParams` is stored as `stage_params`. */
export function snakeCase(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function column(type: 'text' | 'integer' | 'boolean' | 'datetime', shape: ColumnShape = {}): PropertyDecorator {
  return (target, property) => Column({ type, ...shape, name: snakeCase(String(property)) })(target, property);
}

/** The primary key, a text column unless said otherwise (the installation's single row is numbered). */
export const KeyColumn =
  (type: 'text' | 'integer' = 'text'): PropertyDecorator =>
  (target, property) =>
    PrimaryColumn({ type, name: snakeCase(String(property)) })(target, property);

export const TextColumn = (shape?: ColumnShape) => column('text', shape);
export const IntegerColumn = (shape?: ColumnShape) => column('integer', shape);
export const BooleanColumn = (shape?: ColumnShape) => column('boolean', shape);
/** Stored as SQLite `datetime` text, read back as a Date. */
export const DateColumn = (shape?: ColumnShape) => column('datetime', shape);
