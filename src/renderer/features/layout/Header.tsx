export function Header({ onOpenSettings, settingsOpen }: { onOpenSettings: () => void; settingsOpen: boolean }) {
  return (
    <header className="header">
      <h1 className="app-name">Hunyuan3D Studio</h1>
      <label className="model-picker">
        <span className="visually-hidden">Model</span>
        <select aria-label="Model" disabled defaultValue="">
          <option value="">No models available yet</option>
        </select>
      </label>
      <button type="button" className="primary" disabled title="Add an image and choose a model first">
        Generate
      </button>
      <span className="spacer" />
      <button type="button" aria-expanded={settingsOpen} onClick={onOpenSettings} title="Settings">
        Settings
      </button>
    </header>
  );
}
