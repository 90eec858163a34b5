/** One inventory row → one pack record (camera, unit, checkpoint, district), or the row's errors. Pure. */
import type { Camera } from '../../domain/camera';
import type { Checkpoint } from '../../domain/checkpoint';
import type { Crs } from '../../domain/geo';
import { parseGb28181Id, VIDEO_SOURCE_TYPES } from '../../domain/gb28181';
import type { UnitDefinition } from '../../domain/unit';
import type { DistrictFeature } from '../schema';
import {
  CAMERA_CLASS_WORDS,
  CAMERA_KIND_WORDS,
  CHECKPOINT_LEVEL_WORDS,
  DEFAULT_CAMERA_CLASS,
  DEFAULT_CAMERA_RANGE,
  type InventoryKind,
  ONLINE_WORDS,
  UNIT_TYPE_WORDS,
} from './columns';
import { mapPositions, parseAreaGeometry } from './geometryCell';
import { type Bbox, insideBbox, positionToWgs84, type RowReader } from './rowReader';

/** What a row is checked against: the pack's manifest and the layers it refers to. */
export interface InventoryContext {
  crs: Crs;
  bbox: Bbox;
  adcode: string;
  /** District id or name → id (units). Empty = the pack has no districts yet: not checked. */
  districts: ReadonlyMap<string, string>;
  /** County boundary id, name or adcode → id (districts). Empty = the pack has no counties: not checked. */
  counties: ReadonlyMap<string, string>;
  /** Camera ids of the pack (checkpoints). Empty = not checked. */
  cameraIds: ReadonlySet<string>;
}

export type InventoryRecord = Camera | UnitDefinition | Checkpoint | DistrictFeature;

/** The administrative prefix device ids must start with: the adcode without its trailing "00" pairs. */
export function adcodePrefix(adcode: string): string {
  let p = adcode;
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

const STREAM_PROTOCOL = (url: string): 'hls' | 'flv' | 'whep' | null =>
  /\.m3u8(\?|$)/i.test(url) ? 'hls' : /\.flv(\?|$)/i.test(url) ? 'flv' : /whep/i.test(url) ? 'whep' : null;

function cameraId(r: RowReader, ctx: InventoryContext): string | null {
  const id = r.text('id', true);
  if (id === null) return null;
  try {
    const parsed = parseGb28181Id(id);
    if (!VIDEO_SOURCE_TYPES.has(parsed.type))
      return r.fail(
        'id',
        `device type ${parsed.type} (${parsed.typeName ?? 'extension code'}, digits 11–13) is not a camera (131/132)`,
      );
  } catch (err) {
    return r.fail(
      'id',
      (err as Error).message.replace(/^invalid GB\/T 28181 device id "[^"]*": /, 'GB/T 28181: '),
    );
  }
  const prefix = adcodePrefix(ctx.adcode);
  if (!id.startsWith(prefix))
    return r.fail(
      'id',
      `centre code ${id.slice(0, 8)} is not in the pack's area (adcode ${ctx.adcode}: ids start with ${prefix})`,
    );
  return id;
}

function camera(r: RowReader, ctx: InventoryContext): Camera | null {
  const id = cameraId(r, ctx);
  const name = r.text('name', true);
  const kind = r.word('kind', CAMERA_KIND_WORDS) as Camera['kind'] | null;
  const cls = r.word('class', CAMERA_CLASS_WORDS, DEFAULT_CAMERA_CLASS as 1 | 2 | 3);
  const pos = r.position(ctx.crs, ctx.bbox);
  const heading = r.number('heading', false, 0, 360);
  const fov = r.number('fov', false, 1, 360);
  const range = r.number('range', false, 0.1, 100_000);
  const online = r.word('online', ONLINE_WORDS, true);
  const streams: Camera['streams'] = [];
  for (const url of r
    .raw('streams')
    .split(/[\s;|；，,]+/)
    .filter(Boolean)) {
    const protocol = STREAM_PROTOCOL(url);
    if (!protocol)
      r.fail(
        'streams',
        'cannot tell the protocol: a URL must end in .m3u8 (HLS) or .flv (HTTP-FLV), or name whep',
        url,
      );
    else streams.push({ protocol, url });
  }
  if (
    !r.ok ||
    id === null ||
    name === null ||
    kind === null ||
    cls === null ||
    pos === null ||
    online === null
  )
    return null;
  return {
    id,
    name,
    kind,
    class: cls,
    lng: pos.lng,
    lat: pos.lat,
    heading,
    fov,
    range: range ?? DEFAULT_CAMERA_RANGE[kind]!,
    streams,
    online,
  };
}

function unit(r: RowReader, ctx: InventoryContext): UnitDefinition | null {
  const id = r.text('id', true);
  const callsign = r.text('callsign', true);
  const type = r.word('type', UNIT_TYPE_WORDS) as UnitDefinition['type'] | null;
  let districtId = r.text('districtId', true);
  if (districtId && ctx.districts.size > 0) {
    const resolved = ctx.districts.get(districtId);
    districtId =
      resolved ??
      r.fail(
        'districtId',
        "no patrol district with this id or name in the pack's districts (import districts first)",
      );
  }
  const home = r.position(ctx.crs, ctx.bbox);
  if (!r.ok || !id || !callsign || !type || !districtId || !home) return null;
  return { id, callsign, type, districtId, home };
}

function checkpoint(r: RowReader, ctx: InventoryContext): Checkpoint | null {
  const id = r.text('id', true);
  const name = r.text('name', true);
  const level = r.word('level', CHECKPOINT_LEVEL_WORDS) as Checkpoint['level'] | null;
  const pos = r.position(ctx.crs, ctx.bbox);
  const road = r.text('road', false) ?? '';
  const cameraIds = r
    .raw('cameraIds')
    .split(/[\s;|；，,、]+/)
    .filter(Boolean);
  for (const cam of cameraIds) {
    if (!/^\d{20}$/.test(cam)) r.fail('cameraIds', 'not a 20-digit GB/T 28181 device id', cam);
    else if (ctx.cameraIds.size > 0 && !ctx.cameraIds.has(cam))
      r.fail('cameraIds', "no camera with this id in the pack's cameras (import cameras first)", cam);
  }
  if (!r.ok || !id || !name || !level || !pos) return null;
  return { id, name, level, lng: pos.lng, lat: pos.lat, road, cameraIds };
}

function district(r: RowReader, ctx: InventoryContext): DistrictFeature | null {
  const id = r.text('id', true);
  const name = r.text('name', true);
  const nameEn = r.text('nameEn', false) || name;
  let countyId = r.text('countyId', true);
  if (countyId && ctx.counties.size > 0)
    countyId =
      ctx.counties.get(countyId) ??
      r.fail('countyId', "no county boundary with this id, name or adcode in the pack's boundaries");
  let geometry: DistrictFeature['geometry'] | null = null;
  const cell = r.text('geometry', true);
  if (cell) {
    try {
      geometry = mapPositions(parseAreaGeometry(cell), (p) =>
        positionToWgs84(p, ctx.crs),
      ) as DistrictFeature['geometry'];
      const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
      const out = rings.flat().find((p) => !insideBbox(p[0]!, p[1]!, ctx.bbox));
      if (out)
        geometry = r.fail(
          'geometry',
          `vertex ${out.join(', ')} (WGS84) is outside the pack's extent [${ctx.bbox.join(', ')}]`,
          cell.slice(0, 80),
        );
    } catch (err) {
      geometry = r.fail('geometry', (err as Error).message, cell.slice(0, 80));
    }
  }
  if (!r.ok || !id || !name || !nameEn || !countyId || !geometry) return null;
  return { type: 'Feature', geometry, properties: { id, name, nameEn, countyId } };
}

export const RECORD_BUILDERS: Readonly<
  Record<InventoryKind, (r: RowReader, ctx: InventoryContext) => InventoryRecord | null>
> = {
  cameras: camera,
  units: unit,
  checkpoints: checkpoint,
  districts: district,
};

/** A record's id, whatever its kind. */
export function recordId(rec: InventoryRecord): string {
  return 'properties' in rec ? rec.properties.id : rec.id;
}
