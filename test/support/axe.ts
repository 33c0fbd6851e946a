import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './server-process';

const AXE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core on the page as it is now and fails on any critical or serious violation, listing
 * each rule with the elements it found and why. axe is evaluated through the DevTools protocol rather
 * than added as a <script>: the app's Content-Security-Policy (script-src 'self') rightly refuses
 * inline scripts, and the test must not relax it.
 */
export async function audit(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(`${readFileSync(AXE, 'utf8')}\n;undefined`);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  if (blocking.length === 0) return;
  const list = blocking
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`axe found ${blocking.length} critical or serious violation(s) on ${name}:\n${list}`);
}
