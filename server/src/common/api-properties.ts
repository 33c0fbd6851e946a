import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** What a property may add to its shape in the OpenAPI document: words for the reader, and an example. */
type Notes = Pick<ApiPropertyOptions, 'description' | 'example'>;

/** One of a fixed list (the const tuple the server and the generated web types share). */
export const ApiEnum = (values: readonly string[], notes?: Notes) => ApiProperty({ enum: values, ...notes });

/** An ISO 8601 timestamp, sent as a string. */
export const ApiDateTime = (notes?: Notes) => ApiProperty({ type: String, format: 'date-time', ...notes });

/** A string, or the DTO given as `type`, that may be null. */
export const ApiNullable = ({ type = String, ...notes }: Notes & { type?: Type | StringConstructor } = {}) =>
  ApiProperty({ type, nullable: true, ...notes });
