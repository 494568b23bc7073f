import { useId, useRef, useState, type DragEvent } from 'react';
import type { Zone } from './zones';
import type { IntakeState, Slot } from './useIntake';
import { byteSize } from './sniff';

/** A drop target with a "Choose file…" button; shows the thumbnail, size, or why a file was refused. */
export function DropZone({ zone, intake }: { zone: Zone; intake: IntakeState }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const slot = intake.intake.slots[zone.view];

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void intake.add(zone.view, file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
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
        <input ref={input} type="file" accept="image/*" className="file-input" tabIndex={-1} aria-label={zone.name}
          aria-required={zone.required} onChange={(e) => { take(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <button type="button" aria-describedby={`${id}-name`} onClick={() => input.current?.click()}>
          Choose file…
        </button>
      </div>
    </div>
  );
}

function SlotFacts({ slot }: { slot: Slot }) {
  if (slot.state === 'refused') return <p className="zone-problem" role="alert">{slot.message}</p>;
  const pixels = slot.state === 'ready' && slot.width ? `${slot.width} × ${slot.height} · ` : '';
  const note = slot.state === 'reading' ? 'Reading…' : `${pixels}${byteSize(slot.bytes)}`;
  return (
    <p className="zone-facts" title={slot.state === 'ready' && slot.width ? `${slot.name}: ${slot.width} × ${slot.height} pixels, ${byteSize(slot.bytes)}` : slot.name}>
      <span className="zone-file">{slot.name}</span>
      <span className="zone-size">{note}</span>
    </p>
  );
}
