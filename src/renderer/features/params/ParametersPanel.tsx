export function ParametersPanel() {
  return (
    <section className="panel grow" aria-labelledby="parameters-title">
      <h2 id="parameters-title">Parameters</h2>
      <p className="hint">The chosen model's settings appear here.</p>
    </section>
  );
}
