/**
 * What the settings panel shows about the loaded pack: per layer its record count and provenance
 * (pack.json), and warnings for layers a duty officer would miss (no cameras, no units, no
 * checkpoint on the city boundary …). Pure.
 */
import { z } from 'zod';
import { LayerProvenanceSchema, PACK_LAYERS, PackLayerSchema } from './provenance';
import type { CityPack } from './schema';

export const PackWarningSchema = z.enum([
  'empty',
  'noRing2Checkpoints',
  'noRing3Checkpoints',
  'noStreams',
  'adcodeUnknown',
  'unitsWithoutDistrict',
]);
export type PackWarning = z.infer<typeof PackWarningSchema>;

export const PackProvenanceReportSchema = z.object({
  packId: z.string(),
  adcode: z.string(),
  synthetic: z.boolean(),
  attribution: z.string(),
  layers: z.array(
    z.object({
      layer: PackLayerSchema,
      count: z.number().int().min(0),
      provenance: LayerProvenanceSchema.nullable(),
    }),
  ),
  warnings: z.array(
    z.object({
      code: PackWarningSchema,
      layer: PackLayerSchema.nullable(),
      count: z.number().int().min(0).optional(),
    }),
  ),
});
export type PackProvenanceReport = z.infer<typeof PackProvenanceReportSchema>;

export function packProvenanceReport(pack: CityPack): PackProvenanceReport {
  const counts: Record<(typeof PACK_LAYERS)[number], number> = {
    roads: pack.roads.features.length,
    boundaries: pack.boundaries.features.length,
    districts: pack.districts.features.length,
    places: pack.places.features.length,
    units: pack.units.length,
    cameras: pack.cameras.length,
    checkpoints: pack.checkpoints.length,
  };
  const layers = PACK_LAYERS.map((layer) => ({
    layer,
    count: counts[layer],
    provenance: pack.manifest.provenance?.[layer] ?? null,
  }));
  const warnings: PackProvenanceReport['warnings'] = [];
  // Places are labels only; every other layer feeds a console feature that is silent when empty.
  for (const l of layers)
    if (l.count === 0 && l.layer !== 'places') warnings.push({ code: 'empty', layer: l.layer });
  if (!pack.checkpoints.some((c) => c.level === 'city'))
    warnings.push({ code: 'noRing2Checkpoints', layer: 'checkpoints' });
  const hasNeighbour = pack.boundaries.features.some(
    (b) => b.properties.level === 'province' && !b.properties.own,
  );
  if (hasNeighbour && !pack.checkpoints.some((c) => c.level === 'provincial'))
    warnings.push({ code: 'noRing3Checkpoints', layer: 'checkpoints' });
  if (pack.cameras.length > 0 && !pack.cameras.some((c) => c.streams.length > 0))
    warnings.push({ code: 'noStreams', layer: 'cameras' });
  if (/^0+$/.test(pack.manifest.adcode)) warnings.push({ code: 'adcodeUnknown', layer: null });
  const districtIds = new Set(pack.districts.features.map((d) => d.properties.id));
  const orphans = districtIds.size > 0 ? pack.units.filter((u) => !districtIds.has(u.districtId)).length : 0;
  if (orphans > 0) warnings.push({ code: 'unitsWithoutDistrict', layer: 'units', count: orphans });
  return {
    packId: pack.manifest.id,
    adcode: pack.manifest.adcode,
    synthetic: pack.manifest.synthetic,
    attribution: pack.manifest.attribution,
    layers,
    warnings,
  };
}
