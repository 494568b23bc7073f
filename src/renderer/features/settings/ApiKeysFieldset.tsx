import { keyedProviderIds } from '../../../shared/keys';
import { providerLabels } from './provider-labels';
import type { useApiKeys } from './useApiKeys';

/** One password field per provider; the form's Save button saves what was typed. */
export function ApiKeysFieldset({ keys }: { keys: ReturnType<typeof useApiKeys> }) {
  return (
    <fieldset>
      <legend>API keys</legend>
      <p className="hint">Keys are kept in your system keychain and never shown again; only their last 4 characters are.</p>
      {keyedProviderIds.map((id) => {
        const name = `${providerLabels[id]} API key`;
        const state = keys.status?.[id];
        return (
          <div key={id} className="key-field">
            <label className="field">
              <span>{name}</span>
              <input
                type="password"
                autoComplete="off"
                spellCheck={false}
                ref={keys.field(id)}
                placeholder={state?.set ? 'Type a new key to replace it' : 'Paste your key'}
              />
            </label>
            <div className="actions">
              <span className="hint">{state?.set ? `Saved — ends in ${state.last4 ?? ''}` : 'Not saved'}</span>
              <button type="button" aria-label={`Remove the ${providerLabels[id]} key`} disabled={!state?.set} onClick={() => void keys.remove(id)}>
                Remove
              </button>
              <button type="button" aria-label={`Test the ${providerLabels[id]} key`} disabled={!state?.set} onClick={() => void keys.test(id)}>
                Test
              </button>
            </div>
            {keys.notes[id] ? (
              <p className="hint" aria-live="polite">
                {keys.notes[id]}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
