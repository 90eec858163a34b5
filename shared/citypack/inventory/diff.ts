/** Re-import by id: the new inventory replaces the old one; the summary says what that changed. Pure. */
import { type InventoryRecord, recordId } from './records';

export interface ImportSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Existing records kept because their row was bad and skipped (--skip-bad). */
  kept: number;
}

/** JSON with sorted keys, so records read from disk compare equal to freshly built ones. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The imported file is the whole inventory of its kind: ids missing from it are removed, except
 * ids whose row was bad (`keepIds`), which keep their current record so a typo loses nothing.
 */
export function mergeInventory<T extends InventoryRecord>(
  existing: readonly T[],
  incoming: readonly T[],
  keepIds: ReadonlySet<string>,
): { merged: T[]; summary: ImportSummary } {
  const before = new Map(existing.map((r) => [recordId(r), r]));
  const summary: ImportSummary = { added: 0, changed: 0, removed: 0, unchanged: 0, kept: 0 };
  const merged: T[] = [];
  const incomingIds = new Set<string>();
  for (const rec of incoming) {
    const id = recordId(rec);
    incomingIds.add(id);
    const old = before.get(id);
    if (!old) summary.added++;
    // Records this importer wrote have the same key order: plain JSON first, key-sorted only if that differs.
    else if (JSON.stringify(old) === JSON.stringify(rec) || canonical(old) === canonical(rec))
      summary.unchanged++;
    else summary.changed++;
    merged.push(rec);
  }
  for (const [id, old] of before) {
    if (incomingIds.has(id)) continue;
    if (keepIds.has(id)) {
      summary.kept++;
      merged.push(old);
    } else summary.removed++;
  }
  return { merged, summary };
}
