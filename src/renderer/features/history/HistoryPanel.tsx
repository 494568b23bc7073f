import { useCallback, useEffect, useRef, useState } from 'react';
import { catalog } from '../../../shared/catalog';
import type { JobSummary } from '../../../shared/jobs';
import type { LibraryItem } from '../../../shared/library';
import { providerIds, type ProviderId } from '../../../shared/providers';
import { providerNames } from '../../../shared/provider-names';
import { useStudio } from '../../studio-context';
import { isFiltered, sinceFilters, statusFilters, type SinceFilter, type StatusFilter } from './filters';
import { HistoryGrid } from './HistoryGrid';
import { HistoryMenu } from './HistoryMenu';
import { useLibraryActions, type Duplicate } from './useLibraryActions';
import { useHistory } from './useHistory';
import type { SelectionState } from './useSelection';
import './history.css';

/** What the rest of the page may do to History's list: apply an action's reply, drop a job, look one up. */
export interface HistoryLink {
  replace: (item: LibraryItem) => void;
  remove: (id: string) => void;
  find: (id: string) => LibraryItem | undefined;
}

interface HistoryPanelProps {
  /** Hands the rest of the page its way to the list (null when the panel goes). */
  onLink: (link: HistoryLink | null) => void;
  selection: SelectionState;
  /** Open a job's model in the 3D preview. */
  onOpen: (item: LibraryItem) => void;
  onDuplicate: (dup: Duplicate) => void;
  onRerun: (job: JobSummary) => void;
  /** A job left the library (trashed, forgotten). */
  onGone: (id: string) => void;
}

/** The bottom-right area: everything ever generated, searchable, as a virtualised grid. */
export function HistoryPanel({ onLink, selection, onOpen, onDuplicate, onRerun, onGone }: HistoryPanelProps) {
  const studio = useStudio();
  const history = useHistory(studio);
  const loaded = useRef(history.items);
  useEffect(() => {
    loaded.current = history.items;
  }, [history.items]);
  const { replace, remove } = history;
  useEffect(() => {
    onLink({ replace, remove, find: (id) => loaded.current.find((i) => i.id === id) });
    return () => onLink(null);
  }, [onLink, replace, remove]);
  const actions = useLibraryActions(studio, { onItem: history.replace, onDuplicate, onRerun, onGone });
  const [menu, setMenu] = useState<{ item: LibraryItem; at: { x: number; y: number } } | null>(null);
  const { filters, setFilters } = history;
  const set = (patch: Partial<typeof filters>) => setFilters({ ...filters, ...patch });

    // The loaded order through a ref: a page arriving must not re-render every card for a new callback.
  const { pick: select } = selection;
  const pick = useCallback((item: LibraryItem, how: { toggle: boolean; range: boolean }) => select(item.id, how, loaded.current), [select]);
  const { update, forget: forgetJob } = actions;
  const favourite = useCallback((item: LibraryItem) => void update(item.id, { favourite: !item.favourite }), [update]);
  const forget = useCallback((item: LibraryItem) => void forgetJob(item), [forgetJob]);
  const openMenu = useCallback((item: LibraryItem, at: { x: number; y: number }) => setMenu({ item, at }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const menuActions = (item: LibraryItem) => {
    const done = item.state === 'completed' && !item.missing;
    return [
      { label: 'Open in preview', run: () => onOpen(item), disabled: !done },
      { label: 'Re-run', run: () => void actions.rerun(item), disabled: item.missing },
      { label: 'Duplicate & tweak', run: () => void actions.duplicate(item), disabled: item.missing },
      { label: item.favourite ? 'Remove from favourites' : 'Add to favourites', run: () => favourite(item) },
      { label: 'Reveal in folder', run: () => void actions.reveal(item), disabled: item.missing },
      item.missing ? { label: 'Forget', run: () => forget(item) } : { label: 'Move to trash', run: () => void actions.trash(item) },
    ];
  };

  const filtered = isFiltered(filters);
  const models = filters.provider ? catalog.filter((m) => m.provider === filters.provider) : catalog;
  return (
    <section className="panel history" aria-labelledby="history-title">
      <div className="panel-head history-head">
        <h2 id="history-title">History</h2>
        <span className="history-count" aria-live="polite">
          {history.ready ? `${history.total.toLocaleString('en-US')} ${history.total === 1 ? 'job' : 'jobs'}` : ''}
        </span>
        <input type="search" aria-label="Search history" placeholder="Search history" value={filters.text} onChange={(e) => set({ text: e.target.value })} />
        <select aria-label="Provider" value={filters.provider} onChange={(e) => set({ provider: e.target.value as ProviderId | '', modelId: '' })}>
          <option value="">All providers</option>
          {providerIds.map((p) => <option key={p} value={p}>{providerNames[p]}</option>)}
        </select>
        <select aria-label="Made with" title="Filter by model" value={filters.modelId} onChange={(e) => set({ modelId: e.target.value })}>
          <option value="">Any model</option>
          {models.map((m) => <option key={m.id} value={m.id}>{m.label}{filters.provider ? '' : ` (${providerNames[m.provider]})`}</option>)}
        </select>
        <select aria-label="Status" value={filters.status} onChange={(e) => set({ status: e.target.value as StatusFilter | '' })}>
          <option value="">Any status</option>
          {Object.entries(statusFilters).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
        </select>
        <select aria-label="Date" value={filters.since} onChange={(e) => set({ since: e.target.value as SinceFilter })}>
          {Object.entries(sinceFilters).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
        </select>
        <button type="button" className={`history-fav-filter${filters.favourite ? ' on' : ''}`} aria-pressed={filters.favourite} title="Show only favourites" onClick={() => set({ favourite: !filters.favourite })}>
          ★ Favourites
        </button>
      </div>
      {history.problem && <p role="alert" className="history-note alert">{history.problem}</p>}
      {actions.note && (
        <p role={actions.note.alert ? 'alert' : 'status'} className={`history-note${actions.note.alert ? ' alert' : ''}`}>
          {actions.note.text}
        </p>
      )}
      {history.ready && history.total === 0 ? (
        <p className="hint history-empty">
          {filtered ? 'Nothing in History matches. Clear the search or the filters to see every job.' : 'Everything you generate is kept here, offline. Nothing yet: add a picture on the left and press Generate.'}
        </p>
      ) : (
        <HistoryGrid items={history.items} total={history.total} selected={selection.ids} want={history.want}
          onPick={pick} onOpen={onOpen} onFavourite={favourite} onForget={forget} onMenu={openMenu} />
      )}
      {menu && <HistoryMenu item={menu.item} at={menu.at} actions={menuActions(menu.item)} onClose={closeMenu} />}
    </section>
  );
}
