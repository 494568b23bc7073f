/** The centre area. The three.js viewport mounts here (see src/renderer/viewport). */
export function PreviewRegion() {
  return (
    <section className="area preview" aria-label="3D preview">
      <div className="preview-empty">
        <p>Your model will appear here.</p>
        <p className="hint">Add a picture on the left, then press Generate.</p>
      </div>
    </section>
  );
}
