/**
 * A district's geometry cell: WKT (POLYGON / MULTIPOLYGON, as GIS exports write it) or a GeoJSON
 * Polygon / MultiPolygon geometry (as a GeoJSON file's features carry it). Pure.
 */

export type PolygonCoords = number[][][];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };

function ringsOf(body: string): PolygonCoords {
  // body: "(x y, x y, …), (…)"
  const rings: PolygonCoords = [];
  const re = /\(([^()]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    rings.push(
      m[1]!.split(',').map((pair) => {
        const nums = pair.trim().split(/\s+/).map(Number);
        if (nums.length < 2 || !nums.every(Number.isFinite))
          throw new Error(`bad WKT coordinate "${pair.trim()}"`);
        return [nums[0]!, nums[1]!];
      }),
    );
  }
  return rings;
}

function parseWkt(text: string): AreaGeometry {
  const m = /^\s*(MULTIPOLYGON|POLYGON)\s*(?:Z|M|ZM)?\s*\((.*)\)\s*$/is.exec(text);
  if (!m) throw new Error('expected WKT POLYGON((…)) or MULTIPOLYGON(((…)))');
  if (m[1]!.toUpperCase() === 'POLYGON') return { type: 'Polygon', coordinates: ringsOf(m[2]!) };
  const polys: PolygonCoords[] = [];
  // Split "((…),(…)),((…))" at the commas between polygons (depth 0).
  let depth = 0;
  let start = 0;
  const body = m[2]!;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '(') depth++;
    else if (body[i] === ')') depth--;
    if ((body[i] === ',' && depth === 0) || i === body.length - 1) {
      polys.push(ringsOf(body.slice(start, i + 1)));
      start = i + 1;
    }
  }
  return { type: 'MultiPolygon', coordinates: polys };
}

function checkRings(rings: PolygonCoords): void {
  if (rings.length === 0) throw new Error('polygon without rings');
  for (const ring of rings) {
    if (ring.length < 4) throw new Error(`a ring needs at least 4 positions (closed), got ${ring.length}`);
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1])
      throw new Error('a ring must be closed (first position = last position)');
  }
}

/** Parses and structurally checks a geometry cell; throws with the reason. */
export function parseAreaGeometry(cell: string): AreaGeometry {
  const text = cell.trim();
  let geom: AreaGeometry;
  if (text.startsWith('{')) {
    let json: { type?: string; coordinates?: unknown; geometry?: unknown };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new Error('not valid GeoJSON');
    }
    if (json.type === 'Feature') json = json.geometry as typeof json;
    if (json?.type !== 'Polygon' && json?.type !== 'MultiPolygon')
      throw new Error(`expected a Polygon or MultiPolygon, got ${String(json?.type)}`);
    if (!Array.isArray(json.coordinates)) throw new Error('GeoJSON geometry without coordinates');
    geom = json as AreaGeometry;
  } else geom = parseWkt(text);
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  if (polys.length === 0) throw new Error('empty geometry');
  polys.forEach(checkRings);
  return geom;
}

/** Applies a position transform to every vertex (CRS conversion). */
export function mapPositions(geom: AreaGeometry, f: (p: number[]) => number[]): AreaGeometry {
  const ring = (r: number[][]): number[][] => r.map(f);
  return geom.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geom.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geom.coordinates.map((p) => p.map(ring)) };
}
