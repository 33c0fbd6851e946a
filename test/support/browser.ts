import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { REPO_ROOT } from './server-process';

/** Debian's Chromium: tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian Chromium with nothing that phones home. Fails (never skips) when it is not installed. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's \`chromium\` package (apt-get install chromium) to run the e2e tests`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/** Where screenshots go: `TL_ARTIFACTS`, else `<repo>/test-artifacts`. */
export function artifactsDir(): string {
  const dir = process.env.TL_ARTIFACTS ?? join(REPO_ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves a full-page screenshot as `<artifacts>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(artifactsDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One browser-side problem: a console error, an uncaught exception or a failed request. */
export interface BrowserProblem {
  kind: 'console' | 'pageerror' | 'requestfailed';
  text: string;
  url: string;
}

/**
 * Chromium aborts in-flight requests with this when the host's network interfaces change, which the
 * engine does each time it starts a container (a veth on a bridge): the test machine's doing, not the
 * app's, so it is not counted as the page's problem.
 */
const HOST_NETWORK_CHANGED = 'net::ERR_NETWORK_CHANGED';

/** Records every console error, uncaught page error and failed request of `page` from now on. */
export function collectProblems(page: Page): BrowserProblem[] {
  const problems: BrowserProblem[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().includes(HOST_NETWORK_CHANGED))
      problems.push({ kind: 'console', text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'pageerror', text: error.stack ?? error.message, url: '' }));
  page.on('requestfailed', (req) => {
    const text = req.failure()?.errorText ?? 'failed';
    if (text !== HOST_NETWORK_CHANGED) problems.push({ kind: 'requestfailed', text, url: req.url() });
  });
  return problems;
}

/** A page of `browser` in a new context, the page's problems recorded from the start. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
  timeoutMs = 10_000,
): Promise<{ context: BrowserContext; page: Page; problems: BrowserProblem[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  return { context, page, problems: collectProblems(page) };
}

/** The size of a laptop screen. */
export const LAPTOP = { width: 1280, height: 900 };

/**
 * Several people's pages in one browser, each in its own context: a page's problems are kept, under
 * the person's name, when the page closes.
 */
export class PeoplesPages {
  readonly contexts: BrowserContext[] = [];
  readonly problems: { who: string; problem: BrowserProblem }[] = [];

  async open(browser: Browser, who: string, locale = 'fr-FR'): Promise<Page> {
    const { context, page, problems } = await openPage(browser, { locale, viewport: LAPTOP });
    this.contexts.push(context);
    page.on('close', () => this.problems.push(...problems.map((problem) => ({ who, problem }))));
    return page;
  }
}

/** Chromium with one page in a new context, the page's problems recorded from the start. */
export async function launchPage(
  options: BrowserContextOptions,
  timeoutMs = 15_000,
  chromiumArgs: string[] = [],
): Promise<{ browser: Browser; page: Page; problems: BrowserProblem[] }> {
  const browser = await launchChromium(chromiumArgs);
  try {
    const { page, problems } = await openPage(browser, options, timeoutMs);
    return { browser, page, problems };
  } catch (error) {
    await browser.close(); // the caller never got it, so cannot close it
    throw error;
  }
}

/** Closes `browser`; when the journey failed, keeps a screenshot of `page` first (best effort). */
export async function closeBrowser(
  browser: Browser | undefined,
  page: Page | undefined,
  finished: boolean,
  screenshotName: string,
): Promise<void> {
  if (!finished && page && !page.isClosed()) await screenshot(page, screenshotName).catch(() => undefined);
  await browser?.close();
}

/**
 * Steps of one browser journey, run in order, each on where the previous one left the page.
 * `finished()` says whether every step passed (the `after` hook keeps evidence when not).
 */
export function journey(it: (name: string, fn: () => Promise<void>) => unknown) {
  let planned = 0;
  let passed = 0;
  return {
    step(name: string, fn: () => Promise<void> | void): void {
      planned += 1;
      it(name, async () => {
        await fn();
        passed += 1;
      });
    },
    finished: () => planned > 0 && passed === planned,
  };
}
