/** Results can download slowly (downloadBytesPerSec), so a test can stop the app mid-download. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelFile } from '../../sim/models';
import { startSimulator, type Simulator } from '../../sim/server';
import { segmind, SEGMIND_KEY } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 0 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

async function finishedResultUrl(): Promise<string> {
  const id = ((await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a bowl' })).body as { request_id: string }).request_id;
  return ((await segmind(sim, 'GET', `/v2/requests/${id}`)).body as { output: string }).output;
}

describe('throttled results', () => {
  it('a throttled file takes about size ÷ rate, with an honest Content-Length and the same bytes', async () => {
    const glb = await modelFile('glb');
    const url = await finishedResultUrl();
    const rate = Math.ceil(glb.length / 0.4); // about 400 ms for the whole file
    sim.control.configure({ downloadBytesPerSec: rate });
    const started = Date.now();
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBe(String(glb.length));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const took = Date.now() - started;
    expect(bytes).toEqual(glb);
    expect(took).toBeGreaterThanOrEqual(300);
    sim.control.configure({ downloadBytesPerSec: 0 });
    const fastStart = Date.now();
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(glb);
    expect(Date.now() - fastStart).toBeLessThan(took / 2);
  });

  it('a client that stops mid-download has only part of the file, and the simulator keeps serving', async () => {
    const glb = await modelFile('glb');
    const url = await finishedResultUrl();
    sim.control.configure({ downloadBytesPerSec: Math.ceil(glb.length / 2) });
    const abort = new AbortController();
    const res = await fetch(url, { signal: abort.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    abort.abort();
    expect(first.value!.length).toBeGreaterThan(0);
    expect(first.value!.length).toBeLessThan(glb.length);
    sim.control.configure({ downloadBytesPerSec: 0 });
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(glb);
  });

  it('Segmind v1’s model bytes are throttled too', async () => {
    const glb = await modelFile('glb');
    sim.control.configure({ downloadBytesPerSec: Math.ceil(glb.length / 0.3) });
    const started = Date.now();
    const res = await fetch(`${sim.url}v1/hunyuan3d-2mv`, { method: 'POST', headers: { 'x-api-key': SEGMIND_KEY, 'content-type': 'application/json' }, body: '{"front_image":"https://example.com/f.png"}' });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(glb);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});
