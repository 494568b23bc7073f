import { useState } from 'react';
import { proxyProblem, type TrustedCertificate } from '../../../shared/settings';
import { useStudio } from '../../studio-context';

/**
 * The proxy (saved by Save) and extra trusted certificates (added by main from a file the artist
 * picks, at once; the page never names a file or a certificate).
 */
export function NetworkFieldset({ proxy, onProxy, certificates }: { proxy: string; onProxy: (v: string) => void; certificates: TrustedCertificate[] }) {
  const studio = useStudio();
  const [note, setNote] = useState('');
  const problem = proxyProblem(proxy);
  const act = async (work: () => Promise<string>) => {
    try {
      setNote(await work());
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <fieldset>
      <legend>Network</legend>
      <label className="field">
        <span>HTTPS proxy</span>
        <input type="url" value={proxy} placeholder="None (or HTTPS_PROXY from your system)" aria-invalid={problem ? true : undefined} onChange={(e) => onProxy(e.target.value)} />
      </label>
      <p className="hint">{problem ?? 'Only if your network requires one, like http://proxy.example.com:8080. The proxy sees which service Studio connects to, never your keys. Services on this computer, and a server of your own on plain http, are reached directly.'}</p>
      <p className="hint">Extra trusted certificates: add your network’s certificate (a PEM file) if it inspects secure traffic. They are trusted besides the usual ones.</p>
      <ul className="certificates" aria-label="Trusted certificates">
        {certificates.map((c) => (
          <li key={c.name}>
            <span>{c.name}</span>
            <button type="button" aria-label={`Remove the certificate ${c.name}`} onClick={() => void act(async () => (await studio.network['remove-certificate']({ name: c.name }), `${c.name} is no longer trusted.`))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={() => void act(async () => (await studio.network['add-certificate']()).message)}>
          Add certificate…
        </button>
      </div>
      {note ? (
        <p className="hint" aria-live="polite">
          {note}
        </p>
      ) : null}
    </fieldset>
  );
}
