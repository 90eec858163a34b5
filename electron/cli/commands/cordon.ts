/**
 * `cordon --pack DIR --at LNG,LAT --elapsed S [--profile car] [--units FILE.json] …`: the three-ring
 * cordon analysis for an incident as JSON on stdout (docs/cordon.md). DIR is a city pack: the
 * cordon needs its boundaries and checkpoints, not only roads.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { loadPackGraph, Router } from '../../../node/routing';
import {
  analyseCordon,
  SuspectProfileSchema,
  type CordonOptions,
  type CordonUnit,
} from '../../core/cordon/index';
import { UnitTypeSchema } from '../../../shared/domain/unit';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from '../args';
import type { CliCommand } from './types';

const UnitsFileSchema = z.array(
  z.object({
    id: z.string().min(1),
    type: UnitTypeSchema,
    lng: z.number(),
    lat: z.number(),
    available: z.boolean().default(true),
  }),
);

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = optionalOption(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative number, got "${v}"`);
  return n;
}

function readUnits(file: string): CordonUnit[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: cannot read JSON (${(err as Error).message})`);
  }
  const parsed = UnitsFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `${file}: expected [{id, type, lng, lat, available?}] (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  return parsed.data;
}

export const cordonCommand: CliCommand = {
  path: ['cordon'],
  usage:
    'cordon --pack DIR --at LNG,LAT --elapsed SECONDS [--profile car|motorbike|ebike|foot] [--units FILE.json] [--ring1 isochrone|BOUNDARY_ID] [--lead S] [--radius M] [--rings 1,2,3] [--no-routes] [--pretty]',
  summary:
    'three-ring cordon: exits per ring, checkpoint gaps, suspect-vs-police race, unit assignment (JSON on stdout)',
  async run(args, io) {
    const dir = requireOption(args, 'pack');
    const [lng, lat] = requireOption(args, 'at').split(',').map(Number);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng!) > 180 || Math.abs(lat!) > 90)
      throw new UsageError('--at must be "lng,lat" (WGS84)');
    const elapsed = numberOption(args, 'elapsed');
    if (elapsed === undefined) throw new UsageError('missing --elapsed');
    const profile = SuspectProfileSchema.safeParse(optionalOption(args, 'profile') ?? 'car');
    if (!profile.success)
      throw new UsageError(`unknown profile (${SuspectProfileSchema.options.join(', ')})`);
    const ring1 = optionalOption(args, 'ring1') ?? 'isochrone';
    const rings = optionalOption(args, 'rings')?.split(',').map(Number);
    if (rings && !rings.every((r) => r === 1 || r === 2 || r === 3))
      throw new UsageError('--rings takes a list of 1, 2, 3');
    const options: CordonOptions = {
      ring1:
        ring1 === 'isochrone'
          ? { mode: 'isochrone', leadSeconds: numberOption(args, 'lead') ?? 0 }
          : { mode: 'boundary', id: ring1 },
      routes: !args.options.has('no-routes'),
      ...(rings ? { rings: rings as (1 | 2 | 3)[] } : {}),
      ...(numberOption(args, 'radius') !== undefined
        ? { checkpointRadiusMetres: numberOption(args, 'radius') }
        : {}),
    };
    const unitsFile = optionalOption(args, 'units');
    const pack = await loadCityPack(dir);
    const router = new Router(loadPackGraph(dir).graph);
    // Default units: the pack's roster at home, all available.
    const units = unitsFile
      ? readUnits(unitsFile)
      : pack.units.map((u) => ({
          id: u.id,
          type: u.type,
          lng: u.home.lng,
          lat: u.home.lat,
          available: true,
        }));
    const analysis = analyseCordon({
      router,
      boundaries: pack.boundaries.features,
      districts: pack.districts.features,
      checkpoints: pack.checkpoints,
      roads: pack.roads.features,
      incident: { lng: lng!, lat: lat! },
      elapsedSeconds: elapsed,
      suspectProfile: profile.data,
      units,
      options,
    });
    io.stdout(JSON.stringify(analysis, null, args.options.has('pretty') ? 2 : undefined) + '\n');
    return 0;
  },
};
