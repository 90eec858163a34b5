import { z } from 'zod';
import { UnitDefinitionSchema } from '../domain/unit';
import { CameraSchema } from '../domain/camera';
import { CheckpointSchema } from '../domain/checkpoint';
import { PackProvenanceSchema } from './provenance';
import { MediaConfigSchema } from '../domain/mediaServers';

/**
 * City pack: everything the console knows about a city that is not live data.
 * A directory with `pack.json` (this manifest) and the files it names; all coordinates WGS84.
 * Documented in docs/city-pack.md so that a real city can replace the synthetic demo.
 */
export const CITY_PACK_FORMAT = 'dispatch-city-pack';
export const CITY_PACK_VERSION = 1;

const Position = z.tuple([z.number(), z.number()]);
const BilingualName = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const CityPackManifestSchema = z.object({
  format: z.literal(CITY_PACK_FORMAT),
  version: z.literal(CITY_PACK_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: BilingualName,
  /** True for generated demo data; the UI says so. */
  synthetic: z.boolean(),
  attribution: z.string(),
  /** 6-digit administrative division code used as the GB/T 28181 centre-code prefix. */
  adcode: z.string().regex(/^\d{6}$/),
  center: Position,
  zoom: z.number().min(0).max(22),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Media servers the pack's cameras stream from (shared/domain/mediaServers.ts, docs/city-pack.md). */
  media: MediaConfigSchema.optional(),
  files: z.object({
    roads: z.string(),
    boundaries: z.string(),
    districts: z.string(),
    places: z.string(),
    units: z.string(),
    cameras: z.string(),
    checkpoints: z.string(),
  }),
  /** Per layer: source file, tool, time and count of the last build/import (./provenance.ts). */
  provenance: PackProvenanceSchema.optional(),
});
export type CityPackManifest = z.infer<typeof CityPackManifestSchema>;

/** The conventional file names of a pack's layers (docs/city-pack.md); a manifest may name others. */
export const STANDARD_PACK_FILES: CityPackManifest['files'] = {
  roads: 'roads.geojson',
  boundaries: 'boundaries.geojson',
  districts: 'districts.geojson',
  places: 'places.geojson',
  units: 'units.json',
  cameras: 'cameras.json',
  checkpoints: 'checkpoints.json',
};

/** OSM-style highway classes, fastest first. */
export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'residential',
  'service',
] as const;
export const RoadClassSchema = z.enum(ROAD_CLASSES);
export type RoadClass = z.infer<typeof RoadClassSchema>;

export const RoadFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }),
  properties: z.object({
    id: z.string(),
    class: RoadClassSchema,
    name: z.string(),
    nameEn: z.string().optional(),
    /** National/provincial road reference, e.g. G207, S331, G55. */
    ref: z.string().optional(),
    oneway: z.boolean(),
    /** km/h where signed; otherwise the class default applies. */
    maxspeed: z.number().positive().optional(),
    /**
     * True for roads beyond the city boundary, which a pack keeps out to a margin so that the
     * cordon's rings 2 and 3 are crossed by real roads and units outside can route; absent = inside.
     */
    outside: z.boolean().optional(),
  }),
});
export type RoadFeature = z.infer<typeof RoadFeatureSchema>;

const PolygonGeometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position).min(4)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position).min(4))) }),
]);

/** Administrative areas. `province` features include the neighbouring province so the border is explicit. */
export const BoundaryFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: PolygonGeometry,
  properties: z.object({
    id: z.string(),
    level: z.enum(['province', 'city', 'county']),
    name: z.string(),
    nameEn: z.string(),
    adcode: z.string().optional(),
    /** True for the pack's own city / own province, false for neighbours. */
    own: z.boolean(),
  }),
});
export type BoundaryFeature = z.infer<typeof BoundaryFeatureSchema>;

/** Patrol districts (巡区). */
export const DistrictFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: PolygonGeometry,
  properties: z.object({ id: z.string(), name: z.string(), nameEn: z.string(), countyId: z.string() }),
});
export type DistrictFeature = z.infer<typeof DistrictFeatureSchema>;

export const PlaceFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: Position }),
  properties: z.object({
    name: z.string(),
    nameEn: z.string(),
    kind: z.enum(['city', 'county_town', 'town', 'landmark']),
  }),
});
export type PlaceFeature = z.infer<typeof PlaceFeatureSchema>;

const collection = <T extends z.ZodTypeAny>(feature: T) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });

export const RoadCollectionSchema = collection(RoadFeatureSchema);
export const BoundaryCollectionSchema = collection(BoundaryFeatureSchema);
export const DistrictCollectionSchema = collection(DistrictFeatureSchema);
export const PlaceCollectionSchema = collection(PlaceFeatureSchema);

export const CityPackSchema = z.object({
  manifest: CityPackManifestSchema,
  roads: RoadCollectionSchema,
  boundaries: BoundaryCollectionSchema,
  districts: DistrictCollectionSchema,
  places: PlaceCollectionSchema,
  units: z.array(UnitDefinitionSchema),
  cameras: z.array(CameraSchema),
  checkpoints: z.array(CheckpointSchema),
});
export type CityPack = z.infer<typeof CityPackSchema>;

/**
 * What the console's renderer loads at start (`city.pack`): the pack without its road network.
 * The roads are the map's largest source and drawn last (after the cameras, alerts and units);
 * on a prefecture's network (300,000 pieces, 7.5 of the large city's 18.5 MB) encoding, sending
 * and parsing them held back the first map. They come by `city.roads` once the map is drawn.
 */
export const ConsolePackSchema = CityPackSchema.omit({ roads: true });
export type ConsolePack = z.infer<typeof ConsolePackSchema>;
