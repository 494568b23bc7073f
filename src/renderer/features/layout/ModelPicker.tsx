import { providerIds } from '../../../shared/providers';
import { providerNames } from '../../../shared/provider-names';
import { modelsOf, type CatalogModel } from '../../../shared/catalog';

/** "≈ 37 s · $0.31 per run", or "≈ 1 min 41 s" where the provider publishes no price. */
export function runEstimate(model: CatalogModel): string {
  const s = Math.round(model.typicalSeconds);
  const time = s < 60 ? `≈ ${s} s` : `≈ ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return model.costUsd === undefined ? time : `${time} · $${model.costUsd.toFixed(2)} per run`;
}

/**
 * The header's "Model" combobox, grouped by provider, with the chosen model's time and cost.
 * `busy` while the saved choice is on its way (it may still change the shown model).
 */
export function ModelPicker({ model, onChoose, busy }: { model: CatalogModel; onChoose: (id: string) => void; busy: boolean }) {
  return (
    <div className="model-picker">
      <select aria-label="Model" aria-busy={busy} value={model.id} onChange={(e) => onChoose(e.target.value)} title={model.description}>
        {providerIds.map((provider) => {
          const models = modelsOf(provider);
          if (models.length === 0) return null;
          return (
            <optgroup key={provider} label={providerNames[provider]}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <span className="model-estimate" title="Typical time per run, and the provider's price where it is published">
        {runEstimate(model)}
      </span>
    </div>
  );
}
