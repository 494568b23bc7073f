import { useState } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import { ParamField } from './ParamField';
import { PresetsBar } from './PresetsBar';
import { typicalLine } from './estimate';
import type { ParamState } from './useParamValues';
import './params.css';

/** The chosen model's parameters, generated from the catalog; advanced ones behind a disclosure. */
export function ParametersPanel({ model, state }: { model: CatalogModel; state: ParamState }) {
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const basic = model.params.filter((p) => !p.advanced);
  const advanced = model.params.filter((p) => p.advanced);
  // A wrong value must never hide behind a closed disclosure.
  const advancedWrong = advanced.some((p) => state.problems[p.key]);

  return (
    <section className="panel grow params" aria-labelledby="parameters-title">
      <div className="panel-head">
        <h2 id="parameters-title">Parameters</h2>
        {model.params.length > 0 && (
          <button type="button" className="quiet" onClick={state.reset} title={`Put every ${model.label} parameter back to the provider's default`}>
            Reset to defaults
          </button>
        )}
      </div>
      <p className="typical" title="The provider's typical time for one run, and its price where it publishes one">{typicalLine(model)}</p>
      {model.params.length > 0 && <PresetsBar model={model} state={state} />}
      {model.params.length === 0 && <p className="hint">{model.label} has no parameters to set; it runs as the provider tunes it.</p>}
      {basic.map((p) => (
        <ParamField key={`${model.id}/${p.key}`} param={p} state={state} />
      ))}
      {advanced.length > 0 && (
        <details className="advanced" open={advancedOpen || advancedWrong} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
          <summary>Advanced</summary>
          {advanced.map((p) => (
            <ParamField key={`${model.id}/${p.key}`} param={p} state={state} />
          ))}
        </details>
      )}
    </section>
  );
}
