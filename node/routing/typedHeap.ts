/**
 * Binary min-heap over two parallel typed arrays (node ids and their keys), shared by the
 * routing engine and the cordon's police searches. Functions rather than a class so the hot
 * loops keep the arrays in locals; callers own the capacity.
 */

/** Inserts `v` with `key`; returns the new size. */
export function heapPush(
  nodes: Int32Array,
  keys: Float64Array,
  size: number,
  v: number,
  key: number,
): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pk = keys[parent]!;
    if (pk <= key) break;
    nodes[i] = nodes[parent]!;
    keys[i] = pk;
    i = parent;
  }
  nodes[i] = v;
  keys[i] = key;
  return size + 1;
}

/** Removes the minimum (at index 0); returns the new size. Read nodes[0]/keys[0] before calling. */
export function heapPop(nodes: Int32Array, keys: Float64Array, size: number): number {
  const last = size - 1;
  if (last === 0) return 0;
  const v = nodes[last]!;
  const key = keys[last]!;
  let i = 0;
  const half = last >> 1;
  while (i < half) {
    let c = 2 * i + 1;
    if (c + 1 < last && keys[c + 1]! < keys[c]!) c++;
    if (keys[c]! >= key) break;
    nodes[i] = nodes[c]!;
    keys[i] = keys[c]!;
    i = c;
  }
  nodes[i] = v;
  keys[i] = key;
  return last;
}
