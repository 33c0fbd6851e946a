import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { buildOpenApi } from './app.factory';
import { loadConfig, type Mode } from './config/app-config';

async function documentOf(mode: Mode): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({ DATA_DIR: '/nonexistent', MODE: mode })), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  return buildOpenApi(app);
}

/** One contract for the one web app: the appliance's routes, plus those only an upstream serves (fleet/). */
function withUpstreamRoutes(appliance: OpenAPIObject, upstream: OpenAPIObject): OpenAPIObject {
  // Only what the appliance's document lacks is added, after what it has: its own order stays.
  const added = <T extends object>(mine: T | undefined, theirs: T | undefined): T =>
    ({
      ...mine,
      ...Object.fromEntries(Object.entries(theirs ?? {}).filter(([key]) => !(key in (mine ?? {})))),
    }) as T;
  for (const [path, item] of Object.entries(upstream.paths)) {
    appliance.paths[path] = added(appliance.paths[path], item);
  }
  appliance.components = {
    ...appliance.components,
    schemas: added(appliance.components?.schemas, upstream.components?.schemas),
  };
  const tags = new Set((appliance.tags ?? []).map((t) => t.name));
  appliance.tags = [...(appliance.tags ?? []), ...(upstream.tags ?? []).filter((t) => !tags.has(t.name))];
  return appliance;
}

/**
 * Writes the OpenAPI document without starting anything: preview mode builds the module graph
 * (controllers and DTO metadata) but instantiates no provider, so no database or redis is touched.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node dist/openapi.js <output.json>');
  const document = withUpstreamRoutes(await documentOf('appliance'), await documentOf('upstream'));
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
