import type { Slot } from './useIntake';
import { byteSize } from './sniff';

/** What main's image step said it will do, in a line: "Will be resized from 8000×6000, converted to PNG." */
function checkLine(slot: Extract<Slot, { state: 'ready' }>): string | null {
  const { check } = slot;
  if (check === undefined || check === 'checking') return 'Checking…';
  if (check === 'unchecked') return null;
  if (check.fixes.length === 0) return 'Nothing to fix.';
  return `Will be ${check.fixes.join(', ')}.`;
}

/** A picture's name, pixel and byte size, and what the image step will fix or why it refused it. */
export function SlotFacts({ slot }: { slot: Slot }) {
  if (slot.state === 'refused') {
    return (
      <>
        <p className="zone-facts"><span className="zone-file">{slot.name}</span></p>
        <p className="zone-problem" role="alert">{slot.message}</p>
      </>
    );
  }
  const pixels = slot.state === 'ready' && slot.width ? `${slot.width} × ${slot.height} · ` : '';
  const note = slot.state === 'reading' ? 'Reading…' : `${pixels}${byteSize(slot.bytes)}`;
  const line = slot.state === 'ready' ? checkLine(slot) : null;
  return (
    <>
      <p className="zone-facts" title={slot.state === 'ready' && slot.width ? `${slot.name}: ${slot.width} × ${slot.height} pixels, ${byteSize(slot.bytes)}` : slot.name}>
        <span className="zone-file">{slot.name}</span>
        <span className="zone-size">{note}</span>
      </p>
      {line && <p className="zone-fixes">{line}</p>}
    </>
  );
}
