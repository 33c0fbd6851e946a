/**
 * `npm run bench` (web part): the wizard's time to usable on a throttled phone profile (slow 4G and a
 * 4× slower CPU, through the DevTools protocol of Debian's Chromium), as a ratio to a blank page loaded
 * the same way in the same run. "Usable": the first step's heading is shown and « Suivant » enabled.
 * Each load is cold (a new browser context: no cache); the median of 5 loads is kept.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/browser';
import { ServerProcess, tempDataDir } from '../../test/support/server-process';

const RUNS = 5;
// Lighthouse's "slow 4G" as DevTools applies it: 150 ms RTT × 3.75, 1.6 Mb/s down and 750 kb/s up × 0.9.
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

const BLANK = '<!doctype html><html lang="fr"><title>blank</title><p id="ready">prêt</p></html>';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A throttled, cache-less page in a fresh context. */
async function throttledPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page;
}

/** Milliseconds from navigation to `ready` resolving, on a throttled page. */
async function timeToUsable(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const page = await throttledPage(browser);
  try {
    const start = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await ready(page);
    return performance.now() - start;
  } finally {
    await page.context().close();
  }
}

function serveBlank(): Promise<Server> {
  const server = createServer((_, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(BLANK),
  );
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  const manager = new ServerProcess(tempDataDir('bench-web-load'));
  await manager.start();
  const blank = await serveBlank();
  const browser = await launchChromium();
  try {
    const blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
    const blankTimes: number[] = [];
    const wizardTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      blankTimes.push(await timeToUsable(browser, blankUrl, (p) => p.locator('#ready').waitFor({ timeout: 120_000 })));
      wizardTimes.push(
        await timeToUsable(browser, `${manager.url}/`, async (p) => {
          await p.getByTestId('wizard-step-language').locator('h2').waitFor({ timeout: 120_000 });
          await p.waitForFunction(
            () => !document.querySelector<HTMLButtonElement>('[data-testid="wizard-next"]')?.disabled,
          );
        }),
      );
    }
    const b = median(blankTimes);
    const w = median(wizardTimes);
    console.log(`Web app on a throttled phone (slow 4G, ${CPU_SLOWDOWN}× CPU; baseline: a blank page the same way)`);
    console.log(`  blank page            median ${b.toFixed(0)} ms of ${RUNS}`);
    console.log(`  wizard, usable        median ${w.toFixed(0)} ms of ${RUNS} = ${(w / b).toFixed(1)}× the blank page`);
  } finally {
    await browser.close();
    blank.close();
    await manager.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
