/**
 * mulberry32: a small, fast, seeded PRNG (Math.random cannot be seeded). The one copy for the
 * generator's cities, the gateway's unit motion, the demo history and the tests: their outputs
 * must repeat from a seed, and did so with four copies of this function before.
 * Uniform in [0, 1); the seed is taken as an unsigned 32-bit integer.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
