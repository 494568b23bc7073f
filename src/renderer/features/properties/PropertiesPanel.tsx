import { useState, type KeyboardEvent } from 'react';
import { jobStateWords, type JobSummary } from '../../../shared/jobs';
import { maxNoteLength, maxTagLength, maxTags, type LibraryDetail, type LibraryItem } from '../../../shared/library';
import { providerNames } from '../../../shared/provider-names';
import { useStudio } from '../../studio-context';
import { formatCount, formatSize } from '../../viewport/stats';
import type { ShownModel } from '../../viewport/Viewport';
import { ExportPanel, defaultExportChoices, type ExportChoices } from '../export/ExportPanel';
import { useLibraryActions, type Duplicate } from '../history/useLibraryActions';
import type { SelectionState } from '../history/useSelection';
import { bytesWords, costWords, durationWords, fullDate, shortDate } from '../history/words';
import { paramRows } from './job-words';
import { useJobDetail } from './useJobDetail';
import './properties.css';
import { assetSrc } from '../../../shared/asset-url';
import { useShortcut } from '../shortcuts/bindings';
import { shortcutKeys } from '../shortcuts/keys';

interface PropertiesPanelProps {
  selection: SelectionState;
  /** The model shown in the 3D preview, with its statistics. */
  shown: ShownModel | null;
  onItem: (item: LibraryItem) => void;
  onOpen: (item: LibraryItem) => void;
  onDuplicate: (dup: Duplicate) => void;
  onRerun: (job: JobSummary) => void;
  /** A job left the library (trashed, forgotten). */
  onGone: (id: string) => void;
}

/** The right area: the open model's numbers, and how the selected job was made, with what can be done with it. */
export function PropertiesPanel({ selection, shown, onItem, onOpen, onDuplicate, onRerun, onGone }: PropertiesPanelProps) {
  const studio = useStudio();
  const { detail, problem, replaceItem } = useJobDetail(studio, selection.primary);
  const actions = useLibraryActions(studio, {
    onItem: (changed) => {
      replaceItem(changed);
      onItem(changed);
    },
    onDuplicate,
    onRerun,
    onGone,
  });
  const [exporting, setExporting] = useState(false);
  const [choices, setChoices] = useState<ExportChoices>(defaultExportChoices);
  const [now] = useState(() => Date.now());
  const item = detail?.item ?? null;
  const many = selection.ids.length > 1;
  const exportable = many || (item?.state === 'completed' && !item.missing);
  useShortcut('export', exportable ? () => setExporting(true) : null);
  const what = many ? `${selection.ids.length} models` : item ? `${item.modelLabel}, ${shortDate(item.createdAt, now)}` : '';

  return (
    <aside className="area right panel properties" aria-labelledby="properties-title">
      <h2 id="properties-title">Properties</h2>
      {shown && <ModelSection shown={shown} />}
      {!selection.primary && !shown && <p className="hint">Open a model or select a job in History to see its statistics, inputs and settings here.</p>}
      {problem && <p role="alert" className="props-note alert">{problem}</p>}
      {many && <p className="props-many">{selection.ids.length} jobs selected. Export… exports them all; the details below are the last one picked.</p>}
      {detail && <JobSection detail={detail} />}
      {item && (
        <div className="props-actions">
          <button type="button" disabled={item.state !== 'completed' || item.missing} onClick={() => onOpen(item)}>Open in preview</button>
          <button type="button" disabled={item.missing || actions.busy.has(item.id)} onClick={() => void actions.rerun(item)} title="A new job with the same pictures and settings">Re-run</button>
          <button type="button" disabled={item.missing || actions.busy.has(item.id)} onClick={() => void actions.duplicate(item)} title="Load the pictures and settings on the left to change them">Duplicate &amp; tweak</button>
          <button type="button" disabled={item.missing} onClick={() => void actions.reveal(item)} title="Show the job’s folder in your file manager">Reveal</button>
        </div>
      )}
      <div className="props-actions">
        <button type="button" className={exporting ? 'pressed' : 'primary'} aria-expanded={exporting} disabled={!exportable}
          title={exportable ? `Save the model in the format you need (${shortcutKeys('export')})` : 'Select a completed job in History to export it'}
          onClick={() => setExporting((o) => !o)}>
          Export…
        </button>
      </div>
      {exporting && exportable && (
        <ExportPanel ids={many ? selection.ids : item ? [item.id] : []} what={what} choices={choices} onChoices={setChoices} onClose={() => setExporting(false)} />
      )}
      {actions.note && (
        <p role={actions.note.alert ? 'alert' : 'status'} className={`props-note${actions.note.alert ? ' alert' : ''}`}>{actions.note.text}</p>
      )}
      {item && !item.missing && <Keeping item={item} update={(change) => void actions.update(item.id, change)} />}
      {item?.missing && (
        <div className="props-missing">
          <p>This job’s folder was deleted outside Studio, so its files are gone. Forget removes it from History.</p>
          <button type="button" onClick={() => void actions.forget(item)}>Forget</button>
        </div>
      )}
    </aside>
  );
}

function ModelSection({ shown }: { shown: ShownModel }) {
  const s = shown.stats;
  return (
    <section className="props-section" aria-label="Open model">
      <h3 title={shown.name}>{shown.name}</h3>
      <dl className="props-dl">
        <dt>Triangles</dt><dd>{formatCount(s.triangles)}</dd>
        <dt>Vertices</dt><dd>{formatCount(s.vertices)}</dd>
        <dt>Materials</dt><dd>{formatCount(s.materials)}</dd>
        <dt>Textures</dt><dd>{formatCount(s.textures)}{s.largestTexture ? ` (${s.largestTexture.width}×${s.largestTexture.height})` : ''}</dd>
        <dt>Size</dt><dd>{formatSize(s.size)}</dd>
      </dl>
    </section>
  );
}

function JobSection({ detail }: { detail: LibraryDetail }) {
  const { item, times } = detail;
  const took = times.finished !== null && (times.started ?? times.submitted) !== null ? times.finished - (times.started ?? times.submitted ?? times.finished) : null;
  const params = paramRows(item.modelId, detail.params);
  const seed = params.find((p) => p.seed);
  return (
    <section className="props-section" aria-label="Job">
      <h3>
        {item.modelLabel} <span className={`props-state s-${item.missing ? 'missing' : item.state}`}>{item.missing ? 'Folder missing' : jobStateWords[item.state]}</span>
      </h3>
      {detail.inputs.length > 0 && (
        <ul className="props-inputs" aria-label="Inputs">
          {detail.inputs.map((i) => (
            <li key={i.role} title={`${i.name} · ${i.width}×${i.height} · ${bytesWords(i.bytes)}`}>
              <img src={assetSrc(i.url, location.origin)} alt={`${i.role === 'image' ? 'Input' : `${i.role} view`}: ${i.name}`} decoding="async" />
              <span>{i.name}</span>
            </li>
          ))}
        </ul>
      )}
      {item.prompt && <p className="props-prompt">“{item.prompt}”</p>}
      <dl className="props-dl">
        <dt>Provider</dt><dd>{providerNames[item.provider]}</dd>
        <dt>Model</dt><dd title={detail.remoteModel}>{detail.remoteModel || item.modelId}</dd>
        {seed && (<><dt>Seed</dt><dd className="mono">{seed.value}</dd></>)}
        <dt>Created</dt><dd>{fullDate(times.created)}</dd>
        {times.submitted !== null && (<><dt>Submitted</dt><dd>{fullDate(times.submitted)}</dd></>)}
        {times.finished !== null && (<><dt>Finished</dt><dd>{fullDate(times.finished)}</dd></>)}
        {took !== null && took >= 0 && (<><dt>Took</dt><dd>{durationWords(took)}</dd></>)}
        <dt>Cost</dt><dd>{costWords(item.costUsd) ?? 'Not reported'}</dd>
      </dl>
      {item.message && <p className="hint">{item.message}</p>}
      {params.length > 0 && (
        <>
          <h4>Parameters</h4>
          <dl className="props-dl" aria-label="Parameters">
            {params.map((p) => (<div key={p.key} className="props-pair"><dt>{p.label}</dt><dd className={p.seed ? 'mono' : undefined}>{p.value}</dd></div>))}
          </dl>
        </>
      )}
      {detail.outputs.length > 0 && (
        <>
          <h4>Files</h4>
          <ul className="props-files">
            {detail.outputs.map((o) => <li key={o.name}><span>{o.name}</span><span className="hint">{o.format.toUpperCase()} · {bytesWords(o.bytes)}</span></li>)}
          </ul>
        </>
      )}
    </section>
  );
}

/** Favourite, tags and a note: what the artist keeps with a job. Saved in its manifest. */
function Keeping({ item, update }: { item: LibraryItem; update: (change: { favourite?: boolean; tags?: string[]; note?: string }) => void }) {
  const [tag, setTag] = useState('');
  const [note, setNote] = useState<{ id: string; text: string } | null>(null);
  const text = note && note.id === item.id ? note.text : item.note;
  const addTag = () => {
    const t = tag.trim().slice(0, maxTagLength);
    setTag('');
    if (!t || item.tags.includes(t) || item.tags.length >= maxTags) return;
    update({ tags: [...item.tags, t] });
  };
  const onTagKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      addTag();
    }
  };
  return (
    <section className="props-section" aria-label="Kept with the job">
      <button type="button" className={`props-fav${item.favourite ? ' on' : ''}`} aria-pressed={item.favourite} onClick={() => update({ favourite: !item.favourite })}>
        {item.favourite ? '★ Favourite' : '☆ Favourite'}
      </button>
      <div className="props-tags">
        <ul aria-label="Tags">
          {item.tags.map((t) => (
            <li key={t}>{t}<button type="button" aria-label={`Remove tag ${t}`} onClick={() => update({ tags: item.tags.filter((x) => x !== t) })}>×</button></li>
          ))}
        </ul>
        <input type="text" aria-label="Add tag" placeholder={item.tags.length >= maxTags ? `${maxTags} tags at most` : 'Add tag…'} value={tag} maxLength={maxTagLength}
          disabled={item.tags.length >= maxTags} onChange={(e) => setTag(e.target.value)} onKeyDown={onTagKey} onBlur={addTag} />
      </div>
      <label className="props-note-field">
        <span>Notes</span>
        <textarea value={text} maxLength={maxNoteLength} rows={3} placeholder="What worked, what to try next…"
          onChange={(e) => setNote({ id: item.id, text: e.target.value })}
          onBlur={() => {
            if (text !== item.note) update({ note: text });
          }} />
      </label>
    </section>
  );
}
