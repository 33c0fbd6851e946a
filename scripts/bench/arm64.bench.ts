/**
 * `npm run bench`: the arm64 image's start under qemu-user emulation (scripts/provision/arm64.sh), as a
 * ratio to the amd64 image's, both measured here one after the other on the same engine: `docker run`
 * with the socket and a fresh volume, to Docker's health check saying `healthy` (the figure
 * appliance.bench.ts prints for amd64 as "docker run -> healthy").
 */
import { bootAppliance, notHealthy, removeCreated } from '../../test/support/appliance-boot';
import { docker } from './container-rss';

const AMD64 = process.env.APPLIANCE_IMAGE || 'tiers-lieux/appliance:dev';
const ARM64 = process.env.APPLIANCE_IMAGE_ARM64 || 'tiers-lieux/appliance:dev-arm64';
const RUN_ID = Date.now().toString(36);
const TIMEOUT_MS = 300_000;
const created: { kind: 'container' | 'volume'; id: string }[] = [];

async function healthyMs(image: string, arch: string): Promise<number> {
  const boot = await bootAppliance(image, `tl-bench-${arch}-${RUN_ID}`, `tl-bench-${arch}-data-${RUN_ID}`, {
    timeoutMs: TIMEOUT_MS,
    platform: `linux/${arch}`,
    onCreated: (kind, id) => created.push({ kind, id }),
  });
  if (boot.state !== 'running healthy') throw new Error(`${image}: ${await notHealthy(boot, TIMEOUT_MS)}`);
  // One at a time: the emulated start should not share the 2 cores with the native one.
  await docker(['rm', '--force', boot.name]);
  return boot.healthyMs;
}

async function main(): Promise<void> {
  const native = await healthyMs(AMD64, 'amd64');
  const emulated = await healthyMs(ARM64, 'arm64');
  console.log(`arm64 image ${ARM64} (qemu-user emulation on this amd64 machine)`);
  console.log(
    `  docker run -> healthy ${(emulated / 1000).toFixed(2)} s = ${(emulated / native).toFixed(2)}× the amd64 image's (${(native / 1000).toFixed(2)} s, ${AMD64})`,
  );
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() =>
    removeCreated(
      created.filter((c) => c.kind === 'container').map((c) => c.id),
      created.filter((c) => c.kind === 'volume').map((c) => c.id),
    ),
  );
