/**
 * `window.studio` with the `library:*` and `export:*` channels (and the `library:changed` event)
 * answered by a scripted fake, and every other channel by `studioWithFakeJobs` (jobs faked, the rest
 * the real core). The library and export halves of the core are written elsewhere; this fake lets
 * page tests drive History, Properties and Export without them. Replies pass the contract's own
 * output schemas, so the fake cannot say what the real core could not. Thumbnails are data: URLs.
 */
import { randomUUID } from 'node:crypto';
import { channels, events, splitChannel, type ChannelName, type EventName, type Reply, type StudioApi } from '../../../src/shared/ipc';
import { buildStudioApi } from '../../../src/shared/studio-client';
import { StudioError } from '../../../src/shared/errors';
import type { ExportResult } from '../../../src/shared/export';
import type { LibraryDetail, LibraryItem, LibraryQuery } from '../../../src/shared/library';
import { jobSummary, studioWithFakeJobs } from './fake-jobs';
import { tracked } from '../../support/studio-for-tests';
import { callGate, replyOf } from './fake-main';

type FakeChannel = Extract<ChannelName, `library:${string}` | `export:${string}`>;

export interface FakeCall {
  channel: FakeChannel;
  input: unknown;
}

/** A 1×1 PNG as a data: URL (what the asset helper will serve as asset://). */
export const pngUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const png = Uint8Array.from(atob(pngUrl.split(',')[1] ?? ''), (c) => c.charCodeAt(0));

export function libraryItem(patch: Partial<LibraryItem> = {}): LibraryItem {
  return {
    ...jobSummary({ state: 'completed', canCancel: false, progress: 1, costUsd: 0.31, finishedAt: Date.now() }),
    favourite: false,
    tags: [],
    note: '',
    inputNames: ['chair.png'],
    prompt: null,
    inputThumbnail: pngUrl,
    resultThumbnail: null,
    missing: false,
    ...patch,
  };
}

/** `count` jobs, one a minute apart, newest first. */
export function manyItems(count: number): LibraryItem[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => libraryItem({ createdAt: now - i * 60_000, updatedAt: now - i * 60_000, inputNames: [`picture-${i}.png`] }));
}

function matches(item: LibraryItem, q: LibraryQuery): boolean {
  if (q.text) {
    const hay = [item.prompt ?? '', ...item.inputNames, item.modelLabel, item.modelId, item.provider, ...item.tags, item.note].join(' ').toLowerCase();
    if (!q.text.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  if (q.providers && !q.providers.includes(item.provider)) return false;
  if (q.modelIds && !q.modelIds.includes(item.modelId)) return false;
  if (q.states && !q.states.includes(item.state)) return false;
  if (q.favourite !== undefined && item.favourite !== q.favourite) return false;
  if (q.from !== undefined && item.createdAt < q.from) return false;
  if (q.to !== undefined && item.createdAt >= q.to) return false;
  return true;
}

export function studioWithFakeLibrary() {
  const inner = studioWithFakeJobs();
  const items = new Map<string, LibraryItem>();
  const params = new Map<string, Record<string, string | number | boolean>>();
  const listeners = new Set<(payload: unknown) => void>();
  const calls: FakeCall[] = [];
  const gate = callGate();
  const fake = {
    calls,
    callsTo: (channel: FakeChannel) => calls.filter((c) => c.channel === channel),
    folder: '/home/artist/Models' as string | null,
    /** What `export:run` answers; a test replaces it to fail. */
    onExport: (input: { ids: string[]; format: string }): ExportResult => ({
      folder: fake.folder,
      results: input.ids.map((id) => ({ id, ok: true, files: [`hunyuan3d-2-2026-12-01-1234.${input.format}`], message: 'Exported.' })),
      message: `Exported ${input.ids.length === 1 ? '1 model' : `${input.ids.length} models`} to ${fake.folder ?? ''}.`,
    }),
    add(...list: LibraryItem[]) {
      for (const i of list) items.set(i.id, channels['library:update'].output.parse(i));
    },
    setParams(id: string, p: Record<string, string | number | boolean>) {
      params.set(id, p);
    },
    item: (id: string) => items.get(id),
    /** Holds every library and export call until the returned function is called (a slow main process). */
    hold: gate.hold,
    /** Main changed an item (a thumbnail stored, a tag set elsewhere): stored and announced. */
    change(id: string, patch: Partial<LibraryItem>) {
      const had = items.get(id);
      if (!had) throw new Error(`no item ${id}`);
      items.set(id, { ...had, ...patch, updatedAt: Date.now() });
      for (const l of listeners) l(events['library:changed'].parse({ id }));
    },
  };

  const byId = (input: unknown) => {
    const item = items.get((input as { id: string }).id);
    if (!item) throw new StudioError('not-found', 'That job is not in the library any more.');
    return item;
  };
  const detailOf = (item: LibraryItem): LibraryDetail => ({
    item,
    remoteModel: 'tencent/hunyuan-3d-2',
    params: params.get(item.id) ?? { octree_resolution: 256, num_inference_steps: 30, guidance_scale: 5.5, seed: 1234, texture: true, face_count: 40_000 },
    inputs: item.inputNames.map((name, i) => ({ role: i === 0 ? 'image' : `view-${i}`, name, width: 1024, height: 1024, bytes: 220_000, url: pngUrl })),
    times: { created: item.createdAt, submitted: item.createdAt + 800, started: item.createdAt + 2000, finished: item.finishedAt },
    // History's items carry no outputs (the detail does): a finished fake job made one GLB.
    outputs: item.state === 'completed' ? [{ name: 'model.glb', format: 'glb', bytes: 812_000, url: 'data:model/gltf-binary;base64,' }] : [],
  });

  async function answer(channel: FakeChannel, input: unknown): Promise<unknown> {
    switch (channel) {
      case 'library:list': {
        const q = input as LibraryQuery;
        const all = [...items.values()].filter((i) => matches(i, q)).sort((a, b) => b.createdAt - a.createdAt);
        const start = Number(q.cursor ?? 0);
        const limit = q.limit ?? 50;
        const page = all.slice(start, start + limit);
        return { items: page, nextCursor: start + limit < all.length ? String(start + limit) : null, total: all.length };
      }
      case 'library:get':
        return detailOf(byId(input));
      case 'library:update': {
        const { id, ...change } = input as { id: string } & Partial<LibraryItem>;
        const next = { ...byId({ id }), ...change, updatedAt: Date.now() };
        items.set(id, next);
        return next;
      }
      case 'library:rerun': {
        const item = byId(input);
        return jobSummary({ modelId: item.modelId, modelLabel: item.modelLabel, provider: item.provider });
      }
      case 'library:duplicate': {
        const item = byId(input);
        return { modelId: item.modelId, params: detailOf(item).params, text: item.prompt, pictures: item.inputNames.slice(0, 1).map((name) => ({ role: 'image', name, bytes: png })) };
      }
      case 'library:trash':
        items.delete(byId(input).id);
        return { ok: true, message: 'Moved to the trash. Restore it from there if you change your mind.' };
      case 'library:forget':
        items.delete(byId(input).id);
        return { ok: true, message: 'Forgotten.' };
      case 'library:reveal':
        byId(input);
        return { ok: true, message: '' };
      case 'library:set-thumbnail':
        byId(input);
        return { ok: true, message: '' };
      case 'library:rebuild':
        return { jobs: items.size, message: `Rebuilt History from ${items.size} job folders.` };
      case 'export:formats':
        return [
          { id: 'glb', label: 'GLB (glTF binary)', available: true, why: null },
          { id: 'obj', label: 'OBJ + MTL + textures', available: true, why: null },
          { id: 'stl', label: 'STL (binary)', available: true, why: null },
          { id: 'ply', label: 'PLY', available: true, why: null },
          { id: 'usdz', label: 'USDZ', available: true, why: null },
          { id: 'fbx', label: 'FBX', available: false, why: 'No sound FBX writer is bundled yet.' },
        ];
      case 'export:folder':
        return { folder: fake.folder };
      case 'export:choose-folder':
        fake.folder = '/home/artist/Exports';
        return { folder: fake.folder };
      case 'export:run':
        return fake.onExport(input as { ids: string[]; format: string });
      case 'export:reveal':
        return { ok: true, message: '' };
    }
  }

  const forward = async (channel: ChannelName, input: unknown): Promise<Reply<unknown>> => {
    const { domain, verb } = splitChannel(channel);
    const call = (inner.studio as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>)[domain]?.[verb];
    try {
      return { ok: true, value: await call?.(input) };
    } catch (error) {
      if (error instanceof StudioError) return { ok: false, error: error.toData() };
      throw error;
    }
  };

  async function send(channel: ChannelName, input: unknown): Promise<Reply<unknown>> {
    if (!channel.startsWith('library:') && !channel.startsWith('export:')) return forward(channel, input);
    const c = channel as FakeChannel;
    calls.push({ channel: c, input: structuredClone(input) });
    await gate.pass();
    return replyOf(c, () => answer(c, structuredClone(input)));
  }

  const studio: StudioApi = buildStudioApi({
    send: (channel: ChannelName, input: unknown) => tracked(send(channel, input)),
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      if (event === 'library:changed') {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }
      return inner.studio.on(event, listener as never);
    },
  });
  return { studio, fake, jobs: inner.fake, newId: randomUUID };
}
