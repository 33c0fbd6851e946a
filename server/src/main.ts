import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, runsFeatures } from './config/app-config';
import { DataDirRepository } from './platform/data-dir.repository';
import { WebAssetsRepository } from './platform/web-assets.repository';
import { ReconcilerService } from './services/reconciler.service';

async function main(): Promise<void> {
  // Everything the manager writes (SQLite and its journals, secrets, redis files) is for its user alone.
  process.umask(0o077);
  const config = loadConfig(process.env, { webDir: WebAssetsRepository.find(__dirname) });
  const running = await createApp(config);
  await running.app.listen(config.port, config.host);
  new Logger('Main').log(`Listening on ${config.host}:${config.port} (${config.mode} mode, data in ${config.dataDir})`);
  // The recovery CLI (`appliance reconcile`) signals this process through its pid file.
  const files = running.app.get(DataDirRepository);
  files.writeManagerPid(process.pid);
  if (runsFeatures(config.mode)) {
    const reconciler = running.app.get(ReconcilerService, { strict: false });
    process.on('SIGHUP', () => reconciler.request('requested from the command line'));
  } else {
    process.on('SIGHUP', () => new Logger('Main').warn(`SIGHUP ignored: ${config.mode} mode runs no features`));
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    new Logger('Main').log(`${signal} received, shutting down`);
    running.close().then(
      () => {
        files.removeManagerPid();
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
