import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../server/src/catalog/catalog';
import type { ServiceId } from '../../server/src/catalog/catalog.types';
import { TOOL_IMAGES } from '../../server/src/catalog/tools.catalog';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import { loadConfig, type AppConfig } from '../../server/src/config/app-config';
import { EngineInfoRepository } from '../../server/src/engine/engine-info.repository';
import { EngineRepository, dockerClient } from '../../server/src/engine/engine.repository';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import type { InstallationRepository } from '../../server/src/setup/installation.repository';
import { REPO_ROOT } from './server-process';

export interface TestImageTags {
  postgres: string;
  caddy: string;
  synapse: string;
  synapseNext: string;
  synapseBroken: string;
  element: string;
  hedgedoc: string;
  nextcloud: string;
  base: string;
  restic: string;
}

/** Tags built by scripts/test-images/build.sh (no registry). */
export function testImageTags(): TestImageTags {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'test-images', 'tags.json'), 'utf8')) as TestImageTags;
}

/** IMAGE_OVERRIDES pointing every catalog image at its local test image (real or named stand-in). */
export function testImageOverrides(replace: Partial<Record<ServiceId, string>> = {}): Record<string, string> {
  const tags = testImageTags();
  const local: Record<ServiceId, string> = {
    proxy: tags.caddy,
    postgres: tags.postgres,
    synapse: tags.synapse,
    element: tags.element,
    hedgedoc: tags.hedgedoc,
    nextcloud: tags.nextcloud,
    ...replace,
  };
  return {
    ...Object.fromEntries(Object.entries(local).map(([id, ref]) => [CATALOG[id as ServiceId].image, ref])),
    [TOOL_IMAGES.restic]: tags.restic,
  };
}

const testDocker = () => dockerClient({ socketPath: '/var/run/docker.sock' });

export function testEngine(): EngineRepository {
  return new EngineRepository(testDocker());
}

/**
 * A restic gateway of the test's own on the real engine and the test images, over the data directory
 * `dataDir` (a manager's, to read what its repository really holds), for the appliance `applianceId`.
 */
export function testRestic(
  dataDir: string,
  applianceId: string | null,
  env: Record<string, string> = {},
): { restic: ResticRepository; files: DataDirRepository; config: AppConfig } {
  const config = loadConfig({ DATA_DIR: dataDir, IMAGE_OVERRIDES: JSON.stringify(testImageOverrides()), ...env });
  const files = new DataDirRepository(dataDir);
  const installation = {
    get: () => Promise.resolve(applianceId === null ? null : { applianceId }),
  } as unknown as InstallationRepository;
  return { restic: new ResticRepository(config, testEngine(), files, installation), files, config };
}

/** Fails loudly when the engine or the images are missing: these tests never skip. */
export async function requireEngineAndImages(): Promise<void> {
  const docker = testDocker();
  const engine = new EngineRepository(docker);
  try {
    await new EngineInfoRepository(docker).ping();
  } catch (err) {
    throw new Error(`No Docker engine on /var/run/docker.sock: run scripts/provision/dockerd.sh (${String(err)})`);
  }
  for (const ref of Object.values(testImageOverrides())) {
    if (!(await engine.imageExists(ref))) {
      throw new Error(`Test image ${ref} is missing: run scripts/test-images/build.sh`);
    }
  }
}

/** Removes exactly what one appliance created (by its appliance-id label), nothing else. */
export async function cleanupAppliance(applianceId: string): Promise<void> {
  const engine = testEngine();
  for (const container of await engine.listManaged(applianceId)) await engine.remove(container.id);
  for (const id of await engine.listTools(applianceId, 'restic')) await engine.remove(id);
  const { networks, volumes } = await engine.listOwnedInfrastructure(applianceId);
  for (const volume of volumes) await engine.removeVolume(volume);
  for (const network of networks) await engine.removeNetwork(network);
}
