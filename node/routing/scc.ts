/**
 * Largest strongly connected component, iterative Tarjan (recursion would overflow the stack on
 * long chains of road nodes).
 */
export function largestScc(
  n: number,
  from: Int32Array,
  to: Int32Array,
  twoWay: (piece: number) => boolean,
): Uint8Array {
  // Adjacency of the directed car graph as CSR.
  const deg = new Int32Array(n + 1);
  for (let p = 0; p < from.length; p++) {
    deg[from[p]! + 1]!++;
    if (twoWay(p)) deg[to[p]! + 1]!++;
  }
  for (let v = 0; v < n; v++) deg[v + 1]! += deg[v]!;
  const fill = deg.slice(0, n);
  const adj = new Int32Array(deg[n]!);
  for (let p = 0; p < from.length; p++) {
    adj[fill[from[p]!]!++] = to[p]!;
    if (twoWay(p)) adj[fill[to[p]!]!++] = from[p]!;
  }

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const compSize: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = deg[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < deg[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = adj[e]!;
        if (index[w]! < 0) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = deg[w]!;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        const c = compSize.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = c;
          size++;
        } while (w !== v);
        compSize.push(size);
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  let best = 0;
  for (let c = 1; c < compSize.length; c++) if (compSize[c]! > compSize[best]!) best = c;
  const keep = new Uint8Array(n);
  for (let v = 0; v < n; v++) keep[v] = comp[v] === best ? 1 : 0;
  return keep;
}
