/**
 * The `library:*` channels (History): browse, open, mark, run again, duplicate, trash, forget,
 * reveal, store the result thumbnail, rebuild. Every change to an item is announced with
 * `library:changed`; the page refetches what it shows.
 */
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { isTerminal } from '../../../shared/jobs';
import type { Handlers } from '../dispatch';
import type { JobRecord, Library } from '../library';
import type { Log } from '../log';
import type { JobEngine } from '../engine/engine';
import type { DesktopShell } from '../shell';
import { toDetail, toItem } from './items';
import { webpProblem } from './webp';

export type LibraryHandlers = Pick<Handlers, 'library:list' | 'library:get' | 'library:update' | 'library:rerun' | 'library:duplicate' | 'library:trash' | 'library:forget' | 'library:reveal' | 'library:set-thumbnail' | 'library:rebuild'>;

export interface LibraryChannelDeps {
  open: () => Promise<{ engine: JobEngine; library: Library }>;
  shell?: DesktopShell;
  log: Log;
  /** Tells the page an item changed. */
  changed: (id: string) => void;
  /** The engine's clock, for the summaries of ended jobs. */
  now?: () => number;
}

const gone = () => new StudioError('not-found', 'That job is no longer in History.');
const noShell = (what: string) => new StudioError('unavailable', `This window cannot ${what}; open the job’s folder from the Studio app.`);

export function createLibraryHandlers(deps: LibraryChannelDeps): LibraryHandlers {
  const now = deps.now ?? Date.now;

  const job = async (id: string): Promise<{ engine: JobEngine; library: Library; record: JobRecord }> => {
    const { engine, library } = await deps.open();
    const record = library.getJob(id);
    if (!record) throw gone();
    return { engine, library, record };
  };
  const live = (engine: JobEngine) => (id: string) => {
    try {
      return engine.get(id);
    } catch {
      return undefined;
    }
  };
  const item = async (engine: JobEngine, library: Library, record: JobRecord) =>
    toItem(record, (await library.checkFolder(record.id)).missing, live(engine), now());

  /** Only an ended job's folder may go: a running job still writes into it. */
  const assertEnded = (record: JobRecord, what: string) => {
    if (!isTerminal(record.state)) throw new StudioError('invalid-input', `This job is still running; cancel it first, then ${what}.`);
  };

  return {
    async 'library:list'(query) {
      const { engine, library } = await deps.open();
      const page = library.browse(query);
      // The folders are looked at now, so a job deleted behind the app's back shows as missing.
      const missing = library.checkFolders(page.records.map((r) => ({ id: r.card.id, missing: r.missing })));
      const items = page.records.map((r, i) => toItem(r.card, missing[i]!, live(engine), now()));
      return { items, nextCursor: page.nextCursor, total: page.total };
    },

    async 'library:get'({ id }) {
      const { engine, library, record } = await job(id);
      return toDetail(record, await item(engine, library, record));
    },

    async 'library:update'({ id, favourite, tags, note }) {
      const { engine, library, record } = await job(id);
      if ((await library.checkFolder(id)).missing) throw new StudioError('not-found', 'This job’s folder is gone, so its marks cannot be kept. Forget it to remove it from History.');
      // The same tag twice (in any case) is one tag.
      const unique = tags?.filter((t, i, all) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
      const next = favourite === undefined && unique === undefined && note === undefined
        ? record
        : await library.updateJob(id, { ...(favourite === undefined ? {} : { favourite }), ...(unique === undefined ? {} : { tags: unique }), ...(note === undefined ? {} : { note }) });
      deps.changed(id);
      return toItem(next, false, live(engine), now());
    },

    async 'library:rerun'({ id }) {
      const { engine, library } = await job(id);
      if ((await library.checkFolder(id)).missing) throw new StudioError('not-found', 'This job’s folder is gone, so its pictures cannot be sent again. Forget it, then drop the pictures again.');
      const summary = await engine.rerun(id);
      deps.changed(summary.id);
      return summary;
    },

    async 'library:duplicate'({ id }) {
      const { library, record } = await job(id);
      const pictures: { role: string; name: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
      for (const input of record.inputs.filter((i) => i.role !== 'thumbnail').slice(0, 4)) {
        const bytes = await library.readJobFile(id, 'inputs', input.file).catch(() => {
          throw new StudioError('not-found', 'This job’s pictures are no longer in its folder. Drop them again to start from them.');
        });
        pictures.push({ role: input.role, name: (input.originalName ?? input.file).slice(0, 260), bytes: bytes as Uint8Array<ArrayBuffer> });
      }
      return { modelId: record.modelId, params: record.params, text: record.text, pictures };
    },

    async 'library:trash'({ id }) {
      const { library, record } = await job(id);
      assertEnded(record, 'move it to the trash');
      if (!deps.shell) throw noShell('move files to the trash');
      if ((await library.checkFolder(id)).missing) throw new StudioError('not-found', 'This job’s folder is already gone; choose Forget to remove it from History.');
      try {
        await deps.shell.trash(library.jobDir(id));
      } catch (error) {
        deps.log.warn('history: moving a job folder to the trash failed', { id, error: String(error) });
        throw new StudioError('unavailable', 'The job’s folder could not be moved to the trash, so nothing was deleted. Check that the trash is available and try again.');
      }
      library.dropJob(id);
      deps.changed(id);
      return { ok: true, message: 'Moved to the trash. Restore it from there and choose Rebuild History to bring it back.' };
    },

    async 'library:forget'({ id }) {
      const { library } = await job(id);
      if (!(await library.checkFolder(id)).missing) throw new StudioError('invalid-input', 'This job’s folder is still there, so it is not forgotten. Move it to the trash to delete it.');
      library.dropJob(id);
      deps.changed(id);
      return { ok: true, message: 'Forgotten: the job is no longer in History.' };
    },

    async 'library:reveal'({ id }) {
      const { library, record } = await job(id);
      if (!deps.shell) throw noShell('open the file manager');
      if ((await library.checkFolder(id)).missing) throw new StudioError('not-found', 'This job’s folder is gone; choose Forget to remove it from History.');
      const main = record.primaryOutput ?? record.outputs[0]?.name;
      deps.shell.reveal(main ? path.join(library.outputsDir(id), main) : library.jobDir(id));
      return { ok: true, message: 'Shown in the file manager.' };
    },

    async 'library:set-thumbnail'({ id, bytes }) {
      const problem = webpProblem(bytes);
      if (problem) throw new StudioError('invalid-input', problem);
      const { library, record } = await job(id);
      if (record.state !== 'completed') throw new StudioError('invalid-input', 'Only a finished job’s model has a thumbnail.');
      if ((await library.checkFolder(id)).missing) throw new StudioError('not-found', 'This job’s folder is gone, so its thumbnail cannot be kept.');
      await library.writeResultThumbnail(id, bytes);
      deps.changed(id);
      return { ok: true, message: 'Thumbnail saved.' };
    },

    async 'library:rebuild'() {
      const { library } = await deps.open();
      const { jobs, repair } = await library.rebuild();
      const gone = repair.missing > 0 ? ` ${repair.missing === 1 ? 'One job has' : `${repair.missing} jobs have`} no folder any more and ${repair.missing === 1 ? 'shows' : 'show'} as missing.` : '';
      return { jobs, message: `History was rebuilt from the job folders: ${jobs === 1 ? '1 job' : `${jobs} jobs`}.${gone}` };
    },
  };
}
