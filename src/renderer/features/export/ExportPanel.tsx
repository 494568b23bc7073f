import { useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import { defaultNameTemplate, exportUnits, exportUpAxes, nameTemplateFields, type exportFormatInfoSchema, type ExportFormat, type ExportResult } from '../../../shared/export';
import type { JobId } from '../../../shared/jobs';
import { useStudio } from '../../studio-context';
import { useCloseOnEscape } from '../shortcuts/bindings';
import { useFocusInAndBack } from '../shortcuts/focus';
import './export.css';

type FormatInfo = z.infer<typeof exportFormatInfoSchema>[number];

/** The choices the panel keeps while the window is open (the folder is remembered in main). */
export interface ExportChoices {
  format: ExportFormat;
  nameTemplate: string;
  sidecar: boolean;
  units: (typeof exportUnits)[number];
  upAxis: (typeof exportUpAxes)[number];
  simplify: boolean;
  simplifyTo: number;
}

export const defaultExportChoices: ExportChoices = { format: 'glb', nameTemplate: defaultNameTemplate, sidecar: true, units: 'm', upAxis: 'y', simplify: false, simplifyTo: 50_000 };

const unitWords = { m: 'Metres', cm: 'Centimetres', mm: 'Millimetres' } as const;
const sentenceOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The app did not answer. Try again in a moment.');

interface ExportPanelProps {
  ids: readonly JobId[];
  /** How the panel names what it exports: "Hunyuan3D 2.0, 14:05" or "3 models". */
  what: string;
  choices: ExportChoices;
  onChoices: (c: ExportChoices) => void;
  onClose: () => void;
}

/** Export…'s small panel: format, folder, name, options; then a status line with "Reveal in folder". */
export function ExportPanel({ ids, what, choices, onChoices, onClose }: ExportPanelProps) {
  const studio = useStudio();
  const id = useId();
  const [formats, setFormats] = useState<FormatInfo[] | null>(null);
  const [folder, setFolder] = useState<string | null | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ text: string; ok: boolean; revealable: boolean } | null>(null);
  const set = (patch: Partial<ExportChoices>) => onChoices({ ...choices, ...patch });
  // Opened from the keyboard (Ctrl+E or the button), the panel takes focus; Escape from anywhere closes it.
  const panel = useRef<HTMLElement>(null);
  useFocusInAndBack(panel, 'self');
  useCloseOnEscape(onClose);

  useEffect(() => {
    let live = true;
    studio.export.formats().then((f) => live && setFormats(f)).catch((e: unknown) => live && setResult({ text: sentenceOf(e), ok: false, revealable: false }));
    studio.export.folder().then((f) => live && setFolder(f.folder)).catch(() => live && setFolder(null));
    return () => {
      live = false;
    };
  }, [studio]);

  const chosen = formats?.find((f) => f.id === choices.format);
  const choose = async () => {
    try {
      const f = await studio.export['choose-folder']();
      if (f.folder) setFolder(f.folder);
    } catch (e) {
      setResult({ text: sentenceOf(e), ok: false, revealable: false });
    }
  };
  const run = async () => {
    setRunning(true);
    setResult(null);
    try {
      const r: ExportResult = await studio.export.run({
        ids: [...ids],
        format: choices.format,
        nameTemplate: choices.nameTemplate.trim() || defaultNameTemplate,
        sidecar: choices.sidecar,
        units: choices.units,
        upAxis: choices.upAxis,
        ...(choices.simplify ? { simplifyTo: choices.simplifyTo } : {}),
      });
      if (r.folder) setFolder(r.folder);
      const ok = r.results.length > 0 && r.results.every((x) => x.ok);
      const failed = r.results.filter((x) => !x.ok).map((x) => x.message);
      setResult({ text: [r.message, ...failed.filter((m) => m && m !== r.message)].join(' '), ok, revealable: r.results.some((x) => x.ok) });
    } catch (e) {
      setResult({ text: sentenceOf(e), ok: false, revealable: false });
    } finally {
      setRunning(false);
    }
  };
  const reveal = async () => {
    try {
      const r = await studio.export.reveal();
      if (!r.ok) setResult({ text: r.message, ok: false, revealable: false });
    } catch (e) {
      setResult({ text: sentenceOf(e), ok: false, revealable: false });
    }
  };

  const simplifyOk = !choices.simplify || (Number.isInteger(choices.simplifyTo) && choices.simplifyTo >= 100 && choices.simplifyTo <= 10_000_000);
  const canRun = !running && ids.length > 0 && !!chosen?.available && simplifyOk && folder !== undefined;
  return (
    <section ref={panel} tabIndex={-1} className="export-panel" aria-label="Export">
      <div className="export-head">
        <h3>Export {what}</h3>
        <button type="button" className="icon" aria-label="Close panel" title="Close this panel" onClick={onClose}>×</button>
      </div>
      <label className="export-row" htmlFor={`${id}-format`}>
        <span>Format</span>
        <select id={`${id}-format`} value={choices.format} disabled={!formats} onChange={(e) => set({ format: e.target.value as ExportFormat })}>
          {(formats ?? []).map((f) => (
            <option key={f.id} value={f.id} disabled={!f.available} title={f.why ?? undefined}>
              {f.label}{f.available ? '' : ' — not available'}
            </option>
          ))}
        </select>
      </label>
      {chosen && !chosen.available && chosen.why && <p className="hint">{chosen.why}</p>}
      <div className="export-row">
        <span>Folder</span>
        <span className="export-folder" title={folder ?? undefined}>{folder === undefined ? '…' : (folder ?? 'Not chosen yet')}</span>
        <button type="button" onClick={() => void choose()}>Choose…</button>
      </div>
      <label className="export-row" htmlFor={`${id}-name`}>
        <span>File name</span>
        <input id={`${id}-name`} type="text" value={choices.nameTemplate} maxLength={120} spellCheck={false}
          title={`Placeholders: ${nameTemplateFields.join(' ')}`} onChange={(e) => set({ nameTemplate: e.target.value })} />
      </label>
      <p className="hint export-fields">{nameTemplateFields.join(' ')} · an existing file is never replaced: “-1”, “-2” … is added.</p>
      <div className="export-two">
        <label className="export-row" htmlFor={`${id}-units`}>
          <span>Units</span>
          <select id={`${id}-units`} value={choices.units} onChange={(e) => set({ units: e.target.value as ExportChoices['units'] })}>
            {exportUnits.map((u) => <option key={u} value={u}>{unitWords[u]}</option>)}
          </select>
        </label>
        <label className="export-row" htmlFor={`${id}-up`}>
          <span>Up axis</span>
          <select id={`${id}-up`} value={choices.upAxis} onChange={(e) => set({ upAxis: e.target.value as ExportChoices['upAxis'] })}>
            {exportUpAxes.map((a) => <option key={a} value={a}>{a.toUpperCase()}-up</option>)}
          </select>
        </label>
      </div>
      <div className="export-row">
        <label className="check">
          <input type="checkbox" checked={choices.simplify} onChange={(e) => set({ simplify: e.target.checked })} /> Simplify to
        </label>
        <input type="number" aria-label="Triangles after simplifying" min={100} max={10_000_000} step={1000} value={choices.simplifyTo} disabled={!choices.simplify}
          onChange={(e) => set({ simplifyTo: Math.round(Number(e.target.value)) })} />
        <span className="hint">triangles</span>
      </div>
      {!simplifyOk && <p className="hint alert">Simplify to between 100 and 10,000,000 triangles.</p>}
      <label className="check export-row">
        <input type="checkbox" checked={choices.sidecar} onChange={(e) => set({ sidecar: e.target.checked })} /> Provenance file beside each model (JSON: provider, model, settings, seed, dates)
      </label>
      <div className="export-actions">
        <button type="button" className="primary" disabled={!canRun} onClick={() => void run()}>{running ? 'Exporting…' : 'Export'}</button>
      </div>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={`export-status${result.ok ? '' : ' alert'}`}>
          <span>{result.text}</span>
          {result.revealable && <button type="button" onClick={() => void reveal()}>Reveal in folder</button>}
        </p>
      )}
    </section>
  );
}
