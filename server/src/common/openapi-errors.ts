import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'admin.password' })
  field: string;

  @ApiProperty({ example: 'minLength' })
  code: string;

  @ApiProperty()
  message: string;
}

/** The one error body of every 4xx and 5xx (common/api-error.ts). */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ description: 'A sentence a volunteer can act on' })
  message: string;

  @ApiPropertyOptional({ type: FieldErrorDto, isArray: true })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'Also sent as the Retry-After header' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ description: "An outside system's own words (an SMTP relay's answer), for whoever fixes it" })
  details?: string;

  @ApiPropertyOptional({ example: 'engineUnreachable', description: 'Translated by the web app as error.<key>' })
  key?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params?: Record<string, string | number>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each bad field',
  401: 'No valid session: log in',
  403: "Missing or wrong CSRF token (x-csrf-token), wrong setup token, or a member's session on an administrators' route",
  404: 'No such resource',
  409: 'Conflicts with the current state (see message)',
  410: 'Expired or already used',
  413: 'Request body too large',
  415: 'Request body is not UTF-8 JSON',
  429: 'Too many attempts or open streams: wait Retry-After seconds',
  502: 'An outside place (a backup target, the mail relay) did not answer or refused (see message, errors and details)',
  503: 'A part this needs (the Docker engine) is unavailable right now',
};

/** Declares error answers of a route, all with the ApiErrorDto body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ApiErrorDto })),
  );
}

/** Marks a public route in the document (see public.decorator.ts); turned into `security: []`. */
export const PUBLIC_EXTENSION = 'x-public';
/** Marks a route members reach too (auth/members-too.decorator.ts); any other refuses them with 403. */
export const MEMBERS_EXTENSION = 'x-members-too';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The validation pipe refuses unknown fields (forbidNonWhitelisted): say so in the document, for every
 * object schema a request body uses, nested ones included.
 */
function closeRequestSchemas(document: OpenAPIObject, body: unknown): void {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (seen.has(name)) return;
      seen.add(name);
      const schema = document.components?.schemas?.[name] as Record<string, unknown> | undefined;
      if (schema && schema.type === 'object') schema.additionalProperties = false;
      visit(schema);
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(body);
}

/**
 * Adds the error answers every route shares, from what the document already says about it, so no
 * route can forget them: 400 for any input, 413/415 for a body, 404 for a path parameter, 401 for a
 * session-only route, and 403 for its writes (CSRF) and for any administrators' route (a member's session). Route-specific ones (409, 410, 429, 503) are
 * declared on the routes with ApiErrors.
 */
export function documentCommonErrors(document: OpenAPIObject): OpenAPIObject {
  const ref = { $ref: '#/components/schemas/ApiErrorDto' };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const extensions = operation as unknown as Record<string, unknown>;
      const isPublic = extensions[PUBLIC_EXTENSION] === true;
      const membersToo = extensions[MEMBERS_EXTENSION] === true;
      delete extensions[PUBLIC_EXTENSION];
      delete extensions[MEMBERS_EXTENSION];
      operation.security = isPublic ? [] : [{ cookie: [] }];
      const parameters = (operation.parameters ?? []) as Array<{ in?: string }>;
      const statuses: number[] = [];
      if (parameters.length > 0 || operation.requestBody) statuses.push(400);
      if (operation.requestBody) statuses.push(413, 415);
      if (parameters.some((p) => p.in === 'path')) statuses.push(404);
      if (!isPublic) statuses.push(401);
      // A write needs the CSRF header; an administrators' route refuses a member's session too.
      if (!isPublic && (method !== 'get' || !membersToo)) statuses.push(403);
      closeRequestSchemas(document, operation.requestBody);
      for (const status of statuses) {
        operation.responses[String(status)] ??= {
          description: DESCRIPTIONS[status],
          content: { 'application/json': { schema: ref } },
        };
      }
    }
  }
  return document;
}
