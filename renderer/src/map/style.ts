/**
 * The offline style. Deliberately no `glyphs` and no `sprite`: with no glyphs URL MapLibre draws
 * every glyph locally with TinySDF from system fonts (see theme.ts FONT_*), and icons are drawn at
 * runtime (icons.ts). No tiles either: every source is GeoJSON from the city pack or live data, so
 * the map makes no network request at all — a command centre's network is often air-gapped.
 */
import type {
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import { COLORS, type MapLocale } from './theme';
import { slot, sortBySlot } from './layers/common';
import * as alerts from './layers/alerts';
import * as boundaries from './layers/boundaries';
import * as cameras from './layers/cameras';
import * as cameraCones from './layers/cameraCones';
import * as checkpoints from './layers/checkpoints';
import * as coverage from './layers/coverage';
import * as cordon from './layers/cordon';
import * as districts from './layers/districts';
import * as places from './layers/places';
import * as roads from './layers/roads';
import * as route from './layers/route';
import * as units from './layers/units';
import * as heatmap from './layers/heatmap';
import * as riskDistricts from './layers/riskDistricts';
import * as reposition from './layers/reposition';

export const BACKGROUND_LAYER_ID = 'background';

/** Install order; within a z-order slot (layers/common.ts SLOTS) this is also the draw order. */
export const LAYER_MODULES = {
  boundaries,
  districts,
  riskDistricts,
  roads,
  coverage,
  heatmap,
  reposition,
  cordon,
  places,
  cameras,
  checkpoints,
  route,
  alerts,
  units,
} as const;
export type LayerModuleName = keyof typeof LAYER_MODULES;

export function createBaseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'dispatch-dark-offline',
    sources: {},
    layers: [
      {
        id: BACKGROUND_LAYER_ID,
        type: 'background',
        metadata: slot('base'),
        paint: { 'background-color': COLORS.background },
      },
    ],
  };
}

/** Every layer of every module, in final z-order, with `text-field`s for the locale. */
export function allLayers(locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return sortBySlot(Object.values(LAYER_MODULES).flatMap((m) => m.layers(locale)));
}

export interface FullStyleData {
  alerts?: readonly Alert[];
  units?: readonly Unit[];
  now?: number;
  locale?: MapLocale;
}

/**
 * The complete style with all sources filled from the pack (and optional live data). The
 * controller builds the same thing incrementally via each module's `install`; this form exists to
 * validate the whole style in tests and for tools that want a static snapshot.
 */
export function createFullStyle(pack: CityPack, data: FullStyleData = {}): StyleSpecification {
  const base = createBaseStyle();
  const sources: Record<string, SourceSpecification> = {
    [boundaries.SOURCE_ID]: boundaries.source(boundaries.toFeatureCollection(pack.boundaries)),
    [districts.SOURCE_ID]: districts.source(districts.toFeatureCollection(pack.districts)),
    [districts.LABEL_SOURCE_ID]: districts.labelSource(districts.toLabelCollection(pack.districts)),
    [roads.SOURCE_ID]: roads.source(roads.toFeatureCollection(pack.roads)),
    [coverage.SOURCE_ID]: coverage.source(),
    [heatmap.SOURCE_ID]: heatmap.source(),
    [reposition.SOURCE_ID]: reposition.source(),
    [riskDistricts.SOURCE_ID]: riskDistricts.source(),
    [riskDistricts.PLACE_SOURCE_ID]: riskDistricts.placeSource(),
    [cordon.SOURCE_ID]: cordon.source(),
    [places.SOURCE_ID]: places.source(places.toFeatureCollection(pack.places)),
    [cameras.SOURCE_ID]: cameras.source(cameras.toFeatureCollection(pack.cameras)),
    [cameras.FOV_SOURCE_ID]: cameraCones.fovSource(cameraCones.toFovCollection(pack.cameras)),
    [cameras.HIGHLIGHT_SOURCE_ID]: cameras.highlightSource(),
    [checkpoints.SOURCE_ID]: checkpoints.source(checkpoints.toFeatureCollection(pack.checkpoints)),
    [route.SOURCE_ID]: route.source(),
    [alerts.SOURCE_ID]: alerts.source(alerts.toFeatureCollection(data.alerts ?? [])),
    [units.SOURCE_ID]: units.source(units.toFeatureCollection(data.units ?? [], data.now ?? Date.now())),
  };
  return { ...base, sources, layers: [...base.layers, ...allLayers(data.locale)] };
}
