/**
 * Where each layer of a pack came from: written into pack.json at build and import time, shown
 * in the console's settings panel (with warnings for empty layers). Pure.
 */
import { z } from 'zod';

export const PACK_LAYERS = [
  'roads',
  'boundaries',
  'districts',
  'places',
  'units',
  'cameras',
  'checkpoints',
] as const;
export const PackLayerSchema = z.enum(PACK_LAYERS);
export type PackLayer = z.infer<typeof PackLayerSchema>;

export const LayerProvenanceSchema = z.object({
  /** The input's file name (no directory: pack.json travels between machines). */
  source: z.string(),
  /** `import`, `pack build`, `generator` … */
  tool: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** Records in the layer after this step. */
  count: z.number().int().min(0),
  /** Coordinate system of the input (converted to WGS84). */
  crs: z.string().optional(),
  /** Bad rows left out (--skip-bad). */
  skipped: z.number().int().min(0).optional(),
});
export type LayerProvenance = z.infer<typeof LayerProvenanceSchema>;

export const PackProvenanceSchema = z.partialRecord(PackLayerSchema, LayerProvenanceSchema);
export type PackProvenance = z.infer<typeof PackProvenanceSchema>;
