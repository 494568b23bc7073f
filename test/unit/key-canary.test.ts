/**
 * The canary: real jobs through the engine for Segmind, WaveSpeed and Vtrix, each with a unique key
 * — completed, failed by a provider that quotes the key back, and refused with a 401 — then a
 * search for every key, and its disguises, everywhere it must not be: every file the engine wrote
 * under the data dir (job.json, the library database, outputs, inputs, settings), every log line,
 * every reply and event the page received, every error message. The simulator must have received
 * each key, or finding it nowhere would prove nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../src/main/core/keys';
import { createMemoryLog, secretPatternsFor } from '../../src/main/core/log';
import { createConfBackend } from '../../src/main/core/settings/conf-backend';
import type { JobSummary } from '../../src/shared/jobs';
import type { KeyedProviderId } from '../../src/shared/keys';
import { encodeWire } from '../../src/shared/wire';
import { startSimulator } from '../sim/server';
import { createEngineCore, picture } from '../support/engine-core';
import { createStudioForCore } from '../support/studio-for-tests';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 20 } });
});
afterAll(() => sim.close());

const models: Record<KeyedProviderId, string> = {
  segmind: 'segmind/hunyuan-3d-2',
  wavespeed: 'wavespeed/hunyuan3d/v2-mini',
  vtrix: 'vtrix/tencent_hunyuan_3d',
};
const providers = Object.keys(models) as KeyedProviderId[];
/** Where a 401 is planted: the paid submit of each provider. */
const submitRoute: Record<KeyedProviderId, string> = { segmind: 'segmind.submit', wavespeed: 'wavespeed.submit', vtrix: 'vtrix.create' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Where `key` shows in `text`, as written or disguised (case, %-encoding, entities, zero-width, base64, a long piece); null when nowhere. */
function findKey(text: string, key: string): string | null {
  if (text.includes(key)) return 'as written';
  if (text.includes(Buffer.from(key).toString('hex'))) return 'in hex';
  for (const pattern of secretPatternsFor(key)) {
    pattern.lastIndex = 0;
    const hit = pattern.exec(text);
    if (hit) return `disguised as ${JSON.stringify(hit[0].slice(0, 80))}`;
  }
  return null;
}

describe('the key canary', () => {
  it('real jobs on every keyed provider leave no key in any file, log line, reply, event or error', { timeout: 90_000 }, async () => {
    const keys = Object.fromEntries(providers.map((p) => [p, `canary-${p}-${randomBytes(12).toString('hex')}`])) as Record<KeyedProviderId, string>;
    // The simulator accepts only these keys, so every job that completes proves its key was sent.
    sim.control.reset();
    sim.control.configure({ keys: Object.fromEntries(providers.map((p) => [p, [keys[p]]])), durationMs: 20 });
    const origin = new URL(sim.url).origin;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-canary-'));
    const log = createMemoryLog();
    const { core, waitFor } = createEngineCore(sim.url, {
      dataDir,
      log,
      settings: createConfBackend(dataDir),
      vault: new MemoryVault(Object.fromEntries(providers.map((p) => [p, { key: keys[p], origin }]))),
    });
    // The page's view: every reply through the validating dispatcher, every event as it is sent.
    const { studio, replies } = createStudioForCore(core, log);
    const events: string[] = [];
    core.onEvent((event, payload) => events.push(encodeWire({ event, payload })));
    const errors: string[] = [];
    const noteError = (error: unknown) => {
      const e = error as Error & { code?: string };
      errors.push(e.message, JSON.stringify(e), e.stack ?? '');
    };

    const submit = async (provider: KeyedProviderId, seed: number) =>
      studio.jobs.submit({ modelId: models[provider], params: {}, inputs: { kind: 'image', image: { name: `photo-${seed}.jpg`, bytes: await picture(seed) } } });
    const runAll = async (seed: number): Promise<Record<KeyedProviderId, JobSummary>> => {
      const ended = await Promise.all(providers.map(async (p, i) => waitFor((await submit(p, seed + i)).id)));
      return Object.fromEntries(providers.map((p, i) => [p, ended[i]!])) as Record<KeyedProviderId, JobSummary>;
    };

    try {
      // Through the contract, as the renderer does it: the key saved again, its status, a key test.
      for (const p of providers) expect(await studio.keys.set({ provider: p, key: keys[p] }), `${p} key saved`).toMatchObject({ [p]: { set: true } });
      expect(await studio.keys.status()).toBeDefined();
      for (const p of providers) expect(await studio.keys.test({ provider: p }), `${p} key test`).toMatchObject({ ok: true });

      // Whole jobs: image step → upload → submit → poll → download → job folder and library row.
      const completed = await runAll(10);
      for (const p of providers) {
        expect(completed[p], `${p} job`).toMatchObject({ state: 'completed' });
        const model = await studio.jobs.model({ id: completed[p].id });
        expect(model.files.length).toBeGreaterThan(0);
        await studio.jobs.thumbnail({ id: completed[p].id }).catch(noteError);
      }

      // A provider that quotes the request back, key included, in its failure text.
      sim.control.configure({ failJobs: true, echoKeyInFailure: true });
      const failed = await runAll(20);
      sim.control.configure({ failJobs: false, echoKeyInFailure: false });
      for (const p of providers) {
        expect(failed[p], `${p} failed job`).toMatchObject({ state: 'failed' });
        errors.push(failed[p].message ?? '');
        await studio.jobs.model({ id: failed[p].id }).catch(noteError);
      }
      // The echo happened: the simulator's own record of the job holds the key, so redaction had work to do.
      expect([...sim.control.state.jobs.values()].some((j) => j.failMessage.includes(keys.segmind))).toBe(true);

      // A key refused at submit (401).
      for (const p of providers) sim.control.fault(submitRoute[p], '401', 1);
      const refused = await runAll(30);
      for (const p of providers) {
        expect(refused[p], `${p} refused job`).toMatchObject({ state: 'failed', remedy: 'open-settings' });
        errors.push(refused[p].message ?? '');
      }

      // A revoked key saved and tested through the contract (it contains the real key).
      for (const p of providers) {
        await studio.keys.set({ provider: p, key: `${keys[p]}-revoked` }).catch(noteError);
        const test = await studio.keys.test({ provider: p }).catch(noteError);
        errors.push(JSON.stringify(test ?? null));
      }
      await studio.jobs.list();
    } finally {
      // Closed first, so the database's write-ahead log is folded into the file that is searched.
      await core.close();
    }

    // Each simulator saw its key: without that, finding it nowhere would prove nothing.
    const sent = JSON.stringify(sim.requests.map((r) => r.headers));
    for (const p of providers) expect(sent, `${p} key reached the simulator`).toContain(keys[p]);

    const files = filesUnder(dataDir);
    const rel = (f: string) => path.relative(dataDir, f);
    // The search covers what the engine wrote: manifests, the library database, inputs and outputs.
    expect(files.filter((f) => f.endsWith('job.json'))).toHaveLength(9);
    expect(files.some((f) => f.includes(`${path.sep}inputs${path.sep}`))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}outputs${path.sep}`))).toBe(true);
    expect(files.some((f) => /\.(db|sqlite)3?$/.test(f))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(9);
    const texts = [
      ...files.flatMap((f) => {
        const bytes = readFileSync(f);
        return [{ where: `${rel(f)} (bytes)`, text: bytes.toString('latin1') }, { where: `${rel(f)} (UTF-16)`, text: bytes.toString('utf16le') }];
      }),
      ...log.lines.map((text, i) => ({ where: `log line ${i}`, text })),
      ...replies.map((reply, i) => ({ where: `reply ${i}`, text: encodeWire(reply) })),
      ...events.map((text, i) => ({ where: `event ${i}`, text })),
      ...errors.map((text, i) => ({ where: `error ${i}`, text })),
    ];
    const leaks = texts.flatMap(({ where, text }) => providers.flatMap((p) => {
      const how = findKey(text, keys[p]);
      return how ? [`${where} holds the ${p} key ${how}`] : [];
    }));
    expect(leaks).toEqual([]);
  });
});
