import type { ShownModel } from '../../viewport/Viewport';
import { ViewportView, type OpenRequest } from '../../viewport/ViewportView';

interface PreviewRegionProps {
  /** A finished job's files to show. */
  request: OpenRequest | null;
  onArtistOpen: () => void;
  onShown?: (shown: ShownModel | null) => void;
  onRequestShown?: (request: OpenRequest, thumbnail: () => Promise<Blob>) => void;
}

/** The centre area: the 3D viewport, which shows the empty-state hint until a model opens. */
export function PreviewRegion({ request, onArtistOpen, onShown, onRequestShown }: PreviewRegionProps) {
  return (
    <section className="area preview" aria-label="3D preview">
      <ViewportView request={request} onArtistOpen={onArtistOpen} onShown={onShown} onRequestShown={onRequestShown} />
    </section>
  );
}
