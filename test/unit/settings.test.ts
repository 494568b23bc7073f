import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/shared/settings';
import { SettingsStore, createMemoryBackend } from '../../src/main/core/settings/store';
import { createConfBackend } from '../../src/main/core/settings/conf-backend';
import { resolveEndpoints } from '../../src/main/core/endpoints';
import { createTestCore } from '../support/core';

describe('settings', () => {
  it('starts from defaults and keeps what is set', () => {
    const store = new SettingsStore(createMemoryBackend());
    expect(store.get()).toEqual(defaultSettings);
    store.set({ lastModelId: 'wavespeed/hunyuan3d/v2-mini' });
    expect(store.get().lastModelId).toBe('wavespeed/hunyuan3d/v2-mini');
  });

  it('repairs a damaged file field by field instead of failing', () => {
    const store = new SettingsStore(createMemoryBackend({ layout: { leftWidth: 'huge' }, lastModelId: 'segmind/hunyuan-3d-2', endpoints: 42 }));
    expect(store.get()).toEqual({ ...defaultSettings, lastModelId: 'segmind/hunyuan-3d-2' });
    expect(new SettingsStore(createMemoryBackend('not an object')).get()).toEqual(defaultSettings);
  });

  it('persists to settings.json in the data dir and survives a corrupt file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-settings-'));
    new SettingsStore(createConfBackend(dir)).set({ lastModelId: 'vtrix/tencent_hunyuan_3d' });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).lastModelId).toBe('vtrix/tencent_hunyuan_3d');
    expect(new SettingsStore(createConfBackend(dir)).get().lastModelId).toBe('vtrix/tencent_hunyuan_3d');
    writeFileSync(path.join(dir, 'settings.json'), '{ this is not json');
    expect(new SettingsStore(createConfBackend(dir)).get()).toEqual(defaultSettings);
    const kept = readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dir, kept[0] ?? ''), 'utf8')).toBe('{ this is not json');
  });

  it('announces changes to the renderer', async () => {
    const { core } = createTestCore();
    const seen: unknown[] = [];
    core.onEvent((event, payload) => seen.push([event, payload]));
    await core.handlers['settings:set']({ lastModelId: 'x' });
    expect(seen).toEqual([['settings:changed', expect.objectContaining({ lastModelId: 'x' })]]);
  });
});

describe('provider endpoints', () => {
  it('prefers HY3D_ENDPOINT_<PROVIDER>, then the setting, then the public address', () => {
    const endpoints = resolveEndpoints(
      { HY3D_ENDPOINT_SEGMIND: 'http://127.0.0.1:9999/', HY3D_ENDPOINT_VTRIX: '  ' },
      { endpoints: { segmind: 'https://proxy.example', vtrix: 'https://vtrix-proxy.example/' } },
    );
    expect(endpoints.segmind).toBe('http://127.0.0.1:9999');
    expect(endpoints.vtrix).toBe('https://vtrix-proxy.example');
    expect(endpoints.wavespeed).toBe('https://api.wavespeed.ai');
  });

  it('ignores an HY3D_ENDPOINT_<PROVIDER> that is not an http(s) URL, with a warning that names the variable', () => {
    const warnings: string[] = [];
    const endpoints = resolveEndpoints(
      { HY3D_ENDPOINT_SEGMIND: '127.0.0.1:9999', HY3D_ENDPOINT_VTRIX: 'ftp://files.example', HY3D_ENDPOINT_LOCAL: 'http://127.0.0.1:8081/' },
      { endpoints: { segmind: 'https://proxy.example' } },
      (m) => warnings.push(m),
    );
    expect(endpoints.segmind).toBe('https://proxy.example');
    expect(endpoints.vtrix).toBe('https://cloud.vtrix.ai');
    expect(endpoints.local).toBe('http://127.0.0.1:8081');
    expect(warnings).toEqual([
      'HY3D_ENDPOINT_SEGMIND is ignored: The address for Segmind is not a web address. Write it like https://api.example.com.',
      'HY3D_ENDPOINT_VTRIX is ignored: The address for Vtrix must start with https://.',
    ]);
  });
});
