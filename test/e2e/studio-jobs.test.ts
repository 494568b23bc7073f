/**
 * Two jobs as an artist runs them, in Chromium through the harness, against the provider simulator
 * and the real keychain (gnome-keyring in a private D-Bus session, fresh HOME): a key saved in
 * Settings, a picture dropped, Generate, the model in the 3D preview; then a second job whose harness
 * is SIGKILLed while it runs, and which finishes by itself after a restart — paid for once.
 * Needs `dbus-run-session` and `gnome-keyring-daemon`; in CI their absence is a failure, elsewhere a
 * skip that says why.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/server';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { createKeychainHome, missingKeychainTools, startHarnessProcess, type KeychainHome, type RunningHarness } from '../support/harness';
import { dropPicture, previewTriangles, saveSegmindKey } from '../support/artist';

const missing = [...missingKeychainTools(), ...(chromiumAvailable() ? [] : ['Chromium'])];
const reason = `the end-to-end jobs test needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring chromium)`;
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`Skipping: ${reason}.`);

const key = 'sg-e2e-jobs-key-5b7e19';
/**
 * Real milliseconds a simulated job runs. The second is longer: Segmind says QUEUED for its first
 * 30 %, and the engine polls sparsely early on, so it needs room to be seen running and killed.
 */
const firstJobMs = 4000;
const secondJobMs = 9000;

let sim: Simulator | undefined;
let browser: Browser | undefined;
let keychain: KeychainHome | undefined;
const harnesses: RunningHarness[] = [];
afterAll(async () => {
  await browser?.close();
  for (const h of harnesses) await h.stop();
  await sim?.close();
  if (keychain) rmSync(keychain.home, { recursive: true, force: true });
  for (const dir of new Set(harnesses.flatMap((h) => [h.dataDir, h.exportDir]))) rmSync(dir, { recursive: true, force: true });
});

async function harness(dataDir?: string, exportDir?: string): Promise<RunningHarness> {
  if (!sim || !keychain) throw new Error('the simulator and the keychain home come first');
  const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, sim?.url.replace(/\/$/, '') ?? '']));
  // 10× keeps the engine's polls quick without outrunning the simulator's real-time jobs.
  const h = await startHarnessProcess({ keychain, env: endpoints, args: ['--time-scale', '10'], dataDir, exportDir });
  harnesses.push(h);
  return h;
}

/** sha256 of each normalised picture the engine kept for its jobs (what it sent), read from the files. */
function storedInputs(dataDir: string): string[] {
  const jobs = path.join(dataDir, 'library', 'jobs');
  return readdirSync(jobs).flatMap((id) => {
    const job = JSON.parse(readFileSync(path.join(jobs, id, 'job.json'), 'utf8')) as { inputs: { role: string; file: string }[] };
    return job.inputs
      .filter((input) => input.role !== 'thumbnail')
      .map((input) => createHash('sha256').update(readFileSync(path.join(jobs, id, 'inputs', input.file))).digest('hex'));
  });
}

/** Files under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file).includes(needle));
}

const picture = (background: string) =>
  sharp({ create: { width: 320, height: 320, channels: 3, background } })
    .composite([{ input: Buffer.from('<svg width="320" height="320"><rect x="90" y="60" width="140" height="200" rx="18" fill="#e9d6b8"/></svg>') }])
    .png()
    .toBuffer();

const state = (item: Locator) => item.locator('.job-state');

describe.skipIf(skip)('two Segmind jobs in the browser, one surviving a killed harness', () => {
  it('saves a key, generates a model, and finishes a job after SIGKILL and restart without paying twice', async () => {
    if (missing.length > 0) throw new Error(`In CI, ${reason}.`);
    sim = await startSimulator({ config: { durationMs: firstJobMs } });
    keychain = createKeychainHome();
    let h = await harness();
    browser = await launchChromium({ webgl: true });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(h.url);

    await saveSegmindKey(page, key);

    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });
    await dropPicture(page, 'armchair.png', await picture('#b0743a'));
    await page.getByRole('button', { name: 'Generate' }).click();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const first = jobs.getByRole('listitem').first();
    await expect.poll(() => state(first).textContent()).toMatch(/^(Queued|Running)$/);
    await expect.poll(() => state(first).textContent(), { timeout: 20_000 }).toBe('Completed');
    expect(await previewTriangles(page)).toBeGreaterThan(0);
    const submit = sim.control.submissions();
    expect(submit.map((s) => [s.route, s.headers['x-api-key']])).toEqual([['segmind.submit', key]]);

    // The second job: the harness dies (SIGKILL, no chance to tidy up) while the provider runs it.
    sim.control.configure({ durationMs: secondJobMs });
    await dropPicture(page, 'lamp.png', await picture('#3a7bd5'));
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => jobs.getByRole('listitem').count()).toBe(2);
    const second = jobs.getByRole('listitem').first();
    await expect.poll(() => sim?.control.submissions().length).toBe(2);
    await expect.poll(() => state(second).textContent(), { timeout: secondJobMs * 0.8 }).toBe('Running');
    const remote = sim.control.state.jobs.get(sim.control.submissions()[1]?.jobId ?? '');
    // The kill must land while the provider is still working, or this would test nothing.
    expect((remote?.createdAt ?? 0) + (remote?.durationMs ?? 0)).toBeGreaterThan(Date.now() + 500);
    await h.kill('SIGKILL');
    expect(() => process.kill(h.pid, 0)).toThrow();

    // Same HOME (the keyring file holds the key) and the same data dir: the job resumes by itself.
    const restarted = Date.now();
    h = await harness(h.dataDir, h.exportDir);
    await page.goto(h.url);
    await expect.poll(() => jobs.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => state(second).textContent(), { timeout: 20_000 }).toBe('Completed');
    expect(await state(jobs.getByRole('listitem').nth(1)).textContent()).toBe('Completed');

    const inputs = storedInputs(h.dataDir);
    expect(inputs).toHaveLength(2);
    for (const input of inputs) expect(sim.control.submissions({ input })).toHaveLength(1);
    expect(sim.control.submissions()).toHaveLength(2);
    // The restarted harness read the key from the keychain: its polls carried it.
    const polls = sim.control.requestsTo('segmind.status').filter((r) => r.at >= restarted);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.headers['x-api-key'] === key)).toBe(true);

    await second.getByRole('button', { name: /^Open in preview/ }).click();
    expect(await previewTriangles(page)).toBeGreaterThan(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/studio-jobs.png' });
    for (const h of harnesses) expect(h.output()).not.toContain(key);
    // The key lives only in the keyring, which gnome-keyring encrypts: no plain copy anywhere.
    expect(filesContaining(h.dataDir, key)).toEqual([]);
    expect(filesContaining(keychain.home, key)).toEqual([]);
    expect(readdirSync(path.join(keychain.home, 'data', 'keyrings')).some((f) => f.endsWith('.keyring'))).toBe(true);
  });
});
