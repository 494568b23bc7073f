import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { jobStateWords } from '../../../shared/jobs';
import type { LibraryItem } from '../../../shared/library';
import { costWords, shortDate } from './words';
import { assetSrc } from '../../../shared/asset-url';

interface HistoryCardProps {
  item: LibraryItem;
  selected: boolean;
  now: number;
  onPick: (item: LibraryItem, how: { toggle: boolean; range: boolean }) => void;
  onOpen: (item: LibraryItem) => void;
  onFavourite: (item: LibraryItem) => void;
  onForget: (item: LibraryItem) => void;
  /** Right-click, the menu key or Shift+F10: the card's menu at that point. */
  onMenu: (item: LibraryItem, at: { x: number; y: number }) => void;
}

/** One job in the History grid: its input and result side by side, and what it was. */
export const HistoryCard = memo(function HistoryCard({ item, selected, now, onPick, onOpen, onFavourite, onForget, onMenu }: HistoryCardProps) {
  const word = item.missing ? 'Folder missing' : jobStateWords[item.state];
  const cost = costWords(item.costUsd);
  const date = shortDate(item.createdAt, now);
  const pick = (e: MouseEvent) => onPick(item, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey });
  const key = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') onOpen(item);
    else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const r = e.currentTarget.getBoundingClientRect();
      onMenu(item, { x: r.left + 12, y: r.top + 24 });
    }
    else if (e.key === ' ') {
      e.preventDefault();
      onPick(item, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey });
    }
  };
  return (
    <div
      role="gridcell"
      aria-selected={selected}
      aria-label={`${item.modelLabel}, ${date}, ${word}`}
      tabIndex={0}
      className={`history-card${selected ? ' selected' : ''}${item.missing ? ' missing' : ''}`}
      onClick={pick}
      onDoubleClick={() => onOpen(item)}
      onContextMenu={(e) => {
        e.preventDefault();
        if (!selected) onPick(item, { toggle: false, range: false });
        onMenu(item, { x: e.clientX, y: e.clientY });
      }}
      onKeyDown={key}
      title={item.inputNames.join(', ') || item.prompt || item.modelLabel}
    >
      <div className="history-thumbs">
        {item.inputThumbnail ? <img src={assetSrc(item.inputThumbnail, location.origin)} alt="" decoding="async" draggable={false} /> : <span className="history-thumb-empty">{item.prompt ? 'Aa' : ''}</span>}
        {item.resultThumbnail ? <img src={assetSrc(item.resultThumbnail, location.origin)} alt="" decoding="async" draggable={false} /> : <span className="history-thumb-empty" />}
      </div>
      <div className="history-line">
        <span className="history-model">{item.modelLabel}</span>
        <button
          type="button"
          className={`history-star${item.favourite ? ' on' : ''}`}
          aria-pressed={item.favourite}
          aria-label={`Favourite: ${item.modelLabel}, ${date}`}
          title={item.favourite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={(e) => {
            e.stopPropagation();
            onFavourite(item);
          }}
        >
          {item.favourite ? '★' : '☆'}
        </button>
      </div>
      <div className="history-line sub">
        <span>{date}</span>
        {/* Completed is most cards: a tick leaves the date room. The card's label says the word. */}
        <span className={`history-state s-${item.missing ? 'missing' : item.state}`} title={word}>{!item.missing && item.state === 'completed' ? '✓' : word}</span>
        {/* Always there (empty without a cost), so a card refilled with another job keeps its nodes. */}
        <span>{cost}</span>
      </div>
      {item.missing && (
        <button
          type="button"
          className="history-forget"
          aria-label={`Forget ${item.modelLabel}, ${date}`}
          title="Its folder was deleted outside Studio. Forget removes it from History."
          onClick={(e) => {
            e.stopPropagation();
            onForget(item);
          }}
        >
          Forget
        </button>
      )}
    </div>
  );
});
