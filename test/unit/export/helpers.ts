/** A library holding finished jobs whose results are the fixture models, and export handlers over it. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { createExportHandlers, type ExportChannelDeps } from '../../../src/main/core/export/channels';
import type { JobRecord, Library } from '../../../src/main/core/library';
import { createMemoryLog } from '../../../src/main/core/log';
import { objZip, plyAscii, stlBinary, texturedGlb } from '../../fixtures/models';
import { newJob, open, picture, tempRoot } from '../library/helpers';

export type Source = 'glb' | 'obj' | 'ply' | 'stl';

/** Each fixture's files as a provider's result lands in a job's outputs (the OBJ zip unpacked). */
export async function sourceFiles(source: Source): Promise<{ primary: string; files: { name: string; bytes: Uint8Array }[] }> {
  if (source === 'glb') return { primary: 'model.glb', files: [{ name: 'model.glb', bytes: await texturedGlb() }] };
  if (source === 'ply') return { primary: 'model.ply', files: [{ name: 'model.ply', bytes: plyAscii().bytes }] };
  if (source === 'stl') return { primary: 'model.stl', files: [{ name: 'model.stl', bytes: stlBinary().bytes }] };
  const entries = unzipSync(objZip().bytes);
  return { primary: 'cube/cube.obj', files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes })) };
}

export async function completedJob(library: Library, source: { primary: string; files: { name: string; bytes: Uint8Array }[] }, over: Partial<JobRecord> = {}): Promise<JobRecord> {
  const job = await library.createJob(newJob(), [picture()]);
  const dir = library.outputsDir(job.id);
  for (const f of source.files) {
    mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    writeFileSync(path.join(dir, f.name), f.bytes);
  }
  const outputs = source.files.map((f) => ({ name: f.name, format: path.extname(f.name).slice(1), bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
  return library.updateJob(job.id, { state: 'completed', outputs, primaryOutput: source.primary, finishedAt: job.createdAt + 60_000, ...over });
}

export function tempDir(prefix = 'hy3d-export-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function setup(over: Partial<ExportChannelDeps> = {}) {
  const library = await open(tempRoot());
  const dataDir = tempDir('hy3d-data-');
  const folder = tempDir();
  const log = createMemoryLog();
  const handlers = createExportHandlers({ library: async () => library, log, dataDir, defaultFolder: folder, ...over });
  return { library, dataDir, folder, handlers, log };
}
