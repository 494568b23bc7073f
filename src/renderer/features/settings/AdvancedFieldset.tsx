import { useState } from 'react';
import { providerIds, type ProviderId } from '../../../shared/providers';
import { useStudio } from '../../studio-context';
import { providerLabels } from './provider-labels';

type Endpoints = Partial<Record<ProviderId, string>>;

/**
 * Provider addresses, folded away under "Advanced": most artists never change them, and a keyed
 * provider's new address is confirmed in main before a key is sent there. A self-hosted server's
 * address is the one most people set, so it can be tested from here.
 */
export function AdvancedFieldset({ endpoints, onChange }: { endpoints: Endpoints; onChange: (change: (prev: Endpoints) => Endpoints) => void }) {
  const studio = useStudio();
  const [serverNote, setServerNote] = useState<string>('');
  // Tests the saved address: what the app would use for a job.
  const testServer = async () => {
    setServerNote('Checking…');
    try {
      setServerNote((await studio.server.test()).message);
    } catch (error) {
      setServerNote(error instanceof Error ? error.message : String(error));
    }
  };
  const changed = providerIds.some((id) => (endpoints[id] ?? '') !== '');
  return (
    <details className="settings-advanced" open={changed}>
      <summary>Advanced</summary>
      <fieldset>
        <legend>Provider endpoints</legend>
        <p className="hint">Leave empty to use each provider's public address. Your own Hunyuan3D server goes in “Self-hosted endpoint”.</p>
        {providerIds.map((id) => (
          <label key={id} className="field">
            <span>{providerLabels[id]} endpoint</span>
            <input
              type="url"
              value={endpoints[id] ?? ''}
              placeholder="Default"
              onChange={(e) => onChange((prev) => ({ ...prev, [id]: e.target.value }))}
            />
          </label>
        ))}
        <div className="actions">
          <button type="button" onClick={() => void testServer()}>
            Test your server
          </button>
          <span className="hint" aria-live="polite">
            {serverNote}
          </span>
        </div>
      </fieldset>
    </details>
  );
}
