import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DynamicModule, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { MODE_MODULES, type ModuleEntry } from '../app.modules';
import { IS_PUBLIC } from '../common/public.decorator';
import { MEMBERS_TOO } from './members-too.decorator';

/** Every controller the modules of every mode declare, imports followed. */
function controllersOf(entries: readonly ModuleEntry[], seen = new Set<unknown>()): Set<Type> {
  const found = new Set<Type>();
  for (const entry of entries) {
    if (!entry || seen.has(entry)) continue;
    seen.add(entry);
    const dynamic = (entry as DynamicModule).module ? (entry as DynamicModule) : undefined;
    const cls = (dynamic?.module ?? entry) as Type;
    const controllers = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, cls) as Type[] | undefined) ?? []),
      ...(dynamic?.controllers ?? []),
    ];
    controllers.forEach((c) => found.add(c));
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) as ModuleEntry[] | undefined) ?? []),
      ...((dynamic?.imports as ModuleEntry[] | undefined) ?? []),
    ];
    controllersOf(imports, seen).forEach((c) => found.add(c));
  }
  return found;
}

function routes(controller: Type): Array<{ route: string; handler: object }> {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const handler = proto[name];
    if (typeof handler !== 'function' || name === 'constructor') return [];
    const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (path === undefined || method === undefined) return [];
    const full = ['', base, path].join('/').replace(/\/+/g, '/').replace(/\/$/, '');
    return [{ route: `${RequestMethod[method]} ${full}`, handler }];
  });
}

describe('which routes a member reaches', () => {
  it('only their own account and signing out, in every mode: every other session route is for admins', () => {
    const all = new Set(Object.values(MODE_MODULES).flatMap((mods) => [...controllersOf(mods)]));
    const membersToo: string[] = [];
    let sessionRoutes = 0;
    for (const controller of all) {
      for (const { route, handler } of routes(controller)) {
        const flag = (key: string) =>
          Reflect.getMetadata(key, handler) === true || Reflect.getMetadata(key, controller) === true;
        if (flag(IS_PUBLIC)) continue;
        sessionRoutes++;
        if (flag(MEMBERS_TOO)) membersToo.push(route);
      }
    }
    assert.ok(sessionRoutes >= 30, `only ${sessionRoutes} session routes found: the walk missed controllers`);
    // A member's own account and picture, the others' pictures (the portal and chat show them), signing out.
    assert.deepEqual(membersToo.sort(), [
      'DELETE /me/avatar',
      'GET /auth/me',
      'GET /me',
      'GET /me/avatar',
      'GET /members/:id/avatar',
      'PATCH /me',
      'POST /auth/logout',
      'PUT /me/avatar',
    ]);
  });
});
