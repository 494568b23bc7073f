/** The simulator's modules form no import cycle (its server and routes once imported each other). */
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the simulator’s imports', () => {
  it('have no cycle, type-only imports included', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const result = await cruise(['test/sim'], {
        validate: true,
        ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] } as never,
        tsPreCompilationDeps: true,
        doNotFollow: { path: 'node_modules' },
      });
      const output = result.output as { summary: { violations: { from: string; cycle?: { name: string }[] }[]; totalCruised: number } };
      expect(output.summary.totalCruised).toBeGreaterThan(10);
      expect(output.summary.violations.map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' → '))).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });
});
