/**
 * How an audit entry is hashed into the chain: the canonical form of an entry, the plain SHA-256
 * of legacy entries and the keyed HMAC of every new one. One owner for the hashing rule, shared by
 * AuditLog.append (writing) and verifyAuditChain (checking).
 */
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** `sha256`: plain hash, entries from before schema version 5; `hmac-sha256`: keyed (every new entry). */
export type AuditHashAlg = 'sha256' | 'hmac-sha256';
export const KEYED_ALG: AuditHashAlg = 'hmac-sha256';

/** An audit_log row as stored. */
export interface AuditRow {
  seq: number;
  at: string;
  operator: string;
  action: string;
  subject: string;
  payload: string;
  prev_hash: string;
  hash: string;
  alg: string;
}

/** The fields an entry's hash covers: everything except the hash itself. */
export type HashedFields = {
  seq: number;
  at: string;
  operator: string;
  action: string;
  subject: string;
  payloadJson: string;
  prevHash: string;
};

/** SHA-256 (hex) of the canonical form of everything in the entry except its own hash (legacy entries). */
export function auditEntryHash(entry: HashedFields): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** HMAC-SHA256 (hex) under the audit key of the same canonical form. */
export function auditEntryHmac(key: Buffer, entry: HashedFields): string {
  return createHmac('sha256', key).update(canonicalEntry(entry), 'utf8').digest('hex');
}

function canonicalEntry(entry: HashedFields): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    operator: entry.operator,
    action: entry.action,
    subject: entry.subject,
    payload: entry.payloadJson,
    prevHash: entry.prevHash,
  });
}
