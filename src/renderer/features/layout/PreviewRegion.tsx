import { ViewportView } from '../../viewport/ViewportView';

/** The centre area: the 3D viewport, which shows the empty-state hint until a model opens. */
export function PreviewRegion() {
  return (
    <section className="area preview" aria-label="3D preview">
      <ViewportView />
    </section>
  );
}
