import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../src/shared/ipc';
import { buildStudioApi, forBridge, fromBridge } from '../../src/shared/studio-client';
import { StudioError } from '../../src/shared/errors';

const root = path.resolve(import.meta.dirname, '../..');
const driftFile = path.join(root, 'test/types/contract-drift.ts');

/** Type-checks the drift file, optionally with one source file replaced, and returns the errors. */
function typeErrors(replace?: { file: string; text: string }): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.node.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('tsconfig.node.json did not parse');
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (replace && path.resolve(file) === replace.file ? replace.text : read(file));
  const program = ts.createProgram([driftFile], { ...parsed.options, noEmit: true, composite: false, incremental: false }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('contract drift', () => {
  it('the real contract, preload, bridge and handlers agree', () => {
    expect(typeErrors()).toEqual([]);
  });

  it('fails to compile when a handler is missing for a new channel', () => {
    const dispatchFile = path.join(root, 'src/main/core/dispatch.ts');
    const text = readFileSync(dispatchFile, 'utf8').replace('[C in ChannelName]', "[C in Exclude<ChannelName, 'settings:set'>]");
    expect(typeErrors({ file: dispatchFile, text }).length).toBeGreaterThan(0);
  });

  it('fails to compile when the page API grows a function the contract lacks', () => {
    const ipcFile = path.join(root, 'src/shared/ipc.ts');
    const text = readFileSync(ipcFile, 'utf8').replace('} & {\n  on<', '} & { app: { shutdown(): Promise<void> } } & {\n  on<');
    expect(text).toContain('shutdown');
    expect(typeErrors({ file: ipcFile, text }).length).toBeGreaterThan(0);
  });

  it('the API built at run time has one function per channel', () => {
    const api = buildStudioApi({ send: async () => ({ ok: true, value: null }), subscribe: () => () => undefined }) as unknown as Record<string, Record<string, unknown>>;
    const built = Object.entries(api)
      .filter(([key]) => key !== 'on')
      .flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
    expect(built.sort()).toEqual([...channelNames].sort());
  });
});

describe('errors across the bridge', () => {
  const failing = buildStudioApi({ send: async () => ({ ok: false, error: { code: 'unavailable', message: 'Segmind is down. Try again later.' } }), subscribe: () => () => undefined });

  it('cross contextBridge as plain {code, message}, which survives a structured copy', async () => {
    const rejected = await forBridge(failing).settings.get().catch((e: unknown) => e);
    expect(rejected).not.toBeInstanceOf(Error);
    expect(structuredClone(rejected)).toEqual({ code: 'unavailable', message: 'Segmind is down. Try again later.' });
  });

  it('are StudioErrors with their code again on the page', async () => {
    const rejected = await fromBridge(forBridge(failing)).settings.get().catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(StudioError);
    expect(rejected).toMatchObject({ code: 'unavailable', message: 'Segmind is down. Try again later.' });
  });

  it('keep the input check before anything is sent', async () => {
    const rejected = await fromBridge(forBridge(failing)).settings.set({ layout: 5 } as never).catch((e: unknown) => e);
    expect(rejected).toMatchObject({ code: 'invalid-input' });
  });
});
