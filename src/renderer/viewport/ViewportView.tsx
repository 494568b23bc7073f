/** The thin React wrapper: mounts a Viewport, mirrors its state into the toolbar and readouts. */
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { MODEL_EXTENSIONS } from './formats';
import { ModelLoadError, prefetchCommonLoader, type ModelSource } from './ModelLoader';
import { MAX_FILE_BYTES } from './preflight';
import { installTestHook } from './test-hook';
import { Viewport, type ShownModel, type Slot, type ViewportState } from './Viewport';
import { ViewportToolbar } from './ViewportToolbar';
import { StatsReadout } from './StatsReadout';
import './viewport.css';

const isModelFile = (name: string) => MODEL_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/** Reads dropped or picked files: the first model file is opened, the others travel with it (MTL, textures). */
export async function sourceFromFiles(files: File[]): Promise<ModelSource | null> {
  const main = files.find((f) => isModelFile(f.name));
  if (!main) return null;
  // Checked before reading: a multi-gigabyte file must not be pulled into memory to be refused.
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_FILE_BYTES) {
    throw new ModelLoadError(`These files come to ${Math.round(total / 2 ** 20).toLocaleString('en-US')} MB; the preview opens up to ${MAX_FILE_BYTES / 2 ** 20} MB.`);
  }
  const siblings = await Promise.all(files.filter((f) => f !== main).map(async (f): Promise<[string, Uint8Array]> => [f.name, new Uint8Array(await f.arrayBuffer())]));
  return { bytes: await main.arrayBuffer(), name: main.name, siblings };
}

/** Files the app asks the viewport to open (a finished job); a new object is a new request. */
export interface OpenRequest {
  files: File[];
  /** The job the files belong to, when they are one. */
  jobId?: string;
}

interface ViewportViewProps {
  request?: OpenRequest | null;
  /** The artist opened a model here by hand (picker or drop). */
  onArtistOpen?: () => void;
  /** The model on the left (or only) side changed: its name and statistics, or null. */
  onShown?: (shown: ShownModel | null) => void;
  /** A requested model is on screen; `thumbnail` renders its 512-px WebP (Material shading, home angle). */
  onRequestShown?: (request: OpenRequest, thumbnail: () => Promise<Blob>) => void;
  /** Shown instead of the default hint while no model is open, even without WebGL (the first-run welcome). */
  emptyState?: ReactNode;
}

export function ViewportView({ request, onArtistOpen, onShown, onRequestShown, emptyState }: ViewportViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [state, setState] = useState<ViewportState | null>(null);
  const [dropping, setDropping] = useState(false);
  const [unavailable, setUnavailable] = useState<string | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let created: Viewport;
    try {
      created = new Viewport(host);
    } catch {
      // No WebGL (a blocklisted driver, some remote desktops): the rest of the app still works.
      host.replaceChildren();
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the viewport can only be built on the mounted node; this records that one outcome
      setUnavailable('The 3D preview needs WebGL, which this computer’s graphics driver did not provide. Jobs, history and export still work; updating the graphics driver usually brings the preview back.');
      return;
    }
    setViewport(created);
    setState(created.getState());
    const unsubscribe = created.subscribe(setState);
    const uninstall = installTestHook(created);
    const idle = requestIdleCallback(prefetchCommonLoader, { timeout: 5000 });
    return () => {
      cancelIdleCallback(idle);
      uninstall();
      unsubscribe();
      created.dispose();
    };
  }, []);

  const open = useCallback(
    async (files: File[], slot: Slot = 'a'): Promise<boolean> => {
      try {
        const picked = await sourceFromFiles(files);
        return picked && viewport ? (await viewport.load(picked, slot)) !== null : false;
      } catch (error) {
        // Too big, or gone from disk between picking and reading.
        viewport?.report(error instanceof ModelLoadError ? error.message : 'The file could not be read. Check that it is still there and try again.');
        return false;
      }
    },
    [viewport],
  );
  const openByHand = (files: File[], slot?: Slot) => {
    onArtistOpen?.();
    void open(files, slot);
  };

  const requestShown = useRef(onRequestShown);
  useEffect(() => {
    requestShown.current = onRequestShown;
  });
  useEffect(() => {
    if (!request || !viewport) return;
    void open(request.files).then((shown) => {
      if (shown) requestShown.current?.(request, () => viewport.makeThumbnail());
    });
  }, [open, request, viewport]);

  const shownModel = state?.model ?? null;
  const shownRef = useRef(onShown);
  useEffect(() => {
    shownRef.current = onShown;
  });
  useEffect(() => {
    shownRef.current?.(shownModel);
  }, [shownModel]);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    const files = [...event.dataTransfer.files];
    // Pictures dropped here belong to the intake; only model files stop at the viewport.
    if (!files.some((f) => isModelFile(f.name))) return;
    event.preventDefault();
    event.stopPropagation();
    const rect = event.currentTarget.getBoundingClientRect();
    const slot: Slot = state?.comparing && event.clientX > rect.left + rect.width / 2 ? 'b' : 'a';
    openByHand(files, slot);
  };

  const blank = !state?.model && !state?.loading && !state?.message;
  const empty = !unavailable && blank;
  return (
    <div className={`viewport${dropping ? ' dropping' : ''}`} onDragOver={onDragOver} onDragLeave={() => setDropping(false)} onDrop={onDrop}>
      <div className="viewport-host" ref={hostRef} />
      {unavailable && (
        <p className="preview-empty viewport-empty" role="status">
          {unavailable}
        </p>
      )}
      {viewport && state && <ViewportToolbar viewport={viewport} state={state} onOpen={openByHand} />}
      {state?.model && <StatsReadout stats={state.model.stats} name={state.model.name} side={state.comparing ? 'left' : undefined} />}
      {state?.comparing && state.other && <StatsReadout stats={state.other.stats} name={state.other.name} side="right" />}
      {state?.comparing && !state.other && <p className="viewport-compare-hint">Open or drop a second model to compare it here.</p>}
      {blank && emptyState}
      {empty && !emptyState && (
        <div className="preview-empty viewport-empty">
          <p>Your model will appear here.</p>
          <p className="hint">Add a picture on the left, then press Generate — or drop a GLB, OBJ, PLY, STL or FBX file here.</p>
        </div>
      )}
      {state?.loading && <p role="status" className="viewport-status">Opening model…</p>}
      {state?.notice && !state.loading && (
        <p role="status" className="viewport-notice">
          {state.notice}
        </p>
      )}
      {state?.message && (
        <p role="alert" className="viewport-message">
          {state.message}
        </p>
      )}
    </div>
  );
}
