import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };

/** Cruises a throwaway tree laid out like ours and returns the names of the rules it breaks. */
async function violationsIn(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hy3d-layering-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(['src'], {
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
    });
    const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
    return output.summary.violations.map((v) => v.rule.name);
  } finally {
    process.chdir(previous);
  }
}

describe('the layering check', () => {
  it('fails when the core imports electron', async () => {
    const broken = await violationsIn({
      'src/main/core/planted.ts': "import { app } from 'electron';\nexport const x = app;\n",
    });
    expect(broken).toContain('electron-only-in-shell');
  });

  it('fails when the renderer reaches into main or Node', async () => {
    const broken = await violationsIn({
      'src/main/core/secret.ts': 'export const s = 1;\n',
      'src/renderer/planted.ts': "import { s } from '../main/core/secret';\nimport fs from 'node:fs';\nexport const x = [s, fs];\n",
    });
    expect(broken).toEqual(expect.arrayContaining(['renderer-imports-shared-and-itself', 'renderer-no-node']));
  });

  it('fails when shared imports anything of ours outside shared', async () => {
    const broken = await violationsIn({
      'src/main/core/thing.ts': 'export const t = 1;\n',
      'src/shared/planted.ts': "import { t } from '../main/core/thing';\nexport const x = t;\n",
    });
    expect(broken).toContain('shared-is-pure');
  });

  it('fails on an import cycle', async () => {
    const broken = await violationsIn({
      'src/main/core/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/main/core/b.ts': "import { c } from './c';\nexport const b = c;\n",
      'src/main/core/c.ts': "import { a } from './a';\nexport const c = typeof a;\n",
    });
    expect(broken).toContain('no-circular');
  });

  it('fails on a cycle made only of type imports (providers/common ↔ types was one)', async () => {
    const broken = await violationsIn({
      'src/main/core/t1.ts': "import type { T2 } from './t2';\nexport type T1 = { t2?: T2 };\n",
      'src/main/core/t2.ts': "import type { T1 } from './t1';\nexport type T2 = { t1?: T1 };\n",
    });
    expect(broken).toContain('no-circular');
  });

  it('passes a tree that keeps the rules', async () => {
    const broken = await violationsIn({
      'src/shared/a.ts': 'export const a = 1;\n',
      'src/main/core/b.ts': "import { a } from '../../shared/a';\nexport const b = a;\n",
      'src/renderer/c.ts': "import { a } from '../shared/a';\nexport const c = a;\n",
    });
    expect(broken).toEqual([]);
  });

  it('holds for the real source tree', async () => {
    const result = await cruise(['src', 'scripts'], {
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      ...(config.options as object),
    });
    const output = result.output as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
    expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
