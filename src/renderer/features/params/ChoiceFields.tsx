import type { BooleanParam, EnumParam, StringParam } from '../../../shared/catalog';
import { segmentLimit, type FieldProps } from './field-props';

const shown = (p: EnumParam, v: string | number) => p.valueLabels?.[String(v)] ?? String(v);

/** A few values as a segmented radio group; more than fit the panel as a select. */
export function EnumField({ param, id, labelId, describedBy, invalid, state }: FieldProps<EnumParam>) {
  const current = state.values[param.key] ?? param.default;
  // Values may be numbers (256, 384…); the DOM speaks strings, so the index maps back.
  const pick = (index: number) => {
    const v = param.values[index];
    if (v !== undefined) state.set(param.key, v);
  };

  if (param.values.length > segmentLimit) {
    return (
      <select id={id} value={String(param.values.findIndex((v) => v === current))} aria-invalid={invalid} aria-describedby={describedBy}
        onChange={(e) => pick(Number(e.target.value))}>
        {param.values.map((v, i) => (
          <option key={String(v)} value={String(i)}>
            {shown(param, v)}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div role="radiogroup" className="segmented" aria-labelledby={labelId} aria-invalid={invalid} aria-describedby={describedBy}>
      {param.values.map((v, i) => (
        <label key={String(v)} className="segment">
          <input type="radio" name={id} value={String(i)} checked={v === current} onChange={() => pick(i)} />
          <span>{shown(param, v)}</span>
        </label>
      ))}
    </div>
  );
}

/** On/off as a switch. */
export function BooleanField({ param, id, describedBy, state }: FieldProps<BooleanParam>) {
  const on = state.values[param.key] === true;
  return (
    <span className="switch">
      <input id={id} type="checkbox" role="switch" checked={on} aria-describedby={describedBy}
        onChange={(e) => state.set(param.key, e.target.checked)} />
      <span className="switch-track" aria-hidden="true" />
      <span className="switch-text" aria-hidden="true">{on ? 'On' : 'Off'}</span>
    </span>
  );
}

/** Free text within the provider's length. */
export function TextField({ param, id, describedBy, invalid, state }: FieldProps<StringParam>) {
  const text = state.entries[param.key];
  return (
    <input id={id} type="text" value={typeof text === 'string' ? text : ''} aria-invalid={invalid} aria-describedby={describedBy}
      onChange={(e) => state.set(param.key, e.target.value)} />
  );
}
