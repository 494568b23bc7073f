import { formatCount, formatSize, type ModelStats } from './stats';

/** The numbers an artist checks before keeping a result, in a quiet corner of the view. */
export function StatsReadout({ stats, name, side }: { stats: ModelStats; name: string; side?: 'left' | 'right' | undefined }) {
  const texture = stats.largestTexture ? ` (largest ${stats.largestTexture.width}×${stats.largestTexture.height})` : '';
  return (
    // The name sits outside the list: a <dl> may hold only dt/dd groups (axe: definition-list).
    <div className={`viewport-stats${side ? ` ${side}` : ''}`} role="group" aria-label={side === 'right' ? 'Compared model statistics' : 'Model statistics'}>
      <div className="viewport-stats-name" title={name}>{name}</div>
      <dl>
      <div><dt>Triangles</dt><dd>{formatCount(stats.triangles)}</dd></div>
      <div><dt>Vertices</dt><dd>{formatCount(stats.vertices)}</dd></div>
      <div><dt>Materials</dt><dd>{formatCount(stats.materials)}</dd></div>
      <div><dt>Textures</dt><dd>{formatCount(stats.textures)}{texture}</dd></div>
      <div><dt>Size</dt><dd>{formatSize(stats.size)}</dd></div>
      </dl>
    </div>
  );
}
