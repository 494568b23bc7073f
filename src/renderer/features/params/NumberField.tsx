import type { NumberParam } from '../../../shared/catalog';
import type { FieldProps } from './field-props';

/** A slider for feel and a number field for exact values, both within the provider's range. */
export function NumberField({ param, id, describedBy, invalid, state }: FieldProps<NumberParam>) {
  const entry = state.entries[param.key] ?? param.default;
  const value = state.values[param.key];
  // While the typed text is not a number the slider rests where it was last valid-ish: the default.
  const sliderValue = typeof value === 'number' && Number.isFinite(value) ? Math.min(param.max, Math.max(param.min, value)) : param.default;

  return (
    <div className="number-pair">
      {/* The number field is the accessible control (arrow keys step it); the slider is a pointer
          shortcut, hidden from assistive tech so "<label>" names exactly one field. */}
      <input
        type="range"
        aria-hidden="true"
        tabIndex={-1}
        data-slider-for={param.key}
        min={param.min}
        max={param.max}
        step={param.step}
        value={sliderValue}
        onChange={(e) => state.set(param.key, Number(e.target.value))}
      />
      <input
        id={id}
        type="number"
        inputMode={param.type === 'integer' ? 'numeric' : 'decimal'}
        min={param.min}
        max={param.max}
        step={param.step}
        value={String(entry)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => state.set(param.key, e.target.value)}
      />
    </div>
  );
}
