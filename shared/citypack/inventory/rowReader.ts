/** Reads typed cells out of one inventory row, collecting one error per bad cell. Pure. */
import { toWgs84 } from '../../domain/coords';
import type { Crs } from '../../domain/geo';
import { normaliseHeader } from './columns';

/** One problem with one cell (or the whole row when column is empty): what the error report lists. */
export interface RowError {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: string;
  value: string;
  reason: string;
}

export type Bbox = readonly [number, number, number, number];

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly headers: readonly string[],
    private readonly byField: ReadonlyMap<string, number>,
    private cells: readonly string[] = [],
    private row = 0,
  ) {}

  reset(row: number, cells: readonly string[]): void {
    this.row = row;
    this.cells = cells;
    this.errors.length = 0;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** The column header a field was read from (for the report), or the field name. */
  columnOf(field: string): string {
    const i = this.byField.get(field);
    return i === undefined ? field : (this.headers[i] ?? field);
  }

  raw(field: string): string {
    const i = this.byField.get(field);
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }

  fail(field: string, reason: string, value = this.raw(field)): null {
    this.errors.push({ row: this.row, column: this.columnOf(field), value, reason });
    return null;
  }

  text(field: string, required: boolean): string | null {
    const v = this.raw(field);
    if (!v && required) return this.fail(field, 'required, empty');
    return v;
  }

  /** A number in [min, max]; null when blank and optional. */
  number(field: string, required: boolean, min: number, max: number): number | null {
    const v = this.raw(field);
    if (!v) return required ? this.fail(field, 'required, empty') : null;
    const n = Number(v);
    if (!Number.isFinite(n)) return this.fail(field, 'not a number');
    if (n < min || n > max) return this.fail(field, `must be between ${min} and ${max}`);
    return n;
  }

  /** An enumerated cell through a word table (normalised like headers). */
  word<T>(field: string, words: Readonly<Record<string, T>>, fallback?: T): T | null {
    const v = this.raw(field);
    if (!v) return fallback !== undefined ? fallback : this.fail(field, 'required, empty');
    const hit = words[normaliseHeader(v)];
    if (hit === undefined)
      return this.fail(
        field,
        `unknown value; expected one of ${[...new Set(Object.keys(words))].slice(0, 12).join(' / ')}`,
      );
    return hit;
  }

  /** lng/lat converted from the file's CRS to WGS84 (6 decimals) and checked against the pack's extent. */
  position(crs: Crs, bbox: Bbox): { lng: number; lat: number } | null {
    const lng = this.number('lng', true, -180, 180);
    const lat = this.number('lat', true, -90, 90);
    if (lng === null || lat === null) return null;
    const w = toWgs84({ lng, lat }, crs);
    const p = { lng: round6(w.lng), lat: round6(w.lat) };
    if (!insideBbox(p.lng, p.lat, bbox)) {
      const swapped = insideBbox(lat, lng, bbox) ? ' (longitude and latitude swapped?)' : '';
      return this.fail('lng', `outside the pack's extent [${bbox.join(', ')}]${swapped}`, `${lng}, ${lat}`);
    }
    return p;
  }
}

export function insideBbox(lng: number, lat: number, bbox: Bbox): boolean {
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/** Converts one [lng, lat] position to WGS84, 6 decimals. */
export function positionToWgs84(p: number[], crs: Crs): number[] {
  const w = toWgs84({ lng: p[0]!, lat: p[1]! }, crs);
  return [round6(w.lng), round6(w.lat)];
}
