/**
 * Administrative border lines from an `.osm.pbf`: the ways tagged `boundary=administrative` that a
 * filter accepts, chained end to end into polylines. The routing decoder skips relations, but OSM
 * border ways usually carry their own boundary tags (e.g. `name=France - Monaco`, admin_level 2),
 * which is enough to rebuild a land border without a relation/multipolygon assembler.
 */
import { readFileSync } from 'node:fs';
import { decodeOsmPbf } from '../../../node/routing';
import type { Position } from './geometry';

export function osmBorderLines(file: string, accept: (tags: Map<string, string>) => boolean): Position[][] {
  const coords = new Map<number, Position>();
  const ways: number[][] = [];
  decodeOsmPbf(readFileSync(file), {
    nodes(ids, lng, lat, n) {
      for (let i = 0; i < n; i++) coords.set(ids[i]!, [lng[i]!, lat[i]!]);
    },
    wantWay: (t) => t.get('boundary') === 'administrative' && accept(t),
    way(_id, refs) {
      if (refs.length >= 2) ways.push(refs);
    },
  });
  return chainWays(ways).map((ids) => ids.flatMap((id) => (coords.has(id) ? [coords.get(id)!] : [])));
}

/** Joins node-id sequences sharing end nodes into maximal chains (reversing ways as needed). */
export function chainWays(ways: readonly number[][]): number[][] {
  const left = ways.map((w) => [...w]);
  const out: number[][] = [];
  while (left.length > 0) {
    const chain = left.pop()!;
    for (let grown = true; grown;) {
      grown = false;
      for (let i = 0; i < left.length; i++) {
        const w = left[i]!;
        const [h, t] = [chain[0]!, chain[chain.length - 1]!];
        if (w[0] === t) chain.push(...w.slice(1));
        else if (w[w.length - 1] === t) chain.push(...w.slice(0, -1).reverse());
        else if (w[w.length - 1] === h) chain.unshift(...w.slice(0, -1));
        else if (w[0] === h) chain.unshift(...w.slice(1).reverse());
        else continue;
        left.splice(i--, 1);
        grown = true;
      }
    }
    out.push(chain);
  }
  return out;
}
