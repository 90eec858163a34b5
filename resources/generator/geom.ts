/**
 * Planar geometry in local metres (x east, y north) around the city centre, and the projection
 * to WGS84 used for output. Points are objects; the same object in two lines is one road vertex.
 */
export interface Pt {
  x: number;
  y: number;
}

export const CENTER_LNG = 112.85;
export const CENTER_LAT = 35.5;
export const M_PER_DEG_LAT = 110_950;
export const M_PER_DEG_LNG = 111_320 * Math.cos((CENTER_LAT * Math.PI) / 180);

export const pt = (x: number, y: number): Pt => ({ x, y });
export const deg = (d: number): number => (d * Math.PI) / 180;
export const polar = (angleDeg: number, r: number, o: Pt = { x: 0, y: 0 }): Pt =>
  pt(o.x + r * Math.cos(deg(angleDeg)), o.y + r * Math.sin(deg(angleDeg)));
export const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);
export const lerp = (a: Pt, b: Pt, t: number): Pt => pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Local metres → [lng, lat] rounded to 6 decimals (~0.1 m). */
export function toLngLat(p: Pt): [number, number] {
  return [round6(CENTER_LNG + p.x / M_PER_DEG_LNG), round6(CENTER_LAT + p.y / M_PER_DEG_LAT)];
}

export function fromLngLat(lng: number, lat: number): Pt {
  return pt((lng - CENTER_LNG) * M_PER_DEG_LNG, (lat - CENTER_LAT) * M_PER_DEG_LAT);
}

/** Compass bearing a→b in whole degrees, 0 = north, clockwise, 0–359. */
export function bearing(a: Pt, b: Pt): number {
  const d = (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
  return Math.round((d + 360) % 360) % 360;
}

export function polylineLength(pts: readonly Pt[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += dist(pts[i - 1]!, pts[i]!);
  return s;
}

/** Inserts points so that no segment is longer than maxLen (endpoints kept as the same objects). */
export function densify(pts: readonly Pt[], maxLen: number): Pt[] {
  const out: Pt[] = [pts[0]!];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const n = Math.ceil(dist(a, b) / maxLen);
    for (let k = 1; k < n; k++) out.push(lerp(a, b, k / n));
    out.push(b);
  }
  return out;
}

/** Signed area (positive = counter-clockwise). */
export function signedArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

/** Ray casting; ring may be open or closed. */
export function pointInRing(p: Pt, ring: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Proper intersection of segments ab and cd: parameters along each, or null. */
export function segmentIntersection(a: Pt, b: Pt, c: Pt, d: Pt): { t: number; u: number } | null {
  const rx = b.x - a.x;
  const ry = b.y - a.y;
  const sx = d.x - c.x;
  const sy = d.y - c.y;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9) return null;
  const qx = c.x - a.x;
  const qy = c.y - a.y;
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < -1e-9 || t > 1 + 1e-9 || u < -1e-9 || u > 1 + 1e-9) return null;
  return { t, u };
}

/** Distance from p to segment ab and the parameter of the foot point. */
export function pointSegment(p: Pt, a: Pt, b: Pt): { d: number; t: number } {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2));
  return { d: Math.hypot(a.x + vx * t - p.x, a.y + vy * t - p.y), t };
}

/** Periodic smooth noise in [-1, 1] of an angle in degrees (integer harmonics, so it wraps at 360°). */
export function polarNoise(angleDeg: number, phases: readonly number[], firstHarmonic = 2): number {
  let s = 0;
  let norm = 0;
  phases.forEach((ph, i) => {
    const k = firstHarmonic + i;
    s += Math.sin(deg(angleDeg) * k + ph) / k;
    norm += 1 / k;
  });
  return s / norm;
}

/** Smooth pseudo-noise in [-1, 1] from a few sines with fixed phases. */
export function wave(v: number, phases: readonly number[]): number {
  let s = 0;
  phases.forEach((ph, i) => {
    s += Math.sin(v * (i + 1) * 1.7 + ph) / (i + 1);
  });
  return s / 1.8;
}

/** Polyline through waypoints, densified, with smooth lateral wiggle that keeps the waypoints fixed. */
export function wigglyPath(way: readonly Pt[], step: number, amp: number, phases: readonly number[]): Pt[] {
  const out: Pt[] = [way[0]!];
  for (let i = 1; i < way.length; i++) {
    const a = way[i - 1]!;
    const b = way[i]!;
    const len = dist(a, b);
    const n = Math.max(1, Math.ceil(len / step));
    const nx = -(b.y - a.y) / len;
    const ny = (b.x - a.x) / len;
    for (let k = 1; k < n; k++) {
      const t = k / n;
      const off = amp * Math.sin(Math.PI * t) * wave((len * t) / 2500 + i, phases);
      const p = lerp(a, b, t);
      out.push(pt(p.x + nx * off, p.y + ny * off));
    }
    out.push(b);
  }
  return out;
}

/** Closes a ring (first point repeated), counter-clockwise, in output coordinates. */
export function ringToLngLat(ring: readonly Pt[], ccw = true): [number, number][] {
  const r = signedArea(ring) > 0 === ccw ? [...ring] : [...ring].reverse();
  const coords = r.map(toLngLat);
  const dedup = coords.filter((c, i) => i === 0 || c[0] !== coords[i - 1]![0] || c[1] !== coords[i - 1]![1]);
  const first = dedup[0]!;
  const last = dedup[dedup.length - 1]!;
  if (dedup.length > 1 && first[0] === last[0] && first[1] === last[1]) dedup.pop();
  dedup.push(first);
  return dedup;
}
