import type { NumberParam } from '../../../shared/catalog';
import type { FieldProps } from './ParamField';

/** A slider for feel and a number field for exact values, both within the provider's range. */
export function NumberField({ param, id, describedBy, invalid, state }: FieldProps<NumberParam>) {
  const entry = state.entries[param.key] ?? param.default;
  const value = state.values[param.key];
  // While the typed text is not a number the slider rests where it was last valid-ish: the default.
  const sliderValue = typeof value === 'number' && Number.isFinite(value) ? Math.min(param.max, Math.max(param.min, value)) : param.default;

  return (
    <div className="number-pair">
      <input
        type="range"
        aria-label={`${param.label} slider`}
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
