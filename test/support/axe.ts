import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

let source: string | undefined;

/** One rule axe-core found broken, with the elements concerned (their CSS selectors) and why. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  summaries: string[];
}

/**
 * Runs axe-core (the npm package, from node_modules: nothing is downloaded) on the page as it stands
 * and returns what is broken, empty when nothing is; `tags` narrows the rules (e.g. WCAG 2 A and AA).
 * Evaluated through the debugging protocol rather than a script tag: the manager's
 * Content-Security-Policy (script-src 'self') rightly refuses inline scripts, and tests must not relax it.
 */
export async function axeViolations(page: Page, tags?: string[]): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${source}\n;undefined`);
  return page.evaluate(async (only) => {
    interface AxeResults {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; failureSummary?: string }>;
      }>;
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, only ? { runOnly: { type: 'tag', values: only } } : {});
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      summaries: v.nodes.map((n) => n.failureSummary ?? ''),
    }));
  }, tags);
}

/** Fails on any critical or serious violation on the page as it is now, listing each rule and element. */
export async function audit(page: Page, name: string): Promise<void> {
  const blocking = (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
  if (blocking.length === 0) return;
  const list = blocking
    .map((v) => {
      const nodes = v.targets.map((t, i) => `    ${t}\n      ${v.summaries[i].replace(/\n/g, '\n      ')}`).join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`axe found ${blocking.length} critical or serious violation(s) on ${name}:\n${list}`);
}
