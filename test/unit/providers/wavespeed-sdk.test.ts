/**
 * Fidelity: the official WaveSpeed SDK, pointed at the simulator, must run a job to completion and
 * upload a file. When they disagree, the simulator is what gets fixed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'wavespeed';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/server';
import { checkerPng } from '../../sim/models';

const KEY = 'ws-sdk-4c5d6e7f8a9b0c1d';
let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 30 } });
  dir = await mkdtemp(path.join(tmpdir(), 'hy3d-sdk-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.control.reset();
  sim.control.configure({ durationMs: 30, keys: { wavespeed: [KEY] } });
});

const client = () => new Client(KEY, { baseUrl: sim.url, maxConnectionRetries: 0, retryInterval: 0.01 });

describe('official wavespeed SDK against the simulator', () => {
  it('uploads a file in two steps and gets a URL that serves the same bytes', async () => {
    const file = path.join(dir, 'teapot.png');
    const bytes = checkerPng(128);
    await writeFile(file, bytes);
    const url = await client().upload(file);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\/.+\/teapot\.png$/);
    const [ticket] = sim.control.requestsTo('wavespeed.upload-ticket');
    expect(ticket!.body).toEqual({ filename: 'teapot.png', size: bytes.length, content_type: 'image/png' });
    expect(ticket!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(ticket!.headers['x-client-name']).toBe('wavespeed-js');
    expect(sim.control.requestsTo('files.put')).toHaveLength(1);
    const back = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(back).toEqual(bytes);
  });

  it('runs wavespeed-ai/hunyuan3d/v2-mini to completion and returns the GLB URL', async () => {
    const file = path.join(dir, 'input.png');
    await writeFile(file, checkerPng(128));
    const c = client();
    const image = await c.upload(file);
    const out = await c.run('wavespeed-ai/hunyuan3d/v2-mini', { image }, { pollInterval: 0.01, timeout: 10 });
    expect(out.outputs).toHaveLength(1);
    expect(String(out.outputs[0])).toMatch(/model\.glb$/);
    const glb = new Uint8Array(await (await fetch(String(out.outputs[0]))).arrayBuffer());
    expect(Buffer.from(glb.subarray(0, 4)).toString()).toBe('glTF');
    const [submit] = sim.control.requestsTo('wavespeed.submit');
    expect(submit!.body).toEqual({ image });
    expect(sim.control.requestsTo('wavespeed.result').length).toBeGreaterThanOrEqual(1);
  });

  it('sees a failed task (HTTP 200, status failed) as a failure carrying WaveSpeed’s error text', async () => {
    sim.control.configure({ failJobs: true });
    await expect(client().run('wavespeed-ai/hunyuan3d/v2-mini', { image: 'https://example.com/a.png' }, { pollInterval: 0.01, timeout: 10 })).rejects.toThrow(
      /Prediction failed \(task_id: \w+\): Generation failed/,
    );
  });

  it('is refused with the simulator’s 401 for a key it was not given', async () => {
    await expect(new Client('not-the-key', { baseUrl: sim.url }).run('wavespeed-ai/hunyuan3d/v2-mini', { image: 'https://example.com/a.png' }, { timeout: 5 })).rejects.toThrow(/HTTP 401/);
    expect(sim.control.requestsTo('wavespeed.submit')).toHaveLength(1);
  });
});
