export function InputsPanel() {
  return (
    <section className="panel" aria-labelledby="inputs-title">
      <h2 id="inputs-title">Inputs</h2>
      <p className="hint">Choose a model to see the pictures it takes.</p>
    </section>
  );
}
