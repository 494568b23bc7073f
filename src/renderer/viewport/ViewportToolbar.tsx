/** The strip of controls over the view, Blender-header style: open, shading, overlays, look, capture, compare. */
import { useRef } from 'react';
import { useShortcut } from '../features/shortcuts/bindings';
import { MODEL_EXTENSIONS } from './formats';
import { BACKGROUNDS, SHADING_LABELS, SHADING_MODES, type BackgroundKind } from './shading-modes';
import type { Slot, Viewport, ViewportState } from './Viewport';

const accept = [...MODEL_EXTENSIONS, '.mtl', '.bin', '.png', '.jpg', '.jpeg', '.webp'].join(',');
const backgroundLabels: Record<BackgroundKind, string> = { dark: 'Dark', grey: 'Grey', light: 'Light', gradient: 'Gradient' };

interface Props {
  viewport: Viewport;
  state: ViewportState;
  onOpen(files: File[], slot: Slot): void;
}

function Toggle({ label, on, onChange, title }: { label: string; on: boolean; onChange(on: boolean): void; title: string }) {
  return (
    <button type="button" className="vp-toggle" aria-pressed={on} title={title} onClick={() => onChange(!on)}>
      {label}
    </button>
  );
}

/** `opensOnShortcut`: Ctrl/Cmd+O and the app menu's File → Open Model… open this picker. */
function FilePicker({ label, onFiles, opensOnShortcut = false }: { label: string; onFiles(files: File[]): void; opensOnShortcut?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  useShortcut('open-model', opensOnShortcut ? () => input.current?.click() : null);
  return (
    <label className="vp-file" title="Open a GLB, glTF, OBJ (with MTL and textures, or zipped), PLY, STL, FBX or USDZ file">
      {label}
      <input ref={input} type="file" multiple accept={accept} className="visually-hidden"
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          if (input.current) input.current.value = '';
        }} />
    </label>
  );
}

export function ViewportToolbar({ viewport, state, onOpen }: Props) {
  const download = async () => {
    const blob = await viewport.screenshot();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${(state.model?.name ?? 'view').replace(/\.[^.]+$/, '')}-screenshot.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="viewport-toolbar" role="toolbar" aria-label="Viewport">
      <FilePicker label="Open model…" opensOnShortcut onFiles={(files) => onOpen(files, 'a')} />
      {state.comparing && <FilePicker label="Open second model…" onFiles={(files) => onOpen(files, 'b')} />}
      <div className="vp-group" role="group" aria-label="Shading">
        {SHADING_MODES.map((mode) => (
          <button key={mode} type="button" className="vp-toggle" aria-pressed={state.shading === mode}
            title={`${SHADING_LABELS[mode]} shading (Z cycles)`} onClick={() => viewport.setShading(mode)}>
            {SHADING_LABELS[mode]}
          </button>
        ))}
      </div>
      <div className="vp-group" role="group" aria-label="Overlays">
        <Toggle label="Grid" on={state.grid} onChange={(on) => viewport.setOverlay('grid', on)} title="Show the floor grid" />
        <Toggle label="Axes" on={state.axes} onChange={(on) => viewport.setOverlay('axes', on)} title="Show the X, Y and Z axes" />
        <Toggle label="Wireframe overlay" on={state.wireframeOverlay} onChange={(on) => viewport.setOverlay('wireframeOverlay', on)} title="Draw the edges over the shaded model" />
      </div>
      <label className="vp-range" title="Brightness of the view (tone-mapping exposure)">
        Exposure
        <input type="range" min={0.1} max={3} step={0.05} value={state.exposure} onChange={(e) => viewport.setExposure(Number(e.target.value))} />
      </label>
      <Toggle label="Turntable" on={state.turntable} onChange={(on) => viewport.setTurntable(on)} title="Spin the model slowly" />
      <label className="vp-select" title="Colour behind the model">
        Background
        <select value={state.background} onChange={(e) => viewport.setBackground(e.target.value as BackgroundKind)}>
          {BACKGROUNDS.map((b) => <option key={b} value={b}>{backgroundLabels[b]}</option>)}
        </select>
      </label>
      <span className="vp-spacer" />
      <span className="vp-projection" aria-live="polite">{state.orthographic ? 'Orthographic' : 'Perspective'}</span>
      <button type="button" title="Save the view as a PNG" disabled={!state.model} onClick={() => void download()}>Screenshot</button>
      <Toggle label="Compare" on={state.comparing} onChange={(on) => viewport.setComparing(on)} title="Show two results side by side with linked cameras" />
    </div>
  );
}
