import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { buildOpenApi } from './app.factory';
import { loadConfig } from './config/app-config';

/**
 * Writes the OpenAPI document without starting anything: preview mode builds the module graph
 * (controllers and DTO metadata) but instantiates no provider, so no database or redis is touched.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node dist/openapi.js <output.json>');
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({ DATA_DIR: '/nonexistent' })), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  writeFileSync(out, `${JSON.stringify(buildOpenApi(app), null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
