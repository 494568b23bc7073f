/**
 * The Jobs panel in Chromium (SwiftShader WebGL) through the harness, as an artist sees it: a
 * picture dropped, Generate, the job's item moving Queued → Running → Completed, and its model in
 * the 3D preview. The job engine is written elsewhere, so the jobs channels are answered by a fake
 * placed in front of the harness bridge (every other channel reaches the harness's real core).
 */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sphereGlb } from '../fixtures/glb';
import { studioSession } from '../support/studio-session';

const s = studioSession({ webgl: true });

/**
 * Runs before the bridge: when the bridge hands `window.studio` over, its `jobs` domain and the
 * `jobs:changed` event are swapped for a scripted fake the test drives through `window.__fakeJobs`.
 * Plain JavaScript, because it is served as part of bridge.js.
 */
const fakeJobsScript = String.raw`(() => {
  const realDefine = Object.defineProperty;
  const jobs = new Map(), models = new Map(), thumbs = new Map(), listeners = new Set(), submits = [];
  const emit = (job) => { for (const l of listeners) l(structuredClone(job)); };
  const summary = (patch) => ({ id: crypto.randomUUID(), modelId: 'segmind/hunyuan-3d-2', modelLabel: 'Hunyuan3D 2.0', provider: 'segmind',
    state: 'queued', createdAt: Date.now(), updatedAt: Date.now(), finishedAt: null, progress: null, progressEstimated: false, etaMs: null,
    message: null, remedy: 'none', canCancel: true, canRetry: false, retryMayPayTwice: false, outputs: [], costUsd: null, notes: [], ...patch });
  const put = (job) => { jobs.set(job.id, job); emit(job); return job; };
  const missing = (message) => Promise.reject({ code: 'not-found', message });
  window.__fakeJobs = {
    submits,
    add: (patch) => put(summary(patch)).id,
    change: (id, patch) => { put({ ...jobs.get(id), ...patch, updatedAt: Date.now() }); },
    setModel: (id, name, bytes) => { models.set(id, { primary: name, files: [{ name, bytes: new Uint8Array(bytes) }] }); },
    setThumbnail: (id, bytes) => { thumbs.set(id, { mime: 'image/png', bytes: new Uint8Array(bytes) }); },
    ids: () => [...jobs.keys()],
  };
  const fakeJobs = {
    submit: async (input) => {
      submits.push(input);
      const job = summary({ modelId: input.modelId, notes: ['Converted to PNG.'] });
      if (input.inputs.kind === 'image') thumbs.set(job.id, { mime: 'image/png', bytes: input.inputs.image.bytes });
      jobs.set(job.id, job);
      return job;
    },
    list: async () => [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt),
    get: async ({ id }) => jobs.get(id) ?? missing('No such job.'),
    cancel: async ({ id }) => ({ job: put({ ...jobs.get(id), state: 'cancelled', canCancel: false, updatedAt: Date.now() }), providerTold: false, message: 'Cancelled.' }),
    retry: async ({ id }) => put({ ...jobs.get(id), state: 'queued', canRetry: false, canCancel: true, retryMayPayTwice: false, message: null, remedy: 'none', updatedAt: Date.now() }),
    model: async ({ id }) => models.get(id) ?? missing('This job has no model to open.'),
    thumbnail: async ({ id }) => thumbs.get(id) ?? null,
  };
  Object.defineProperty = function (target, key, descriptor) {
    if (target === window && key === 'studio') {
      Object.defineProperty = realDefine;
      const real = descriptor.value;
      const on = (event, listener) => (event === 'jobs:changed' ? (listeners.add(listener), () => listeners.delete(listener)) : real.on(event, listener));
      descriptor = { ...descriptor, value: Object.freeze({ ...real, jobs: fakeJobs, on }) };
    }
    return realDefine(target, key, descriptor);
  };
})();
`;

interface FakeJobs {
  submits: { modelId: string; inputs: { kind: string } }[];
  add(patch: object): string;
  change(id: string, patch: object): void;
  setModel(id: string, name: string, bytes: number[]): void;
  setThumbnail(id: string, bytes: number[]): void;
  ids(): string[];
}
declare const window: { __fakeJobs: FakeJobs };

describe('the Jobs panel in the browser', () => {
  it('follows a job from Generate to its model in the 3D preview', async () => {
    const { page } = s;
    await page.route('**/__harness/bridge.js', async (route) => {
      const real = await route.fetch();
      await route.fulfill({ response: real, body: fakeJobsScript + (await real.text()) });
    });
    await page.goto(s.harness.url);
    const model = page.getByRole('combobox', { name: 'Model' });
    await model.selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });
    const picture = await sharp({ create: { width: 320, height: 320, channels: 3, background: '#b0743a' } })
      .composite([{ input: Buffer.from('<svg width="320" height="320"><rect x="90" y="60" width="140" height="200" rx="18" fill="#e9d6b8"/></svg>') }])
      .png()
      .toBuffer();
    await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'armchair.png', mimeType: 'image/png', buffer: picture });
    await page.getByRole('img', { name: 'Image: armchair.png' }).waitFor();

    const generate = page.getByRole('button', { name: 'Generate' });
    await generate.click();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const item = jobs.getByRole('listitem').first();
    await item.getByText('Queued').waitFor();
    expect(await page.evaluate(() => window.__fakeJobs.submits.map((x) => [x.modelId, x.inputs.kind]))).toEqual([['segmind/hunyuan-3d-2', 'image']]);
    const [id = ''] = await page.evaluate(() => window.__fakeJobs.ids());
    await expect.poll(() => item.getByRole('img').getAttribute('src')).toMatch(/^blob:/);

    await page.evaluate((id) => window.__fakeJobs.change(id, { state: 'running', progress: 0.42, etaMs: 41_000 }), id);
    await item.getByText('Running').waitFor();
    expect(await item.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
    await item.getByText('42 % · about 40 s left').waitFor();

    // A few older jobs, for the look of a used library.
    const thumb = [...picture];
    await page.evaluate((thumb) => {
      const f = window.__fakeJobs;
      const ago = (s: number) => Date.now() - s * 1000;
      f.setThumbnail(f.add({ state: 'running', createdAt: ago(30), modelId: 'wavespeed/hunyuan3d/v2-mini', modelLabel: 'Hunyuan3D 2 mini', provider: 'wavespeed', progress: 0.81, progressEstimated: true, etaMs: 9000 }), thumb);
      f.add({ state: 'queued', createdAt: ago(20), modelId: 'wavespeed/hunyuan3d/v2.1', modelLabel: 'Hunyuan3D 2.1', provider: 'wavespeed', message: 'Waiting for a free slot: WaveSpeed runs 2 jobs at once on this account.' });
      f.add({ state: 'failed', createdAt: ago(600), canCancel: false, remedy: 'open-settings', message: 'Segmind refused the key. Open Settings and paste a current Segmind API key.' });
      f.add({ state: 'unknown-submission', createdAt: ago(900), canCancel: false, canRetry: true, retryMayPayTwice: true, message: 'The app closed while sending this job, so it may or may not have started at Segmind.' });
      f.setThumbnail(f.add({ state: 'completed', createdAt: ago(1800), canCancel: false, progress: 1, costUsd: 0.31 }), thumb);
    }, thumb);
    await expect.poll(() => jobs.getByRole('listitem').count()).toBe(6);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/jobs-page.png' });

    await jobs.getByRole('button', { name: /^Retry job/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Retry this job?' });
    await dialog.getByText(/may start and bill a second job/).waitFor();
    await page.screenshot({ path: 'test-results/jobs-retry-confirm.png' });
    await dialog.getByRole('button', { name: 'Don’t retry' }).click();

    const glb = [...sphereGlb(512)];
    await page.evaluate(({ id, glb }) => {
      window.__fakeJobs.setModel(id, 'model.glb', glb);
      window.__fakeJobs.change(id, { state: 'completed', progress: 1, etaMs: null, canCancel: false, costUsd: 0.31, finishedAt: Date.now() });
    }, { id, glb });
    await item.getByText('Completed').waitFor();
    const preview = page.getByRole('region', { name: '3D preview' });
    await preview.getByText('Triangles').waitFor();
    const triangles = await preview.locator('dt', { hasText: 'Triangles' }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(Number((triangles ?? '').replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/jobs-completed.png' });
  });
});
