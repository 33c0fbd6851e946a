import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from './api-error';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Row {
  literal: boolean;
  regex: RegExp;
  methods: string[];
}

function rowsOf(document: OpenAPIObject): Row[] {
  const rows = Object.entries(document.paths).map(([template, item]) => {
    const pattern = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    const methods = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    return { literal: !template.includes('{'), regex: new RegExp(`^${pattern}/?$`), methods };
  });
  // `/api/members/invitations` is its own address, not a value of `/api/members/{id}`.
  return [...rows.filter((r) => r.literal), ...rows.filter((r) => !r.literal)];
}

/**
 * The methods each documented path accepts, so that a request with another method gets 405 with an
 * `Allow` header rather than a 404 that says the resource does not exist.
 */
export function allowedMethods(document: OpenAPIObject): (path: string) => string[] {
  const table = rowsOf(document);
  return (path) => table.find((row) => row.regex.test(path))?.methods ?? [];
}

export function sendMethodNotAllowed(response: Response, methods: string[]): void {
  response.setHeader('Allow', methods.join(', '));
  response.status(405).json({
    statusCode: 405,
    error: 'Method Not Allowed',
    message: `Use ${methods.join(', ')} on this address.`,
  } satisfies ApiErrorBody);
}

/**
 * Answers 405 before routing for a documented literal path asked with a method it does not take: the
 * router would otherwise hand `PATCH /api/members/invitations` to `PATCH /api/members/:id`.
 */
export function literalPathMethods(document: OpenAPIObject) {
  const literals = rowsOf(document).filter((row) => row.literal);
  return (request: Request, response: Response, next: NextFunction): void => {
    const row = literals.find((r) => r.regex.test(request.path));
    if (!row || request.method === 'OPTIONS' || row.methods.includes(request.method)) return next();
    sendMethodNotAllowed(response, row.methods);
  };
}
