import type { MapController } from '../../map';
import { HeatmapControl, HotspotPanel } from './HeatmapControl';
import { useHeatmap } from './useHeatmap';

/** The insight switches on the map (heat map, risk grades, advice panels). */
export function InsightControls({ controller }: { controller: MapController | null }) {
  const heat = useHeatmap(controller);
  return (
    <>
      <div className="insight-controls">
        <HeatmapControl state={heat} />
      </div>
      <HotspotPanel state={heat} />
    </>
  );
}
