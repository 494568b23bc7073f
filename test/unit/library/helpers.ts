/** A library in a fresh temp dir, a clock the test moves, and a job as the engine would create one. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLog } from '../../../src/main/core/log';
import { openLibrary, type Library, type NewJob, type NewJobInput } from '../../../src/main/core/library';

export function tempRoot(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-library-')), 'library');
}

export function testClock(start = 1_750_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

export async function open(root: string, clock = testClock()): Promise<Library & { logLines: string[] }> {
  const log = createMemoryLog();
  const library = await openLibrary({ root, now: clock.now, log });
  return Object.assign(library, { logLines: log.lines });
}

export const newJob = (over: Partial<NewJob> = {}): NewJob => ({
  provider: 'wavespeed',
  modelId: 'wavespeed/hunyuan3d/v2.1',
  modelLabel: 'Hunyuan3D 2.1',
  remoteModel: 'wavespeed-ai/hunyuan3d/v2.1',
  variant: 'textured',
  params: { seed: 7, textured: true },
  notes: ['Made smaller to fit 5000 px.'],
  ...over,
});

export const picture = (over: Partial<NewJobInput> = {}): NewJobInput => ({
  role: 'image',
  fileName: 'image.png',
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]),
  mime: 'image/png',
  width: 512,
  height: 512,
  ...over,
});
