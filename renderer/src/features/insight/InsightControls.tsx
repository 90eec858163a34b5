import type { MapController } from '../../map';
import { HeatmapControl, HotspotPanel } from './HeatmapControl';
import { useHeatmap } from './useHeatmap';
import { RiskControl } from './RiskControl';
import { EtaCalibrationPanel } from './EtaCalibrationPanel';
import { RepositionPanel } from './RepositionPanel';

/** The insight switches on the map (heat map, risk grades, advice panels). */
export function InsightControls({ controller }: { controller: MapController | null }) {
  const heat = useHeatmap(controller);
  return (
    <>
      <div className="insight-controls">
        <HeatmapControl state={heat} />
        <RiskControl controller={controller} />
        <EtaCalibrationPanel />
        <RepositionPanel controller={controller} />
      </div>
      <HotspotPanel state={heat} />
    </>
  );
}
