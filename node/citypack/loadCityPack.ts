import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  BoundaryCollectionSchema,
  CityPackManifestSchema,
  DistrictCollectionSchema,
  PlaceCollectionSchema,
  RoadCollectionSchema,
  type CityPack,
} from '../../shared/citypack/schema';
import { UnitDefinitionSchema } from '../../shared/domain/unit';
import { CameraSchema } from '../../shared/domain/camera';
import { CheckpointSchema } from '../../shared/domain/checkpoint';

export class CityPackError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`City pack file ${file}: ${detail}`);
    this.name = 'CityPackError';
  }
}

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const full = path.join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(full, 'utf8'));
  } catch (err) {
    throw new CityPackError(full, `cannot read JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CityPackError(full, first.join('; '));
  }
  return parsed.data;
}

/** Loads and validates a city pack directory (see docs/city-pack.md). */
export async function loadCityPack(dir: string): Promise<CityPack> {
  const manifest = await readJson(dir, 'pack.json', CityPackManifestSchema);
  const f = manifest.files;
  const [roads, boundaries, districts, places, units, cameras, checkpoints] = await Promise.all([
    readJson(dir, f.roads, RoadCollectionSchema),
    readJson(dir, f.boundaries, BoundaryCollectionSchema),
    readJson(dir, f.districts, DistrictCollectionSchema),
    readJson(dir, f.places, PlaceCollectionSchema),
    readJson(dir, f.units, z.array(UnitDefinitionSchema)),
    readJson(dir, f.cameras, z.array(CameraSchema)),
    readJson(dir, f.checkpoints, z.array(CheckpointSchema)),
  ]);
  return { manifest, roads, boundaries, districts, places, units, cameras, checkpoints };
}

/** The embedded demo city, relative to the repository root (or app resources when packaged). */
export const DEMO_PACK_RELATIVE = path.join('resources', 'city', 'demo');
