import { ViewportView, type OpenRequest } from '../../viewport/ViewportView';

interface PreviewRegionProps {
  /** A finished job's files to show. */
  request: OpenRequest | null;
  onArtistOpen: () => void;
}

/** The centre area: the 3D viewport, which shows the empty-state hint until a model opens. */
export function PreviewRegion({ request, onArtistOpen }: PreviewRegionProps) {
  return (
    <section className="area preview" aria-label="3D preview">
      <ViewportView request={request} onArtistOpen={onArtistOpen} />
    </section>
  );
}
