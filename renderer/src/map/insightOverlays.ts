/**
 * The analytics overlays (issue 15) the controller owns: the alert heat map, the risk grades and
 * the repositioning preview.
 * Kept here so mapController.ts stays about the live picture; it calls install once and flush
 * when marked dirty, like its own layers.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ConsolePack } from '../../../shared/citypack/schema';
import * as heatmapLayer from './layers/heatmap';
import * as riskLayer from './layers/riskDistricts';
import * as repositionLayer from './layers/reposition';

export class InsightOverlays {
  heat: heatmapLayer.HeatData | null = null;
  risk: riskLayer.RiskData | null = null;
  reposition: repositionLayer.RepositionPreview | null = null;

  constructor(private readonly pack: ConsolePack) {}

  install(map: MaplibreMap, counts: Record<string, number>): void {
    counts[heatmapLayer.SOURCE_ID] = heatmapLayer.install(map, this.heat).features.length;
    counts[riskLayer.SOURCE_ID] = riskLayer.install(map, this.pack.districts, this.risk).features.length;
    counts[repositionLayer.SOURCE_ID] = repositionLayer.install(map, this.reposition).features.length;
  }

  flush(map: MaplibreMap, counts: Record<string, number>, keys: ReadonlySet<string>): void {
    if (keys.has('heatmap'))
      counts[heatmapLayer.SOURCE_ID] = heatmapLayer.update(map, this.heat).features.length;
    if (keys.has('risk'))
      counts[riskLayer.SOURCE_ID] = riskLayer.update(map, this.pack.districts, this.risk).features.length;
    if (keys.has('reposition'))
      counts[repositionLayer.SOURCE_ID] = repositionLayer.update(map, this.reposition).features.length;
  }
}
