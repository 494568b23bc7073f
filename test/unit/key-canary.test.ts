/**
 * The canary: a whole simulated job run with a unique key, then a search for that key everywhere
 * it must not be — every file under the data dir, every log line, every IPC reply and event,
 * every error message. The simulator must have received it, or the test proves nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createCore } from '../../src/main/core';
import { createDispatcher } from '../../src/main/core/dispatch';
import { createMemoryLog } from '../../src/main/core/log';
import { normaliseImage } from '../../src/main/core/images';
import { createProviderRegistry } from '../../src/main/core/providers/registry';
import { downloadResult } from '../../src/main/core/providers/download';
import { createConfBackend } from '../../src/main/core/settings/conf-backend';
import { MemoryVault } from '../../src/main/core/keys';
import type { ProviderContext } from '../../src/main/core/providers/types';
import type { KeyedProviderId } from '../../src/shared/keys';
import { encodeWire } from '../../src/shared/wire';
import { startSimulator } from '../sim/server';
import { model, pollToEnd } from './providers/helpers';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 20 } });
});
afterAll(async () => {
  await sim.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe.each([
  ['segmind', 'segmind/hunyuan-3d-2'],
  ['wavespeed', 'wavespeed/hunyuan3d/v2-mini'],
  ['vtrix', 'vtrix/tencent_hunyuan_3d'],
] as const)('the key canary on %s', (provider: KeyedProviderId, modelId) => {
  it('leaves the key in no file, log line, reply, event or error', async () => {
    sim.control.reset();
    const key = `canary-${randomBytes(12).toString('hex')}`;
    sim.control.configure({ keys: { [provider]: [key] }, durationMs: 20 });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-canary-'));
    const log = createMemoryLog();
    const core = createCore({
      dataDir,
      settings: createConfBackend(dataDir),
      log,
      env: { [`HY3D_ENDPOINT_${provider.toUpperCase()}`]: sim.url },
      vault: new MemoryVault(),
      app: { name: 'Hunyuan3D Studio', version: 'test', shell: 'harness', platform: 'test' },
    });
    const origin = 'app://studio';
    const dispatcher = createDispatcher(core.handlers, { trustedOrigin: origin, log });
    const seen: string[] = [];
    core.onEvent((event, payload) => seen.push(encodeWire({ event, payload })));
    const call = async (channel: string, input?: unknown) => {
      const reply = await dispatcher.dispatch(channel, input, { url: `${origin}/index.html`, isMainFrame: true });
      seen.push(encodeWire(reply));
      return reply;
    };

    // Through the contract, as the renderer does it.
    await call('keys:set', { provider, key });
    await call('keys:status');
    expect(await call('keys:test', { provider })).toMatchObject({ ok: true, value: { ok: true } });

    // A whole job: image step → upload → submit → poll → download → manifest in the job folder.
    const m = model(modelId);
    const adapter = createProviderRegistry()[provider];
    const vaultKey = await core.vault.get(provider);
    const ctx: ProviderContext = { baseUrl: core.endpoints()[provider], key: vaultKey?.key ?? '', log, now: Date.now };
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c86432' } }).jpeg().toBuffer();
    const image = await normaliseImage(new Uint8Array(photo));
    const prepared = await adapter.prepareInputs(ctx, m, { kind: 'image', image });
    const submitted = await adapter.submit(ctx, m, prepared, {});
    const result = await pollToEnd(adapter, ctx, submitted.ref);
    expect(result.state).toBe('completed');
    const jobDir = path.join(dataDir, 'library/jobs/canary-job');
    mkdirSync(path.join(jobDir, 'outputs'), { recursive: true });
    mkdirSync(path.join(jobDir, 'inputs'), { recursive: true });
    writeFileSync(path.join(jobDir, 'inputs/image.jpg'), image.bytes);
    if (result.state !== 'completed') throw new Error('job did not complete');
    const asset = result.assets[0];
    if (!asset) throw new Error('no asset');
    await downloadResult(provider, ctx, asset, path.join(jobDir, 'outputs', `model.${asset.format}`));
    writeFileSync(path.join(jobDir, 'job.json'), JSON.stringify({ provider, model: m.id, prepared, submitted, result: { ...result, assets: result.assets.map((a) => ('url' in a ? a : { format: a.format })) } }, null, 2));

    // Failures: a revoked key and a failed job, as errors a person would read.
    const errors: string[] = [];
    for (const fault of ['401', '500'] as const) {
      sim.control.fault(provider === 'vtrix' ? 'vtrix.create' : `${provider}.submit`, fault, 1);
      try {
        await adapter.submit(ctx, m, prepared, {});
      } catch (error) {
        const e = error as Error & { toStudioError?: () => { message: string } };
        errors.push(e.message, JSON.stringify(e), e.stack ?? '', e.toStudioError?.().message ?? '');
      }
    }
    expect(errors.length).toBe(8);
    await call('keys:set', { provider, key: `${key}-revoked` });
    await call('keys:test', { provider });

    // The simulator saw the key: without that, finding it nowhere would prove nothing.
    expect(JSON.stringify(sim.requests.map((r) => r.headers))).toContain(key);

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('job.json'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(key), `${path.relative(dataDir, file)} holds the key`).toBe(false);
      expect(bytes.includes(Buffer.from(key).toString('base64')), `${path.relative(dataDir, file)} holds the key in base64`).toBe(false);
    }
    for (const line of log.lines) expect(line).not.toContain(key);
    for (const text of seen) expect(text).not.toContain(key);
    for (const text of errors) expect(text).not.toContain(key);
  });
});
