import type { CatalogModel } from '../../../shared/catalog';
import { ModelPicker } from './ModelPicker';
import { shortcutKeys } from '../shortcuts/keys';
import './header.css';

interface HeaderProps {
  model: CatalogModel;
  onChooseModel: (id: string) => void;
  /** The saved model choice has not arrived yet. */
  restoring: boolean;
  /** Why Generate cannot run yet, as a sentence; null when it can. */
  generateProblem: string | null;
  /** A submit is on its way: Generate waits, so a double click cannot pay twice. */
  sending: boolean;
  /** Why the last Generate was refused, as a sentence; null when it was not or the inputs changed since. */
  refusal: string | null;
  onGenerate: () => void;
  /** Jobs Generate starts: more than one for a batch, and the button says so. */
  jobCount?: number;
  /** "Sending 2 of 3…" while a batch goes out. */
  progress?: string | null;
  onOpenSettings: () => void;
  settingsOpen: boolean;
  onShowShortcuts: () => void;
}

export function Header({ model, onChooseModel, restoring, generateProblem, sending, refusal, onGenerate, onOpenSettings, settingsOpen, onShowShortcuts, jobCount = 1, progress = null }: HeaderProps) {
  const ready = jobCount > 1 ? `Start ${jobCount} jobs of ${model.label}, one per picture, with these parameters` : `Run ${model.label} with these inputs and parameters`;
  const title = sending ? (progress ?? 'Sending the job…') : (generateProblem ?? `Generate (${shortcutKeys('generate')}): ${ready.charAt(0).toLowerCase()}${ready.slice(1)}`);
  return (
    <header className="header">
      <h1 className="app-name">Hunyuan3D Studio</h1>
      <ModelPicker model={model} onChoose={onChooseModel} busy={restoring} />
      <button type="button" className={`primary generate${sending ? ' sending' : ''}`} disabled={generateProblem !== null || sending}
        aria-busy={sending} title={title} onClick={onGenerate}>
        {jobCount > 1 ? `Generate ${jobCount} jobs` : 'Generate'}
      </button>
      {progress && <span className="header-progress" role="status">{progress}</span>}
      {refusal && (
        <p role="alert" className="header-refusal">
          {refusal}
        </p>
      )}
      <span className="spacer" />
      <button type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onShowShortcuts}>
        ?
      </button>
      <button type="button" aria-expanded={settingsOpen} onClick={onOpenSettings} title={`Settings (${shortcutKeys('settings')})`}>
        Settings
      </button>
    </header>
  );
}
