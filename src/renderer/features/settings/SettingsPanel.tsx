import { useEffect, useState, type FormEvent } from 'react';
import type { ProviderId } from '../../../shared/providers';
import { defaultSettings, proxyProblem, type JobsSettings, type TrustedCertificate } from '../../../shared/settings';
import { useStudio } from '../../studio-context';
import { ApiKeysFieldset } from './ApiKeysFieldset';
import { useApiKeys } from './useApiKeys';
import { FoldersFieldset } from './FoldersFieldset';
import { JobsFieldset, jobsProblem } from './JobsFieldset';
import { NetworkFieldset } from './NetworkFieldset';
import { AdvancedFieldset } from './AdvancedFieldset';

/**
 * A side sheet (not modal): API keys, jobs, the proxy and (under Advanced) provider endpoints are saved together by
 * one Save; the library, export folder and certificates act at once (main asks for the folder or file).
 */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const [endpoints, setEndpoints] = useState<Partial<Record<ProviderId, string>>>({});
  const [status, setStatus] = useState<string>('');
  const [jobs, setJobs] = useState<JobsSettings>(defaultSettings.jobs);
  const [proxy, setProxy] = useState('');
  const [certificates, setCertificates] = useState<TrustedCertificate[]>([]);

  const keys = useApiKeys();

  useEffect(() => {
    void studio.settings.get().then((s) => {
      setEndpoints(s.endpoints);
      setJobs(s.jobs);
      setProxy(s.network.proxy);
      setCertificates(s.trustedCertificates);
    });
    // Certificates change from main (added after its file dialog); follow them.
    return studio.on('settings:changed', (s) => setCertificates(s.trustedCertificates));
  }, [studio]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const cleaned = Object.fromEntries(Object.entries(endpoints).filter(([, v]) => v && v.trim() !== ''));
    const problem = jobsProblem(jobs) ?? proxyProblem(proxy);
    if (problem) {
      setStatus(`Not saved: ${problem}`);
      return;
    }
    try {
      await studio.settings.set({ endpoints: cleaned, jobs, network: { proxy: proxy.trim() } });
      const keyProblem = await keys.saveTyped();
      setStatus(keyProblem ?? 'Saved.');
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="settings-sheet" aria-label="Settings">
      {/* Our own sentences say what is wrong (the browser’s bubbles would not name the field the same way). */}
      <form onSubmit={save} noValidate>
        <div className="panel-head">
          <h2>Settings</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <ApiKeysFieldset keys={keys} />
        <JobsFieldset jobs={jobs} onChange={setJobs} />
        <FoldersFieldset />
        <NetworkFieldset proxy={proxy} onProxy={setProxy} certificates={certificates} />
        <AdvancedFieldset endpoints={endpoints} onChange={setEndpoints} />
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
