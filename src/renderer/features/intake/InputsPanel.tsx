import type { CatalogModel } from '../../../shared/catalog';
import { DropZone } from './DropZone';
import { PromptField } from './PromptField';
import type { IntakeState } from './useIntake';
import { providedInputs, zonesOf } from './zones';
import './intake.css';

/** The pictures (and prompt) the chosen model takes. */
export function InputsPanel({ model, intake, note }: { model: CatalogModel; intake: IntakeState; note?: string | null }) {
  const zones = zonesOf(model);
  const { text } = model.inputs;
  const multi = zones.length > 1;
  const provided = providedInputs(model, intake.intake);

  return (
    <section className="panel inputs" aria-labelledby="inputs-title">
      <h2 id="inputs-title">Inputs</h2>
      {zones.length > 0 && <p className="hint">Drop pictures anywhere on the window, or paste one.</p>}
      {zones.length > 0 && text && <p className="hint">{eitherOr(model)}</p>}
      <div className={multi ? 'zones grid' : 'zones'}>
        {zones.map((z) => (
          <DropZone key={z.view} zone={z} intake={intake} />
        ))}
      </div>
      <p className="hint" aria-live="polite">
        {note}
      </p>
      {text && <PromptField maxLength={text.maxLength} intake={intake} unused={Boolean(provided.image || provided.views)} />}
    </section>
  );
}

function eitherOr(model: CatalogModel): string {
  const extras = model.inputs.views && model.inputs.views.length > 1 ? ' (with optional extra views)' : '';
  return `Give a picture${extras} or a prompt. One of them is used: the picture when there is one.`;
}
