import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { allowedMethods, literalPathMethods } from './allowed-methods';

const op = { responses: {} };
const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/members/{id}': { patch: op, delete: op },
    '/api/members/invitations': { get: op, post: op },
  },
} as unknown as OpenAPIObject;

function ask(method: string, path: string): { status?: number; allow?: string; passed: boolean } {
  const seen: { status?: number; allow?: string; passed: boolean } = { passed: false };
  const response = {
    setHeader: (_: string, value: string) => (seen.allow = value),
    status: (code: number) => ((seen.status = code), response),
    json: () => response,
  } as unknown as Response;
  literalPathMethods(document)({ method, path } as Request, response, (() => (seen.passed = true)) as NextFunction);
  return seen;
}

describe('allowed methods', () => {
  it('reads a literal path before a template that would also match it', () => {
    assert.deepEqual(allowedMethods(document)('/api/members/invitations'), ['GET', 'POST', 'HEAD']);
    assert.deepEqual(allowedMethods(document)('/api/members/abc'), ['DELETE', 'PATCH']);
  });

  it('answers 405 before routing for a literal path asked with another method', () => {
    assert.deepEqual(ask('PATCH', '/api/members/invitations'), {
      status: 405,
      allow: 'GET, POST, HEAD',
      passed: false,
    });
    assert.equal(ask('GET', '/api/members/invitations').passed, true);
    assert.equal(ask('PATCH', '/api/members/abc').passed, true, 'templates are left to the router');
    assert.equal(ask('OPTIONS', '/api/members/invitations').passed, true);
  });
});
