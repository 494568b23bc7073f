import { useEffect, useState, type FormEvent } from 'react';
import { providerIds, type ProviderId } from '../../../shared/providers';
import { useStudio } from '../../studio-context';
import { providerLabels } from './provider-labels';
import { ApiKeysFieldset } from './ApiKeysFieldset';
import { useApiKeys } from './useApiKeys';

/** A side sheet (not modal): provider endpoints and API keys, saved together by one Save. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const [endpoints, setEndpoints] = useState<Partial<Record<ProviderId, string>>>({});
  const [status, setStatus] = useState<string>('');
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
  const keys = useApiKeys();

  useEffect(() => {
    void studio.settings.get().then((s) => setEndpoints(s.endpoints));
  }, [studio]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const cleaned = Object.fromEntries(Object.entries(endpoints).filter(([, v]) => v && v.trim() !== ''));
    try {
      await studio.settings.set({ endpoints: cleaned });
      const keyProblem = await keys.saveTyped();
      setStatus(keyProblem ?? 'Saved.');
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="settings-sheet" aria-label="Settings">
      <form onSubmit={save}>
        <div className="panel-head">
          <h2>Settings</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <fieldset>
          <legend>Provider endpoints</legend>
          <p className="hint">Leave empty to use each provider's public address.</p>
          {providerIds.map((id) => (
            <label key={id} className="field">
              <span>{providerLabels[id]} endpoint</span>
              <input
                type="url"
                value={endpoints[id] ?? ''}
                placeholder="Default"
                onChange={(e) => setEndpoints((prev) => ({ ...prev, [id]: e.target.value }))}
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
        <ApiKeysFieldset keys={keys} />
        <div className="actions">
          <button type="submit" className="primary">
            Save
          </button>
          <span role="status">{status}</span>
        </div>
      </form>
    </section>
  );
}
