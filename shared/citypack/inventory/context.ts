/** What an import is checked against, from the pack's current layers. Pure. */
import type { Camera } from '../../domain/camera';
import type { Crs } from '../../domain/geo';
import type { BoundaryFeature, CityPackManifest, DistrictFeature } from '../schema';
import type { InventoryContext } from './records';

export interface PackLayersForImport {
  manifest: Pick<CityPackManifest, 'adcode' | 'bbox'>;
  districts: readonly DistrictFeature[];
  boundaries: readonly BoundaryFeature[];
  cameras: readonly Pick<Camera, 'id'>[];
}

export function inventoryContext(pack: PackLayersForImport, crs: Crs): InventoryContext {
  const districts = new Map<string, string>();
  for (const d of pack.districts) districts.set(d.properties.name, d.properties.id);
  for (const d of pack.districts) districts.set(d.properties.id, d.properties.id);
  const counties = new Map<string, string>();
  for (const b of pack.boundaries) {
    if (b.properties.level !== 'county') continue;
    counties.set(b.properties.name, b.properties.id);
    if (b.properties.adcode) counties.set(b.properties.adcode, b.properties.id);
  }
  for (const b of pack.boundaries)
    if (b.properties.level === 'county') counties.set(b.properties.id, b.properties.id);
  return {
    crs,
    bbox: pack.manifest.bbox,
    adcode: pack.manifest.adcode,
    districts,
    counties,
    cameraIds: new Set(pack.cameras.map((c) => c.id)),
  };
}
