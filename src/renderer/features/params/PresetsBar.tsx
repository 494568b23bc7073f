import { useId, useState, type FormEvent } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import { maxPresetNameLength } from '../../../shared/presets';
import { useStudio } from '../../studio-context';
import type { ParamState } from './useParamValues';
import { usePresets } from './usePresets';

/**
 * Named presets of the chosen model: pick one to apply it, save the fields under a name (the same
 * name replaces it), delete the picked one. Only this model's presets are listed: a preset's values
 * mean nothing to another model, so applying one never switches the model.
 */
export function PresetsBar({ model, state }: { model: CatalogModel; state: ParamState }) {
  const studio = useStudio();
  const { presets, apply, save, remove, problem, said } = usePresets(studio, model, state);
  const [picked, setPicked] = useState('');
  const [name, setName] = useState('');
  const id = useId();
  const current = presets.some((p) => p.name === picked) ? picked : '';

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (await save(name)) {
      setPicked(name.trim());
      setName('');
    }
  };

  return (
    <div className="presets">
      <div className="presets-row">
        <label htmlFor={`${id}-pick`} className="param-label">Preset</label>
        <select id={`${id}-pick`} value={current} onChange={(e) => {
          setPicked(e.target.value);
          apply(e.target.value);
        }}>
          <option value="">{presets.length === 0 ? 'No presets yet' : 'Choose a preset…'}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>{p.name}</option>
          ))}
        </select>
        <button type="button" className="quiet" disabled={current === ''} title={current ? `Delete the preset “${current}”` : 'Choose a preset to delete'}
          onClick={() => {
            void remove(current);
            setPicked('');
          }}>
          Delete preset
        </button>
      </div>
      <form className="presets-row" onSubmit={(e) => void onSave(e)}>
        <input type="text" aria-label="Preset name" placeholder="Name for these settings" maxLength={maxPresetNameLength} value={name}
          onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={name.trim() === ''} title={`Save the ${model.label} parameters as they are now under this name`}>
          Save preset
        </button>
      </form>
      <p className={problem ? 'param-problem' : 'hint'} role={problem ? 'alert' : 'status'}>{problem ?? said}</p>
    </div>
  );
}
