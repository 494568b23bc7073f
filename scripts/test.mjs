/**
 * `npm test`: every check, in the order a failure is cheapest to find.
 * typecheck → lint → layering → build → security scan → vitest (unit, renderer, e2e, electron).
 * Ends with one line "tests: N passed, N failed, N skipped" for CI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const node = process.execPath;

const steps = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.node.json']],
  ['typecheck (renderer, no Node types)', bin('tsc'), ['-p', 'tsconfig.web.json']],
  ['typecheck (page tests)', bin('tsc'), ['-p', 'tsconfig.test-web.json']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['layering', bin('depcruise'), ['src', 'scripts', '--config', '.dependency-cruiser.cjs']],
  ['build', bin('electron-vite'), ['build']],
  ['security scan', node, ['scripts/security-scan.mjs']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal}).`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

console.log('\n▶ tests');
mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results/vitest.json');
const vitest = spawnSync(
  node,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = vitest.status === 0 ? 0 : 1;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = Math.max(json.numFailedTests ?? 0, vitest.status === 0 ? 0 : 1);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status === 0 ? 0 : 1);
