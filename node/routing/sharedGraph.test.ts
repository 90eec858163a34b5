import { describe, expect, it } from 'vitest';
import { loadPackGraph } from './pack';
import { graphFromShared, isSharedGraph, shareGraph, sharedGraphOf } from './sharedGraph';
import path from 'node:path';
import { DEMO_PACK_RELATIVE } from '../citypack/loadCityPack';

const DEMO_DIR = path.resolve(DEMO_PACK_RELATIVE);

describe('road graph on shared memory', () => {
  it('copies the graph once into one SharedArrayBuffer; a worker rebuilds the same views on it', () => {
    const graph = loadPackGraph(DEMO_DIR).graph;
    expect(isSharedGraph(graph)).toBe(false);
    const shared = shareGraph(graph);
    expect(isSharedGraph(shared)).toBe(true);
    expect(shareGraph(shared)).toBe(shared);
    expect(shared).toEqual(graph);
    // What crosses to a worker is plain data plus the buffer (structuredClone shares, not copies, it).
    const received = graphFromShared(structuredClone(sharedGraphOf(shared)));
    expect(received).toEqual(graph);
    received.nodeLng[0] = 1;
    expect(shared.nodeLng[0]).toBe(1);
    expect(() => sharedGraphOf(graph)).toThrow(/not on shared memory/);
  });
});
