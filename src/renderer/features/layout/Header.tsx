import { useState } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import { ModelPicker } from './ModelPicker';
import './header.css';

interface HeaderProps {
  model: CatalogModel;
  onChooseModel: (id: string) => void;
  /** Why Generate cannot run yet, as a sentence; null when it can. */
  generateProblem: string | null;
  onOpenSettings: () => void;
  settingsOpen: boolean;
}

export function Header({ model, onChooseModel, generateProblem, onOpenSettings, settingsOpen }: HeaderProps) {
  const [note, setNote] = useState('');
  return (
    <header className="header">
      <h1 className="app-name">Hunyuan3D Studio</h1>
      <ModelPicker model={model} onChoose={(id) => { setNote(''); onChooseModel(id); }} />
      <button type="button" className="primary generate" disabled={generateProblem !== null}
        title={generateProblem ?? `Run ${model.label} with these inputs and parameters`}
        onClick={() => setNote('Generating comes with the job engine.')}>
        Generate
      </button>
      {/* Rendered only with a message, so the Settings sheet's status stays the page's only one. */}
      {note && <span role="status" className="header-note">{note}</span>}
      <span className="spacer" />
      <button type="button" aria-expanded={settingsOpen} onClick={onOpenSettings} title="Settings">
        Settings
      </button>
    </header>
  );
}
