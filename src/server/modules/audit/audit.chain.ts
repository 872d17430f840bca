import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. */
export interface ChainedFields {
  tenantId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEntry(fields: ChainedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'missing' | 'edited' | 'relinked' };

/** Walks entries in seq order and returns the first broken link, or null when the chain holds. */
export function findFirstBreak(entries: Iterable<ChainedFields & { hash: string }>): ChainBreak | null {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: expectedSeq, reason: 'missing' };
    if (entry.prevHash !== prevHash) return { seq: entry.seq, reason: 'relinked' };
    const { hash, ...fields } = entry;
    if (hashEntry(fields) !== hash) return { seq: entry.seq, reason: 'edited' };
    prevHash = hash;
    expectedSeq += 1;
  }
  return null;
}
