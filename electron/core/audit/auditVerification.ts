/** Checking an audit chain end to end: links, canonical payloads, hashes/HMACs, the legacy seal and the anchor. */
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, KEYED_ALG, auditEntryHash, auditEntryHmac, type AuditRow } from './auditChain';

/** `entries` and `headHash` cover the entries that verified (all of them when ok). */
export type AuditVerification =
  | { ok: true; entries: number; headHash: string; legacyEntries: number; anchorSeq?: number }
  | { ok: false; entries: number; headHash: string; firstBadSeq: number; reason: string };

/** Whether `row` is the `audit.keyed` seal over exactly this legacy prefix (see AuditLog.sealLegacy). */
function isSealOf(row: AuditRow, legacyEntries: number, legacyHead: string): boolean {
  if (row.action !== 'audit.keyed') return false;
  const payload = JSON.parse(row.payload) as { legacyEntries?: unknown; legacyHead?: unknown } | null;
  return payload?.legacyEntries === legacyEntries && payload.legacyHead === legacyHead;
}

/**
 * Walks the whole chain in order and reports the first entry that does not hold: a gap in
 * seq, a prev_hash that is not the previous hash, a payload not in canonical form, a hash or
 * HMAC that does not match the content, a plain entry after a keyed one, or a head that is not
 * keyed. With `anchor` (a head hash recorded outside the seat), the chain must still contain
 * it: a log cut back to before the anchor fails. Takes rows as an iterator, so a long log needs
 * no memory.
 */
export function verifyAuditChain(
  rows: Iterable<AuditRow>,
  key: Buffer,
  options: { anchor?: string } = {},
): AuditVerification {
  let entries = 0;
  let legacyEntries = 0;
  let keyed = false;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let anchorSeq: number | undefined;
  const bad = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    headHash: prevHash,
    firstBadSeq: seq,
    reason,
  });
  for (const row of rows) {
    if (row.seq !== expectedSeq)
      return bad(row.seq, `expected seq ${expectedSeq}, found ${row.seq} (entries missing)`);
    if (row.prev_hash !== prevHash) return bad(row.seq, 'prev_hash does not match the previous entry');
    let canonical: string;
    try {
      canonical = canonicalJson(JSON.parse(row.payload));
    } catch {
      return bad(row.seq, 'payload is not valid JSON');
    }
    if (canonical !== row.payload) return bad(row.seq, 'payload is not in canonical form');
    const fields = { ...row, payloadJson: row.payload, prevHash: row.prev_hash };
    if (row.alg === KEYED_ALG) {
      if (auditEntryHmac(key, fields) !== row.hash)
        return bad(row.seq, 'HMAC does not match the entry (rewritten, or another key)');
      // The first keyed entry over a legacy prefix must be the seal naming exactly that prefix.
      if (!keyed && legacyEntries > 0 && !isSealOf(row, legacyEntries, prevHash))
        return bad(row.seq, 'keyed entries over plain ones without the audit.keyed seal');
      keyed = true;
    } else if (row.alg === 'sha256') {
      // Plain hashes anyone can recompute: trusted only as the prefix a keyed entry covers.
      if (keyed) return bad(row.seq, 'plain-hash entry after the chain was keyed');
      if (auditEntryHash(fields) !== row.hash) return bad(row.seq, 'hash does not match the entry');
      legacyEntries++;
    } else {
      return bad(row.seq, `unknown hash algorithm "${row.alg}"`);
    }
    if (options.anchor !== undefined && row.hash === options.anchor) anchorSeq = row.seq;
    prevHash = row.hash;
    expectedSeq++;
    entries++;
  }
  if (entries > 0 && !keyed)
    return bad(
      expectedSeq - 1,
      'the chain has no keyed entry: plain hashes alone prove nothing (start the console once to seal a legacy log)',
    );
  if (options.anchor !== undefined && anchorSeq === undefined) {
    return bad(
      expectedSeq,
      `the anchored head ${options.anchor.slice(0, 12)}… is not in the chain (entries removed from the end, or another log)`,
    );
  }
  return {
    ok: true,
    entries,
    headHash: prevHash,
    legacyEntries,
    ...(anchorSeq !== undefined ? { anchorSeq } : {}),
  };
}
