import { useId, useRef, useState, type DragEvent } from 'react';
import type { Zone } from './zones';
import type { IntakeState } from './useIntake';
import { SlotFacts } from './SlotFacts';

/**
 * A drop target with a "Choose file…" button; shows the thumbnail, size, what will be fixed, or why
 * a file was refused. With `batch`, several pictures picked or dropped here make a batch.
 */
export function DropZone({ zone, intake, batch = false }: { zone: Zone; intake: IntakeState; batch?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const slot = intake.intake.slots[zone.view];

  const take = (files: FileList | null) => {
    if (batch && files && files.length > 1) return intake.addBatch([...files]);
    const file = files?.[0];
    if (file) void intake.add(zone.view, file);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    // Several pictures or a folder: the window's handler places them (a batch, or the views in order).
    const items = Array.from(e.dataTransfer.items ?? []);
    if (e.dataTransfer.files.length > 1 || items.some((i) => i.kind === 'file' && i.webkitGetAsEntry?.()?.isDirectory)) return;
    e.preventDefault();
    take(e.dataTransfer.files);
  };
  const onDragOver = (e: DragEvent) => {
    // Without preventDefault the browser refuses the drop (and Electron would open the file).
    e.preventDefault();
    setOver(true);
  };

  return (
    <div className={`zone${over ? ' over' : ''}${slot ? ` ${slot.state}` : ''}`} data-zone={zone.view}
      onDragOver={onDragOver} onDrop={onDrop}
      // Moving over the zone's own children fires dragleave too; only leaving the zone counts.
      onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOver(false)}>
      <div className="zone-head">
        <span id={`${id}-name`} className="zone-name">{zone.name}</span>
        {zone.required && <span className="badge">required</span>}
      </div>
      <div className="zone-picture">
        {slot?.state === 'ready' && slot.url ? (
          <img className="thumb" src={slot.url} alt={`${zone.name}: ${slot.name}`}
            onLoad={(e) => intake.measured(zone.view, slot.file, e.currentTarget.naturalWidth, e.currentTarget.naturalHeight)}
            onError={() => intake.undecodable(zone.view, slot.file)} />
        ) : (
          <div className="zone-empty" aria-hidden="true">{slot?.state === 'ready' ? slot.format : over ? 'Drop to use' : 'Drop a picture'}</div>
        )}
        {slot && (
          <button type="button" className="zone-remove" aria-label={zone.name === 'Image' ? 'Clear the picture' : `Clear the ${zone.view} picture`} title="Remove" onClick={() => intake.remove(zone.view)}>
            ×
          </button>
        )}
      </div>
      {slot && <SlotFacts slot={slot} />}
      <div className="zone-actions">
        <input ref={input} type="file" accept="image/*" multiple={batch} className="file-input" tabIndex={-1} aria-label={zone.name}
          aria-required={zone.required} onChange={(e) => { take(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <button type="button" aria-describedby={`${id}-name`} onClick={() => input.current?.click()}>
          Choose file…
        </button>
      </div>
    </div>
  );
}
