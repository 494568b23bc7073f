export function PropertiesPanel() {
  return (
    <aside className="area right panel" aria-labelledby="properties-title">
      <h2 id="properties-title">Properties</h2>
      <p className="hint">Model statistics and job details appear here.</p>
      <button type="button" disabled title="Open a finished model to export it">
        Export…
      </button>
    </aside>
  );
}
