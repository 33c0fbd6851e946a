import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serveWeb } from '../../server/src/app.factory';
import { WebAssetsRepository } from '../../server/src/platform/web-assets.repository';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body is kept as sent (no client-side decompression). */
function raw(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function decoded(res: Raw): Buffer {
  switch (res.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(res.body);
    case 'gzip':
      return gunzipSync(res.body);
    case undefined:
      return res.body;
    default:
      throw new Error(`unexpected encoding ${res.headers['content-encoding']}`);
  }
}

@Module({})
class NoApiModule {}

describe('medium: the built web app is served precompressed, with long caching for hashed assets (real web/dist)', () => {
  const dist = WebAssetsRepository.find(__dirname);
  let app: NestExpressApplication;
  let base = '';
  let assets: string[] = [];

  before(async () => {
    assert.ok(dist, 'web/dist is not built: run `npm run build` first');
    app = await NestFactory.create<NestExpressApplication>(NoApiModule, { logger: false });
    app.setGlobalPrefix('api');
    serveWeb(app, dist);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')), index);
  });
  after(async () => {
    await app?.close();
  });

  it('answers index.html compressed by Accept-Encoding, revalidated on each load, for / and client routes', async () => {
    const original = readFileSync(join(dist!, 'index.html'));
    for (const path of ['/', '/setup', '/dashboard']) {
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        [undefined, undefined],
      ] as const) {
        const res = await raw(base + path, accept);
        assert.equal(res.status, 200, `${path} ${accept}`);
        assert.equal(res.headers['content-encoding'], encoding, `${path} ${accept}`);
        assert.match(res.headers['content-type'] ?? '', /^text\/html/);
        assert.match(res.headers.vary ?? '', /Accept-Encoding/i);
        assert.equal(res.headers['cache-control'], 'no-cache');
        assert.deepEqual(decoded(res), original, `${path} ${accept}`);
      }
    }
  });

  it('answers every hashed asset index.html references as brotli, gzip or as is, cached as immutable', async () => {
    for (const asset of assets) {
      const original = readFileSync(join(dist!, asset));
      const type = asset.endsWith('.js') ? /^text\/javascript|^application\/javascript/ : /^text\/css/;
      for (const [accept, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const res = await raw(base + asset, accept);
        assert.equal(res.status, 200, asset);
        assert.equal(res.headers['content-encoding'], encoding, `${asset} ${accept}`);
        assert.match(res.headers['content-type'] ?? '', type, asset);
        assert.match(res.headers.vary ?? '', /Accept-Encoding/i);
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.deepEqual(decoded(res), original, `${asset} ${accept}`);
        if (encoding) assert.ok(res.body.length < original.length, `${asset} is smaller ${encoding}`);
      }
    }
  });

  it('never serves a compressed copy by its own name, nor the app under /api', async () => {
    const copy = await raw(`${base}${assets[0]}.br`, 'br');
    assert.match(copy.headers['content-type'] ?? '', /^text\/html/, 'the app, not the raw copy');
    const api = await raw(`${base}/api/nothing`, 'br');
    assert.equal(api.status, 404);
    assert.match(api.headers['content-type'] ?? '', /json/);
  });
});
