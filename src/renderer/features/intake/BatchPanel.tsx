import type { CatalogModel } from '../../../shared/catalog';
import { batchLine } from '../params/estimate';
import { SlotFacts } from './SlotFacts';
import type { IntakeState, Slot, SlotKey } from './useIntake';

/** The pictures of a batch that Generate would send: read, and not refused by the sniff or main. */
export function batchJobs(intake: IntakeState['intake']): SlotKey[] {
  return intake.batch.filter((key) => intake.slots[key]?.state === 'ready');
}

/**
 * A batch: several pictures for a single-picture model, one job each. A note, not a dialog: it says
 * what Generate will start and cost, lists each picture with its check, and can be trimmed or
 * cancelled. Nothing is sent, or paid, before Generate.
 */
export function BatchPanel({ model, intake, refusals }: { model: CatalogModel; intake: IntakeState; refusals: Partial<Record<SlotKey, string>> }) {
  const { batch, slots } = intake.intake;
  const jobs = batchJobs(intake.intake).length;
  const refused = batch.filter((key) => slots[key]?.state === 'refused').length;
  return (
    <div className="batch" role="group" aria-label="Batch">
      <p className="batch-line">{batchLine(model, batch.length, jobs)}</p>
      {refused > 0 && <p className="hint">{refused === 1 ? 'One picture is refused and will not be sent.' : `${refused} pictures are refused and will not be sent.`}</p>}
      <p className="hint">Nothing is sent or paid for until you press Generate; the parameters apply to every job.</p>
      <ul className="batch-list" aria-label="Batch pictures">
        {batch.map((key) => {
          const slot = slots[key];
          return slot ? <BatchItem key={key} id={key} slot={slot} intake={intake} refusal={refusals[key]} /> : null;
        })}
      </ul>
      <button type="button" className="quiet" onClick={intake.clearBatch}>
        Cancel batch
      </button>
    </div>
  );
}

function BatchItem({ id, slot, intake, refusal }: { id: SlotKey; slot: Slot; intake: IntakeState; refusal: string | undefined }) {
  return (
    <li className={`batch-item ${slot.state}`}>
      {slot.state === 'ready' && slot.url ? (
        <img className="batch-thumb" src={slot.url} alt={`Batch: ${slot.name}`}
          onLoad={(e) => intake.measured(id, slot.file, e.currentTarget.naturalWidth, e.currentTarget.naturalHeight)}
          onError={() => intake.undecodable(id, slot.file)} />
      ) : (
        <span className="batch-thumb" aria-hidden="true">{slot.state === 'ready' ? slot.format : ''}</span>
      )}
      <div className="batch-facts">
        <SlotFacts slot={slot} />
        {refusal && <p className="zone-problem" role="alert">Not started: {refusal}</p>}
      </div>
      <button type="button" className="zone-remove batch-remove" aria-label={`Remove ${slot.name} from the batch`} title="Remove from the batch" onClick={() => intake.remove(id)}>
        ×
      </button>
    </li>
  );
}
