import type { SeedParam } from '../../../shared/catalog';
import type { FieldProps } from './field-props';

/** A seed with a lock/dice toggle: the dice rolls a new seed each run, the lock keeps this one. */
export function SeedField({ param, id, describedBy, invalid, state }: FieldProps<SeedParam>) {
  const dice = state.dice[param.key] ?? false;
  const entry = state.entries[param.key] ?? param.default;
  const toggleTitle = dice ? 'A new seed each run. Click to keep one seed.' : 'This seed is kept. Click for a new seed each run.';

  return (
    <div className="seed-pair">
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={param.min}
        max={param.max}
        step={1}
        value={String(entry)}
        readOnly={dice}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => state.set(param.key, e.target.value)}
      />
      <button
        type="button"
        className="seed-toggle"
        aria-pressed={dice}
        aria-label="Random each run"
        title={toggleTitle}
        onClick={() => state.setDice(param, !dice)}
      >
        {dice ? <DiceIcon /> : <LockIcon />}
      </button>
    </div>
  );
}

function DiceIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <circle cx="5" cy="5" r="1.3" fill="currentColor" />
      <circle cx="8" cy="8" r="1.3" fill="currentColor" />
      <circle cx="11" cy="11" r="1.3" fill="currentColor" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
