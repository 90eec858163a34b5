/**
 * `pack build --osm FILE.pbf --out DIR [--boundary CITY.geojson] [--counties FILE.geojson]
 * [--provinces FILE.geojson[,FILE…]] [--crs WGS84|CGCS2000|GCJ02|BD09] [--margin-km KM] …`:
 * OSM extract + boundary files → a city pack the console loads, with all three cordon rings
 * (docs/city-pack.md, "pack build").
 */
import { CrsSchema, type Crs } from '../../../shared/domain/geo';
import { buildCityPackFromOsm } from '../../core/citypack/buildFromOsm';
import {
  cityFromFile,
  countiesFromFile,
  provincesFromFiles,
  type BoundaryFile,
} from '../../core/citypack/boundaryFiles';
import { requireOption, optionalOption, UsageError, type ParsedArgs } from '../args';
import type { CliCommand } from './types';

/** "gcj-02", "GCJ02", "wgs84" … → the project's Crs. */
export function parseCrs(v: string, option: string): Crs {
  const c = CrsSchema.safeParse(v.toUpperCase().replace(/[-_\s]/g, ''));
  if (!c.success)
    throw new UsageError(`--${option} must be one of ${CrsSchema.options.join(', ')}, got "${v}"`);
  return c.data;
}

function boundaryFiles(args: ParsedArgs, option: string, crs: Crs): BoundaryFile[] {
  const v = optionalOption(args, option);
  if (v === undefined) return [];
  const own = optionalOption(args, `${option}-crs`);
  const fileCrs = own !== undefined ? parseCrs(own, `${option}-crs`) : crs;
  return v
    .split(',')
    .filter((f) => f.trim())
    .map((file) => ({ file: file.trim(), crs: fileCrs }));
}

export const packBuildCommand: CliCommand = {
  path: ['pack', 'build'],
  usage:
    'pack build --osm FILE.osm.pbf --out DIR [--boundary CITY.geojson] [--counties FILE.geojson] [--provinces FILE.geojson[,FILE…]] [--crs WGS84|CGCS2000|GCJ02|BD09] [--boundary-crs|--counties-crs|--provinces-crs CRS] [--margin-km KM] [--id ID] [--name NAME] [--adcode CODE]',
  summary:
    'build a city pack from an OSM extract and boundary files (routing graph, roads beyond the rings, the three rings, pack.json)',
  async run(args, io) {
    const osm = requireOption(args, 'osm');
    const out = requireOption(args, 'out');
    const adcode = optionalOption(args, 'adcode');
    if (adcode !== undefined && !/^\d{6}$/.test(adcode))
      throw new UsageError(`--adcode must be 6 digits, got "${adcode}"`);
    const id = optionalOption(args, 'id');
    if (id !== undefined && !/^[a-z0-9-]+$/.test(id))
      throw new UsageError(`--id must match [a-z0-9-]+, got "${id}"`);
    const margin = optionalOption(args, 'margin-km');
    const marginKm = margin === undefined ? undefined : Number(margin);
    if (marginKm !== undefined && !(Number.isFinite(marginKm) && marginKm >= 0))
      throw new UsageError(`--margin-km must be a non-negative number, got "${margin}"`);
    const crs = parseCrs(optionalOption(args, 'crs') ?? 'WGS84', 'crs');
    const [cityFile] = boundaryFiles(args, 'boundary', crs);
    const counties = boundaryFiles(args, 'counties', crs);
    const provinces = boundaryFiles(args, 'provinces', crs);
    if (!cityFile && (counties.length || provinces.length))
      throw new UsageError('--counties and --provinces need the city boundary (--boundary)');

    // Every boundary file is read, checked and converted before the extract is touched.
    const city = cityFile ? cityFromFile(cityFile, adcode) : undefined;
    const boundaries = city
      ? [
          ...counties.flatMap((f) => countiesFromFile(f, city.geometry)),
          ...(provinces.length ? provincesFromFiles(provinces, city.geometry) : []),
        ]
      : [];
    const t0 = performance.now();
    let shown = '';
    const res = buildCityPackFromOsm({
      osmFile: osm,
      outDir: out,
      boundary: city?.geometry,
      cityName: city?.name ? { zh: city.name, en: city.nameEn ?? city.name } : undefined,
      boundaries,
      marginKm,
      id,
      name: optionalOption(args, 'name'),
      adcode,
      progress: (stage, f) => {
        // One line per stage and per 10 % step, so a long decode visibly advances.
        const line = `${stage} ${10 * Math.floor(f * 10)}%`;
        if (line !== shown) io.stderr(`[pack build] ${line}\n`);
        shown = line;
      },
    });
    const r = res.routing;
    const rings =
      res.boundaryFrom === 'file'
        ? `city boundary, ${res.counties} counties, ${res.provinces} provinces (ring 3 ${res.ring3 ? 'found' : 'missing'}), roads to ${res.marginKm} km beyond`
        : 'boundary from the road hull';
    io.stderr(
      `[pack build] ${r.nodes} nodes, ${r.pieces} road pieces, ${r.km} km; ${res.roads} roads (${res.outsideRoads} beyond the city); ${rings}; pack "${res.manifest.id}" in ${Math.round(performance.now() - t0)} ms → ${out}\n`,
    );
    return 0;
  },
};
