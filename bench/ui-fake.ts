/**
 * The page-side fake of the library channels for `npm run bench -- ui`: placed before the harness
 * bridge, it swaps `window.studio.library.list` for a generator of `total` jobs (each page made on
 * request, with WebP thumbnails like the library's) and records the first painted History card and
 * every long task.
 */
import sharp from 'sharp';

/** Small WebP data: URLs like the library's thumbnails: a picture on a dark ground, a shape on a lighter one. */
const colours = ['#b0743a', '#5c7d9a', '#8a5c9a', '#6d9a5c', '#9a5c5c', '#9a8d5c', '#5c9a94', '#74747a'];
const webp = async (svg: string) => `data:image/webp;base64,${(await sharp(Buffer.from(svg)).resize(128, 128).webp({ quality: 80 }).toBuffer()).toString('base64')}`;
const thumbnails = Promise.all([Promise.all(colours.map((c) => webp(`<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="#e8e4dc"/><rect x="30" y="20" width="68" height="88" rx="14" fill="${c}"/></svg>`))),
Promise.all(colours.map((c) => webp(`<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="#2b2f38"/><circle cx="64" cy="68" r="40" fill="${c}"/></svg>`)))]);

/** Runs before the bridge: swaps `window.studio.library` for a generator of `total` jobs and starts the observers. */
export async function fakeLibraryScript(total: number): Promise<string> {
  const [inputThumbs, resultThumbs] = await thumbnails;
  return String.raw`(() => {
  const total = ${total};
  const thumbs = ${JSON.stringify(inputThumbs)};
  const results = ${JSON.stringify(resultThumbs)};
  const bench = (window.__bench = { firstCard: null, longTasks: [], lists: 0, listAt: [] });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  const watch = new MutationObserver(() => {
    if (bench.firstCard !== null || !document.querySelector('[aria-label="History results"] [role="gridcell"][tabindex]')) return;
    watch.disconnect();
    // The card is in the DOM; the frame after next has painted it.
    requestAnimationFrame(() => requestAnimationFrame(() => { bench.firstCard = performance.now(); }));
  });
  watch.observe(document, { childList: true, subtree: true });
  const now = Date.now();
  const models = [['segmind/hunyuan-3d-2', 'Hunyuan3D 2.0', 'segmind'], ['wavespeed/hunyuan3d/v2.1', 'Hunyuan3D 2.1', 'wavespeed'], ['wavespeed/hunyuan3d/v2-mini', 'Hunyuan3D 2 mini', 'wavespeed'], ['vtrix/tencent_hunyuan_3d', 'Hunyuan3D (Vtrix)', 'vtrix']];
  const hex = (n, w) => n.toString(16).padStart(w, '0');
  const item = (i) => {
    const [modelId, modelLabel, provider] = models[i % models.length];
    const state = i % 17 === 5 ? 'failed' : 'completed';
    const at = now - i * 90_000;
    return { id: hex(i, 8) + '-0000-4000-8000-' + hex(i, 12), modelId, modelLabel, provider, state, createdAt: at, updatedAt: at, finishedAt: at + 60_000,
      progress: state === 'completed' ? 1 : null, progressEstimated: false, etaMs: null, message: null, remedy: 'none', canCancel: false, canRetry: state === 'failed',
      retryMayPayTwice: false, outputs: state === 'completed' ? [{ name: 'model.glb', format: 'glb', bytes: 900000 }] : [], costUsd: state === 'completed' ? 0.31 : null, notes: [],
      favourite: i % 11 === 0, tags: [], note: '', inputNames: ['picture-' + i + '.png'], prompt: null, inputThumbnail: thumbs[i % thumbs.length],
      resultThumbnail: state === 'completed' ? results[i % results.length] : null, missing: false };
  };
  const library = {
    list: async (q) => {
      bench.lists += 1;
      bench.listAt.push(performance.now());
      const start = Number(q.cursor ?? 0), limit = q.limit ?? 50, end = Math.min(total, start + limit);
      const items = [];
      for (let i = start; i < end; i++) items.push(item(i));
      return { items, nextCursor: end < total ? String(end) : null, total };
    },
  };
  const realDefine = Object.defineProperty;
  Object.defineProperty = function (target, key, descriptor) {
    if (target === window && key === 'studio') {
      Object.defineProperty = realDefine;
      const real = descriptor.value;
      descriptor = { ...descriptor, value: Object.freeze({ ...real, library: Object.freeze({ ...real.library, ...library }) }) };
    }
    return realDefine(target, key, descriptor);
  };
})();
`;
}
