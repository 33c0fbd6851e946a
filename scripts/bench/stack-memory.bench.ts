/**
 * `npm run bench`: the memory of the whole default stack on a "2 GB" machine. The manager (the
 * `npm start` way) runs with MEMORY_BUDGET_MB so the catalog sizes every service for the small profile
 * this machine would pick on a Raspberry Pi 2 GB, brings chat up (Caddy, Postgres, Synapse, Element on
 * the test images: real Synapse, Postgres and Caddy), then, idle, prints each container's RSS from the
 * operating system against its memory limit, and the sum against the budget.
 */
import { profileFor } from '../../server/src/catalog/machine-profile';
import { applianceEnv, setUpHealthy, startAppliance } from '../../test/support/appliance';
import type { ServerProcess } from '../../test/support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../../test/support/test-images';
import { containerRss, docker, mib } from './container-rss';

/** What a Raspberry Pi 4 "2 GB" reports once the kernel and firmware took their share (~1.8 GiB). */
const BUDGET_MB = 1848;
/** Idle is what is measured: Synapse's and Postgres's start-up work settles first. */
const IDLE_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Test images that stand in for a static web server (Element is static files behind nginx). */
const STAND_INS = new Set(['element']);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;

async function main(server: { value?: ServerProcess; applianceId?: string }): Promise<void> {
  await requireEngineAndImages();
  server.value = await startAppliance('bench-stack', await applianceEnv({ MEMORY_BUDGET_MB: String(BUDGET_MB) }));
  const { applianceId } = await setUpHealthy(server.value, 'chat');
  server.applianceId = applianceId;
  await sleep(IDLE_MS);
  const profile = profileFor({ totalMemoryBytes: BUDGET_MB * 1024 * 1024, arch: process.arch });
  console.log(`the chat stack, idle, on a ${BUDGET_MB} MiB budget (profile ${profile.tier}; PSS and RSS from /proc)`);
  let sum = 0;
  let limits = 0;
  for (const container of await testEngine().listManaged(applianceId)) {
    const { total, pssTotal, processes } = await containerRss(container.id);
    const limit = Number(await docker(['inspect', '--format', '{{.HostConfig.Memory}}', container.id]));
    const service = container.serviceId ?? container.id;
    sum += pssTotal;
    limits += limit;
    const biggest = processes
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((p) => `${p.label} ${mib(p.bytes)}`);
    console.log(
      `  ${service.padEnd(9)} ${mib(pssTotal).padStart(10)} = ${pct(pssTotal, limit).padStart(4)} of its limit ${mib(limit)}; RSS ${mib(total)} over ${processes.length} processes (${biggest.join(', ')})${STAND_INS.has(service) ? '; a stand-in for the real image' : ''}`,
    );
  }
  console.log(
    `  sum       ${mib(sum).padStart(10)} = ${pct(sum, limits)} of the limits (${mib(limits)}), ${pct(sum, BUDGET_MB * 1024 * 1024)} of the budget; reserved for the OS, dockerd and the manager: ${mib(profile.reservedBytes)} (the manager's RSS: above)`,
  );
}

const state: { value?: ServerProcess; applianceId?: string } = {};
main(state)
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await state.value?.dispose();
    if (state.applianceId) await cleanupAppliance(state.applianceId);
  });
