import { useRef } from 'react';
import { keyedProviderIds } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import { MODEL_EXTENSIONS } from '../../viewport/formats';
import { keyPages } from '../../../shared/key-pages';
import './onboarding.css';

const accept = [...MODEL_EXTENSIONS, '.mtl', '.bin', '.png', '.jpg', '.jpeg', '.webp'].join(',');

interface WelcomeProps {
  /** Opens Settings with focus on the first API key field. */
  onAddKey: () => void;
  /** Files picked to look at in the viewport, as its own "Open model…" would. */
  onOpenModel: (files: File[]) => void;
  onDismiss: () => void;
}

/**
 * The first run, in the empty preview's place (not a modal: the header, intake, History and the
 * viewport's own controls all keep working around it). Shown while no key and no self-hosted
 * address are saved, until "Not now".
 */
export function Welcome({ onAddKey, onOpenModel, onDismiss }: WelcomeProps) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <section className="welcome" aria-label="Welcome">
      <h2 className="welcome-title">Welcome to Hunyuan3D Studio</h2>
      <p>Your model will appear here. To make one from a picture, Studio runs Hunyuan3D at a provider, and that needs an API key.</p>
      <p>An API key is a password from the provider that lets Studio run jobs on your account; each job is billed there. Studio keeps it in your system keychain and never shows it again.</p>
      <ul className="welcome-links" aria-label="Where to get a key">
        {keyedProviderIds.map((id) => (
          <li key={id}>
            <a href={keyPages[id].url} target="_blank" rel="noreferrer">{providerNames[id]} API keys</a>
            <span className="hint"> — {keyPages[id].where}</span>
          </li>
        ))}
      </ul>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onAddKey}>Add your API key…</button>
        <button type="button" onClick={onDismiss}>Not now</button>
      </div>
      <p>
        No key is needed to look at models: open a GLB, glTF, OBJ, PLY, STL, FBX or USDZ file, or drop one here.{' '}
        <button type="button" className="welcome-inline" onClick={() => picker.current?.click()}>Open a model file…</button>
        <input ref={picker} type="file" multiple accept={accept} hidden tabIndex={-1} aria-hidden="true"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) onOpenModel(files);
          }} />
      </p>
      <p className="hint">
        Running Hunyuan3D on your own computer or server? Put its address in Settings, under Advanced, as the self-hosted address; it needs no key.
      </p>
    </section>
  );
}
