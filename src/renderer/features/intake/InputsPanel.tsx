import type { CatalogModel } from '../../../shared/catalog';
import { BatchPanel } from './BatchPanel';
import { DropZone } from './DropZone';
import { PromptField } from './PromptField';
import type { IntakeState, SlotKey } from './useIntake';
import { inBatch, providedInputs, takesBatch, zonesOf } from './zones';
import './intake.css';

interface InputsPanelProps {
  model: CatalogModel;
  intake: IntakeState;
  note?: string | null;
  /** Batch pictures whose job was refused at Generate, with the sentence. */
  refusals?: Partial<Record<SlotKey, string>>;
}

/** The pictures (and prompt) the chosen model takes, or the batch waiting for Generate. */
export function InputsPanel({ model, intake, note, refusals = {} }: InputsPanelProps) {
  const zones = zonesOf(model);
  const { text } = model.inputs;
  const multi = zones.length > 1;
  const provided = providedInputs(model, intake.intake);
  const batch = inBatch(model, intake.intake);
  const waiting = intake.intake.batch.length;

  return (
    <section className="panel inputs" aria-labelledby="inputs-title">
      <h2 id="inputs-title">Inputs</h2>
      {zones.length > 0 && (
        <p className="hint">
          Drop pictures anywhere on the window, or paste one.{takesBatch(model) ? ' Several pictures (or a folder) make a batch: one job each.' : ''}
        </p>
      )}
      {zones.length > 0 && text && !batch && <p className="hint">{eitherOr(model)}</p>}
      {batch ? (
        <BatchPanel model={model} intake={intake} refusals={refusals} />
      ) : (
        <div className={multi ? 'zones grid' : 'zones'}>
          {zones.map((z) => (
            <DropZone key={z.view} zone={z} intake={intake} batch={takesBatch(model)} />
          ))}
        </div>
      )}
      {!batch && waiting > 0 && (
        <p className="hint">
          A batch of {waiting} pictures waits for a single-picture model.{' '}
          <button type="button" className="quiet" onClick={intake.clearBatch}>Cancel batch</button>
        </p>
      )}
      <p className="hint" aria-live="polite">
        {note}
      </p>
      {text && !batch && <PromptField maxLength={text.maxLength} intake={intake} unused={Boolean(provided.image || provided.views)} />}
    </section>
  );
}

function eitherOr(model: CatalogModel): string {
  const extras = model.inputs.views && model.inputs.views.length > 1 ? ' (with optional extra views)' : '';
  return `Give a picture${extras} or a prompt. One of them is used: the picture when there is one.`;
}
