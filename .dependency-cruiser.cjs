/**
 * The import rules of docs/architecture.md, checked by machine. `npm run layering` fails on any
 * break; test/unit/layering.test.ts plants a violation to prove it does.
 */
const shell = '^src/main/[^/]+\\.ts$';
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-shell',
      comment: "Only the Electron shell (src/main/*.ts) and the preload may import 'electron'.",
      severity: 'error',
      from: { path: '^src/', pathNot: [shell, '^src/preload/'] },
      to: { path: '^electron$|^node_modules/electron/' },
    },
    {
      name: 'electron-libraries-only-in-shell',
      comment: 'electron-store imports electron itself.',
      severity: 'error',
      from: { path: '^src/', pathNot: [shell] },
      to: { path: 'node_modules/electron-store/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared imports only src/shared and zod: it runs in every process and the page.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', 'node_modules/zod/'] },
    },
    {
      name: 'core-imports-shared-only',
      comment: 'The core is plain Node: it may use src/shared, never the shell, preload, renderer or harness.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: ['^src/main/[^/]+\\.ts$', '^src/preload/', '^src/renderer/', '^src/harness/'] },
    },
    {
      name: 'preload-imports-shared-only',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/preload/'] },
    },
    {
      name: 'renderer-imports-shared-and-itself',
      comment: 'The renderer is an untrusted page: no main, no preload, no Node.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/renderer/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/(renderer|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'harness-not-shell',
      comment: 'The harness runs the core without Electron.',
      severity: 'error',
      from: { path: '^src/harness/|^scripts/' },
      to: { path: [shell, '^src/preload/', '^electron$|^node_modules/electron/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and hides which module owns what; type-only imports count too.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-tests-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/|^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    exclude: { path: '^out/|\\.d\\.ts$' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
