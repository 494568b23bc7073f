/**
 * The library as History uses it: search, filters and pages over the real store; the artist's marks
 * surviving a lost or damaged library.db; a library folder moved between runs; one process per library.
 */
import { renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import type { Library } from '../../../src/main/core/library';
import { cursorParams, decodeCursor, encodeCursor, wordsPageSql, type WordsPlan } from '../../../src/main/core/library/browse';
import { ftsQuery } from '../../../src/main/core/library/search';
import { newJob, open, picture, tempRoot, testClock } from './helpers';

const ids = (library: Library, query: Parameters<Library['browse']>[0]) => library.browse(query).records.map((r) => r.card.id);

/** 23 jobs, four to a millisecond (the id decides their order), with the pictures `name(i)` names. */
async function jobsSharingTimes(name: (i: number) => string | undefined = () => undefined) {
  const root = tempRoot();
  const clock = testClock();
  const library = await open(root, clock);
  const all = [];
  for (let i = 0; i < 23; i++) {
    if (i % 4 === 0) clock.advance(1000);
    all.push(await library.createJob(newJob(), [picture({ originalName: name(i) })]));
  }
  return { root, clock, library, all };
}

/** History's order: newest first, a tie in time by id. */
const newestFirst = (jobs: { id: string; createdAt: number }[]) => [...jobs].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((j) => j.id);

async function seeded() {
  const root = tempRoot();
  const clock = testClock();
  const library = await open(root, clock);
  const made = [];
  for (let i = 0; i < 7; i++) {
    clock.advance(60_000);
    const job = await library.createJob(
      newJob({
        provider: i % 2 === 0 ? 'wavespeed' : 'segmind',
        modelId: i % 2 === 0 ? 'wavespeed/hunyuan3d/v2.1' : 'segmind/hunyuan-3d-2',
        modelLabel: i % 2 === 0 ? 'Hunyuan3D 2.1' : 'Hunyuan3D 2',
        text: i === 3 ? 'A weathered bronze lantern' : null,
      }),
      [picture({ originalName: i === 5 ? 'Café_chair-photo.JPG' : `shot-${i}.png` })],
    );
    made.push(job);
  }
  return { root, clock, library, made };
}

describe('History search, filters and pages', () => {
  it('finds a job by its dropped file name, prompt, model, provider, tag or note, in any case and by word starts', async () => {
    const { library, made } = await seeded();
    await library.updateJob(made[1]!.id, { tags: ['Hero prop', 'print'], note: 'Send to Mira for the diorama' });
    expect(ids(library, { text: 'cafe chair' })).toEqual([made[5]!.id]);
    expect(ids(library, { text: 'Café_chair-photo.JPG' })).toEqual([made[5]!.id]);
    expect(ids(library, { text: 'chai' })).toEqual([made[5]!.id]);
    expect(ids(library, { text: 'BRONZE lant' })).toEqual([made[3]!.id]);
    expect(ids(library, { text: 'hero' })).toEqual([made[1]!.id]);
    expect(ids(library, { text: 'diorama' })).toEqual([made[1]!.id]);
    expect(ids(library, { text: 'segmind' })).toEqual([made[5]!.id, made[3]!.id, made[1]!.id]);
    expect(ids(library, { text: 'v2.1' }).length).toBe(4);
    expect(ids(library, { text: 'nothing-like-this' })).toEqual([]);
    // Words only: FTS5 syntax typed into the box is just text.
    expect(ids(library, { text: '"chair*" (photo' })).toEqual([made[5]!.id]);
    // Only punctuation: no words to search, so every job.
    expect(library.browse({ text: '***' }).total).toBe(7);
    // A renamed tag is found by its new name only.
    await library.updateJob(made[1]!.id, { tags: ['background'] });
    expect(ids(library, { text: 'hero' })).toEqual([]);
    expect(ids(library, { text: 'backgr' })).toEqual([made[1]!.id]);
    library.close();
  });

  it('filters by provider, model, state, favourite and dates, and counts every match', async () => {
    const { library, made } = await seeded();
    await library.updateJob(made[0]!.id, { state: 'completed' });
    await library.updateJob(made[2]!.id, { state: 'failed', favourite: true });
    await library.updateJob(made[4]!.id, { favourite: true });
    expect(library.browse({ providers: ['segmind'] }).total).toBe(3);
    expect(ids(library, { modelIds: ['wavespeed/hunyuan3d/v2.1'], states: ['completed', 'failed'] })).toEqual([made[2]!.id, made[0]!.id]);
    expect(ids(library, { favourite: true })).toEqual([made[4]!.id, made[2]!.id]);
    expect(library.browse({ favourite: false }).total).toBe(5);
    expect(ids(library, { from: made[2]!.createdAt, to: made[4]!.createdAt })).toEqual([made[3]!.id, made[2]!.id]);
    expect(library.browse({ favourite: true, text: 'shot' }).total).toBe(2);
    library.close();
  });

  it('counts every job a search finds when a page shows only some, and stops counting one that left History', async () => {
    const { library, made } = await seeded();
    // Six "shot-N.png" pictures (job 5's is the café chair), newest first over pages of two.
    const first = library.browse({ text: 'shot', limit: 2 });
    expect(first.total).toBe(6);
    expect(first.records.map((r) => r.card.id)).toEqual([made[6]!.id, made[4]!.id]);
    const second = library.browse({ text: 'shot', limit: 2, cursor: first.nextCursor });
    expect(second.total).toBe(6);
    expect(second.records.map((r) => r.card.id)).toEqual([made[3]!.id, made[2]!.id]);
    library.dropJob(made[6]!.id);
    expect(library.browse({ text: 'shot', limit: 2 }).total).toBe(5);
    expect(library.browse({ text: 'shot', limit: 2, providers: ['wavespeed'] }).total).toBe(3);
    library.close();
  });

  it('pages newest first with a cursor, no job twice or left out, even when jobs share a time and new ones arrive', async () => {
    const { clock, library, all } = await jobsSharingTimes();
    const expected = newestFirst(all);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = library.browse({ limit: 5, cursor });
      expect(page.total).toBe(pages === 0 ? 23 : 24);
      seen.push(...page.records.map((r) => r.card.id));
      cursor = page.nextCursor;
      pages += 1;
      // A job started while the artist scrolls lands on top, not in the middle of the next page.
      if (pages === 1) {
        clock.advance(1000);
        await library.createJob(newJob(), [picture()]);
      }
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
    expect(() => library.browse({ cursor: 'bm90IGEgY3Vyc29y' })).toThrow('That page of History is out of date; scroll back to the top to see it again.');
    library.close();
  });

  it('pages a search newest first alike whether it sorts the matches or walks the newest jobs', async () => {
    // How a words-only page is found depends on how many jobs match (a few hundred are sorted, more
    // are found by walking the newest jobs); both ways must give the same pages, ties in time included.
    const { root, library, all } = await jobsSharingTimes((i) => (i % 3 === 0 ? `lamp-${i}.png` : `chair-${i}.png`));
    const lamps = newestFirst(all.filter((_, i) => i % 3 === 0));
    expect(ids(library, { text: 'lamp', limit: 50 })).toEqual(lamps);
    library.close();
    const db = new DatabaseSync(path.join(root, 'library.db'), { readOnly: true });
    const match = ftsQuery('lamp')!;
    for (const plan of ['few', 'many'] as WordsPlan[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const after = cursor ? cursorParams(decodeCursor(cursor)) : [];
        const rows = db.prepare(wordsPageSql(plan, cursor !== null)).all(match, ...after, 3) as { id: string }[];
        const page = rows.slice(0, 2).map((r) => r.id);
        seen.push(...page);
        const last = all.find((j) => j.id === page.at(-1));
        cursor = rows.length > 2 && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
      } while (cursor);
      expect({ plan, seen }).toEqual({ plan, seen: lamps });
    }
    db.close();
  });
});

describe('History survives its index', () => {
  it('rebuilds after library.db is deleted: every job with its files, favourites, tags, notes and dropped names', async () => {
    const { root, clock, library, made } = await seeded();
    await library.updateJob(made[2]!.id, { favourite: true, tags: ['keeper'], note: 'best so far' });
    await library.updateJob(made[5]!.id, { state: 'completed', outputs: [{ name: 'model.glb', format: 'glb', bytes: 4, sha256: 'a'.repeat(64) }], primaryOutput: 'model.glb' });
    writeFileSync(path.join(library.outputsDir(made[5]!.id), 'model.glb'), 'glTF');
    const before = made.map((j) => library.getJob(j.id));
    library.close();
    for (const f of ['library.db', 'library.db-wal', 'library.db-shm']) rmSync(path.join(root, f), { force: true });

    const reopened = await open(root, clock);
    expect(made.map((j) => reopened.getJob(j.id))).toEqual(before);
    expect(ids(reopened, { favourite: true })).toEqual([made[2]!.id]);
    expect(ids(reopened, { text: 'keeper' })).toEqual([made[2]!.id]);
    expect(ids(reopened, { text: 'best' })).toEqual([made[2]!.id]);
    expect(ids(reopened, { text: 'cafe' })).toEqual([made[5]!.id]);
    expect(new TextDecoder().decode(await reopened.readJobFile(made[5]!.id, 'outputs', 'model.glb'))).toBe('glTF');
    expect(reopened.opened.repair.repaired).toBe(7);
    reopened.close();
  });

  it('moves aside a library.db that fails its integrity check and keeps the marks from job.json', async () => {
    const { root, clock, library, made } = await seeded();
    await library.updateJob(made[0]!.id, { favourite: true, tags: ['a'] });
    library.close();
    const db = path.join(root, 'library.db');
    const bytes = readFileSync(db);
    // Damage the last page (the newest rows and the FTS index), keeping the header valid.
    bytes.fill(0x5a, bytes.length - 2048);
    writeFileSync(db, bytes);

    const reopened = await open(root, clock);
    expect(reopened.opened.movedAside).toMatch(/library\.corrupt-.+\.db$/);
    expect(reopened.integrityCheck()).toBe('ok');
    expect(reopened.browse({}).total).toBe(7);
    expect(ids(reopened, { favourite: true, text: 'a' })).toEqual([made[0]!.id]);
    reopened.close();
  });

  it('rebuilds on demand while open, keeping the journal and durations and an update made meanwhile', async () => {
    const { root, clock, library, made } = await seeded();
    await library.updateJob(made[0]!.id, { state: 'queued' });
    library.recordDuration({ provider: 'wavespeed', modelId: 'wavespeed/hunyuan3d/v2.1', variant: 'textured' }, 61);
    const rebuilding = library.rebuild();
    const meanwhile = library.updateJob(made[1]!.id, { favourite: true });
    const { jobs } = await rebuilding;
    await meanwhile;
    expect(jobs).toBe(7);
    expect(library.getJob(made[1]!.id)?.favourite).toBe(true);
    expect(ids(library, { favourite: true })).toEqual([made[1]!.id]);
    expect(library.journal(made[0]!.id).map((e) => e.event)).toEqual(['created', 'state', 'repaired']);
    expect(library.durations({ provider: 'wavespeed', modelId: 'wavespeed/hunyuan3d/v2.1', variant: 'textured' })).toEqual([61]);
    expect(library.integrityCheck()).toBe('ok');
    library.close();
    const reopened = await open(root, clock);
    expect(reopened.getJob(made[1]!.id)?.favourite).toBe(true);
    reopened.close();
  });

  it('opens a library folder moved elsewhere between runs, files and all', async () => {
    const { root, clock, library, made } = await seeded();
    library.close();
    renameSync(root, path.join(path.dirname(root), 'elsewhere'));
    const movedRoot = path.join(path.dirname(root), 'elsewhere');
    expect(readFileSync(path.join(movedRoot, 'jobs', made[0]!.id, 'job.json'), 'utf8')).not.toContain(root);

    const reopened = await open(movedRoot, clock);
    expect(reopened.opened).toMatchObject({ movedAside: null, repair: { repaired: 0, missing: 0, abandoned: 0 } });
    expect(reopened.browse({}).total).toBe(7);
    expect(await reopened.readJobFile(made[0]!.id, 'inputs', 'image.png')).toEqual(picture().bytes);
    reopened.close();
  });
});

describe('one process per library', () => {
  it('refuses a second opener in the same process with a sentence, and opens again once closed', async () => {
    const root = tempRoot();
    const first = await open(root);
    await expect(open(root)).rejects.toThrow('Another Hunyuan3D Studio is using this job library. Close it and open Studio again, or start this one with a different data folder.');
    first.close();
    (await open(root)).close();
  });

  it('refuses while another live process holds the lock, and takes over the lock of one that died', async () => {
    const root = tempRoot();
    (await open(root)).close();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    const started = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    writeFileSync(path.join(root, 'library.lock'), JSON.stringify({ pid: child.pid, host: (await import('node:os')).hostname(), started }));
    await expect(open(root)).rejects.toThrow(`Another Hunyuan3D Studio (process ${child.pid}) is using this job library.`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const library = await open(root);
    expect(JSON.parse(readFileSync(path.join(root, 'library.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    library.close();
  });
});
