import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

async function scan(tree: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, 'scripts/security-scan.mjs')], { env: { ...process.env, HY3D_SCAN_ROOT: tree } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

function treeWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-scan-'));
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the Electronegativity gate', () => {
  it('passes our real source tree', async () => {
    const result = await scan(root);
    expect(result.out).toMatch(/0 at medium or above, 0 unexplained suppressions/);
    expect(result.code).toBe(0);
  });

  it('fails a window that turns Node on in the page', async () => {
    const tree = treeWith({
      'src/main/window.ts': "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    });
    const result = await scan(tree);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL (HIGH|MEDIUM|CRITICAL) (NODE_INTEGRATION|CONTEXT_ISOLATION)/);
  });

  it('fails a silenced finding that gives no reason', async () => {
    const tree = treeWith({
      'src/main/open.ts': "import { shell } from 'electron';\nexport const open = (u: string) => shell.openExternal(u); // eng-disable OPEN_EXTERNAL_JS_CHECK\n",
    });
    const result = await scan(tree);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/silences OPEN_EXTERNAL_JS_CHECK without a reason/);
  });
});
