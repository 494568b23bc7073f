/**
 * axe-core inside a playwright-core page: WCAG 2 A and AA rules, and only what axe rates serious or
 * critical (what a screen-reader or keyboard user cannot get past), described so a failing test
 * says which element and why.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** Each offending element: its selector and axe's summary of what to fix. */
  where: string[];
}

/**
 * Runs axe on the page as it is now. The script goes in through the DevTools protocol, which the
 * page's CSP (no inline script) does not govern, so the page under test keeps its real policy.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // globalThis, not window: this file is also compiled with Node's types, which have no DOM.
    type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        where: v.nodes.slice(0, 8).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`),
      }));
  });
}
