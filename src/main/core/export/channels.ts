/**
 * The `export:*` channels: a finished job's model written to the artist's folder in the format they
 * chose. The folder is only ever chosen in main and remembered in `<dataDir>/export.json`; the page
 * names jobs and options, never a path. Conversions run in a worker thread.
 */
import * as fsp from 'node:fs/promises';
import { defaultNameTemplate, type ExportResult, type ExportRun } from '../../../shared/export';
import { StudioError } from '../../../shared/errors';
import { jobStateWords } from '../../../shared/jobs';
import type { Handlers } from '../dispatch';
import type { JobRecord, Library } from '../library';
import type { Log } from '../log';
import type { DesktopShell } from '../shell';
import { ConvertError } from './convert/errors';
import { folderProblem, rememberFolder, rememberedFolder } from './folder';
import { formatInfo } from './formats';
import { readJobOutputs } from './job-files';
import { fillTemplate, fitToPath, nameFields, safeBaseName } from './names';
import { freeBase, placeFiles, PlaceError, type ExportFs } from './place';
import { sidecarJson } from './sidecar';
import { convertInWorker } from './worker-pool';

export type ExportHandlers = Pick<Handlers, 'export:formats' | 'export:folder' | 'export:choose-folder' | 'export:run' | 'export:reveal'>;

export interface ExportChannelDeps {
  library: () => Promise<Library>;
  shell?: DesktopShell;
  log: Log;
  /** Where exports go until the artist chooses (the harness's --export-dir). */
  defaultFolder?: string;
  /** Main-only memory of the chosen folder (`<dataDir>/export.json`): the page can never set it. */
  dataDir: string;
  /** The file operations used to write exports (tests inject ENOSPC and refusals here). */
  fs?: ExportFs;
  /** Named in the sidecar as what made the file. */
  app?: { name: string; version: string };
  now?: () => number;
}

/** One model's export: the files written, or the sentence saying why not. */
type One = ExportResult['results'][number];

export function createExportHandlers(deps: ExportChannelDeps): ExportHandlers {
  const fs: ExportFs = deps.fs ?? fsp;
  const now = deps.now ?? Date.now;
  const app = deps.app ?? { name: 'Hunyuan3D Studio', version: '' };

  const currentFolder = async (): Promise<string | null> => (await rememberedFolder(deps.dataDir)) ?? deps.defaultFolder ?? null;

  const chooseFolder = async (): Promise<string | null> => {
    const current = await currentFolder();
    // The harness and tests have no dialog: "choosing" lands on --export-dir.
    const picked = deps.shell ? await deps.shell.chooseFolder('Choose where Studio saves exports', current ?? undefined) : (deps.defaultFolder ?? null);
    if (picked === null) return current;
    const problem = await folderProblem(picked);
    if (problem) throw new StudioError('invalid-input', problem);
    await rememberFolder(deps.dataDir, picked);
    return picked;
  };

  async function exportOne(library: Library, id: string, run: ExportRun, folder: string, taken: Set<string>): Promise<One> {
    const job: JobRecord | undefined = library.getJob(id);
    if (!job) return { id, ok: false, files: [], message: 'This job is not in History any more, so it cannot be exported.' };
    if (job.state !== 'completed' || job.outputs.length === 0) {
      return { id, ok: false, files: [], message: `“${job.modelLabel}” has no model to export: the job is ${jobStateWords[job.state].toLowerCase()}.` };
    }
    const info = formatInfo.find((f) => f.id === run.format)!;
    const template = run.nameTemplate ?? defaultNameTemplate;
    const tails = [...info.tails, ...(run.sidecar ? ['.json'] : [])];
    const longestTail = Math.max(...tails.map((t) => (t.endsWith('*') ? 12 : t.length))) + 5;
    const fitted = fitToPath(folder, safeBaseName(fillTemplate(template, nameFields(job))), longestTail);
    if (fitted === null) return { id, ok: false, files: [], message: `The export folder “${folder}” is so deep that Windows could not open files in it. Choose a folder nearer the top of the disk.` };
    try {
      const base = await freeBase(fs, folder, fitted, tails, taken);
      const source = await readJobOutputs(library, job);
      const units = run.units ?? 'm';
      const upAxis = run.upAxis ?? 'y';
      const converted = await convertInWorker(
        { format: run.format as Exclude<ExportRun['format'], 'fbx'>, files: source.files, primary: source.primary, base, units, upAxis, simplifyTo: run.simplifyTo },
        { onDetail: (detail) => deps.log.warn('an export conversion failed', { id, format: run.format, detail }) },
      );
      const files = converted.files.slice();
      if (run.sidecar) {
        const text = sidecarJson(job, app, {
          format: run.format, units, upAxis, triangles: converted.triangles, sourceTriangles: converted.sourceTriangles,
          simplifiedTo: run.simplifyTo ?? null, exportedAt: now(), files: files.map((f) => f.name),
        });
        files.push({ name: `${base}.json`, bytes: new TextEncoder().encode(text) });
      }
      await placeFiles(fs, folder, files);
      for (const f of files) taken.add(f.name);
      const fewer = converted.triangles < converted.sourceTriangles ? ` with ${converted.triangles.toLocaleString('en')} of its ${converted.sourceTriangles.toLocaleString('en')} triangles` : '';
      return { id, ok: true, files: files.map((f) => f.name), message: `Exported “${job.modelLabel}” as ${files[0]!.name}${fewer}.` };
    } catch (error) {
      if (error instanceof ConvertError || error instanceof PlaceError || error instanceof StudioError) return { id, ok: false, files: [], message: error.message };
      deps.log.error('an export failed', { id, format: run.format, error });
      return { id, ok: false, files: [], message: 'Studio could not export this model. Try again, or choose another format.' };
    }
  }

  return {
    'export:formats': () => formatInfo.map(({ id, label, available, why }) => ({ id, label, available, why })),
    'export:folder': async () => ({ folder: await currentFolder() }),
    'export:choose-folder': async () => ({ folder: await chooseFolder() }),
    'export:run': async (run) => {
      const info = formatInfo.find((f) => f.id === run.format);
      if (!info?.available) throw new StudioError('invalid-input', info?.why ?? 'Studio cannot export in that format.');
      let folder = await currentFolder();
      if (folder === null) folder = await chooseFolder();
      if (folder === null) return { folder: null, results: [], message: 'Nothing was exported: choose a folder for exports first.' };
      const problem = await folderProblem(folder);
      if (problem) return { folder, results: run.ids.map((id) => ({ id, ok: false, files: [], message: problem })), message: `Nothing was exported. ${problem}` };
      const library = await deps.library();
      const taken = new Set<string>();
      const results: One[] = [];
      // One at a time: each conversion already has a core to itself, and names chosen in order
      // keep two exports of the same model from picking the same free name.
      for (const id of [...new Set(run.ids)]) results.push(await exportOne(library, id, run, folder, taken));
      const done = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      const models = (n: number) => (n === 1 ? '1 model' : `${n} models`);
      let message: string;
      if (failed.length === 0) message = done.length === 1 ? `${done[0]!.message.replace(/\.$/, '')} to “${folder}”.` : `Exported ${models(done.length)} to “${folder}”.`;
      else if (done.length === 0) message = `Nothing was exported. ${failed[0]!.message}`;
      else message = `Exported ${done.length} of ${models(results.length)} to “${folder}”. Not exported: ${failed[0]!.message}`;
      return { folder, results, message };
    },
    'export:reveal': async () => {
      const folder = await currentFolder();
      if (folder === null) return { ok: false, message: 'No export folder is chosen yet.' };
      const problem = await folderProblem(folder);
      if (problem) return { ok: false, message: problem };
      if (!deps.shell) return { ok: false, message: `This window cannot open a file manager. The exports are in “${folder}”.` };
      deps.shell.reveal(folder);
      return { ok: true, message: `Opened “${folder}”.` };
    },
  };
}
