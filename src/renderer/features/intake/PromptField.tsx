import { useId } from 'react';
import type { IntakeState } from './useIntake';

/** The text prompt, with its length against the provider's limit. */
export function PromptField({ maxLength, intake, unused }: { maxLength: number; intake: IntakeState; unused: boolean }) {
  const id = useId();
  const { prompt } = intake.intake;
  const length = [...prompt].length;
  const tooLong = length > maxLength;

  return (
    <div className="prompt">
      <label htmlFor={id} className="zone-name">Prompt</label>
      <textarea id={id} rows={3} value={prompt} placeholder="Describe the object to model" aria-invalid={tooLong}
        aria-describedby={`${id}-count${tooLong ? ` ${id}-problem` : ''}`} onChange={(e) => intake.setPrompt(e.target.value)} />
      <div className="prompt-foot">
        <span className="hint">{unused && prompt !== '' ? 'A picture is chosen, so this prompt is not used.' : ''}</span>
        <span id={`${id}-count`} className={`counter${tooLong ? ' over' : ''}`}>
          {length.toLocaleString('en-US')} / {maxLength.toLocaleString('en-US')}
        </span>
      </div>
      {tooLong && <p id={`${id}-problem`} className="zone-problem">The prompt must be at most {maxLength.toLocaleString('en-US')} characters.</p>}
    </div>
  );
}
