import { useState } from 'react';
import type { ShownModel } from '../../viewport/Viewport';
import { ViewportView, type OpenRequest } from '../../viewport/ViewportView';
import { Welcome } from '../onboarding/Welcome';
import { useFirstRun } from '../onboarding/useFirstRun';
import { useStudio } from '../../studio-context';

interface PreviewRegionProps {
  /** A finished job's files to show. */
  request: OpenRequest | null;
  onArtistOpen: () => void;
  onShown?: (shown: ShownModel | null) => void;
  onRequestShown?: (request: OpenRequest, thumbnail: () => Promise<Blob>) => void;
  /** The first-run welcome's "Add your API key…": Settings, on the first key field. */
  onAddKey: () => void;
}

/**
 * The centre area: the 3D viewport, which shows the empty-state hint until a model opens — or, on
 * a first run (no key, no self-hosted address), the welcome in that hint's place.
 */
export function PreviewRegion({ request, onArtistOpen, onShown, onRequestShown, onAddKey }: PreviewRegionProps) {
  const firstRun = useFirstRun(useStudio());
  // The welcome's "Open a model file…" and a job's result both reach the viewport as a request; the latest wins.
  const [picked, setPicked] = useState<OpenRequest | null>(null);
  const [lastJob, setLastJob] = useState(request);
  if (request !== lastJob) {
    setLastJob(request);
    setPicked(null);
  }
  const openPicked = (files: File[]) => {
    onArtistOpen();
    setPicked({ files });
  };
  const welcome = firstRun.show ? <Welcome onAddKey={onAddKey} onOpenModel={openPicked} onDismiss={firstRun.dismiss} /> : undefined;
  return (
    <section className="area preview" aria-label="3D preview">
      <ViewportView request={picked ?? request} onArtistOpen={onArtistOpen} onShown={onShown} onRequestShown={onRequestShown} emptyState={welcome} />
    </section>
  );
}
