import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import {
  type AuditAction,
  type AuditPurpose,
  type AuditRecordType,
  isAuditAction,
} from '../../../shared/audit-actions.ts';
import type { Database, Tx } from '../../db/client.ts';
import {
  type ChainBreak,
  type ChainedFields,
  findFirstBreak,
  GENESIS_HASH,
  hashEntry,
} from './audit.chain.ts';
import { auditLog } from './audit.tables.ts';

/** Who is acting, for the audit trail and for record rules. */
export interface Actor {
  tenantId: string;
  userId: string | null;
  label: string;
  requestId?: string;
}

/** What happened; only the actions, record types and purposes that have words (src/shared/audit-actions.ts). */
export interface AuditEvent {
  action: AuditAction;
  recordType?: AuditRecordType;
  recordId?: string;
  purpose?: AuditPurpose;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry, in the caller's transaction, so the entry exists exactly when the change does.
 * A per-tenant advisory lock keeps the chain linear when several requests write at once.
 */
export async function recordAudit(tx: Tx, actor: Actor, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${actor.tenantId}`}, 0))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenantId, actor.tenantId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const fields: ChainedFields = {
    tenantId: actor.tenantId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorId: actor.userId,
    actorLabel: actor.label,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    purpose: event.purpose ?? null,
    requestId: actor.requestId ?? null,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...fields, at: new Date(fields.at), hash: hashEntry(fields) });
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  recordType?: string;
  recordId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

export async function listAudit(tx: Tx, tenantId: string, filter: AuditFilter) {
  const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
  // A known action is that action alone (`auth.login` is not `auth.login_failed`); anything else is
  // a prefix (`signals.`, or an old action no code writes any more).
  if (filter.action && isAuditAction(filter.action)) where.push(eq(auditLog.action, filter.action));
  else if (filter.action)
    where.push(sql`${auditLog.action} like ${`${filter.action.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`);
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.recordType) where.push(eq(auditLog.recordType, filter.recordType));
  if (filter.recordId) where.push(eq(auditLog.recordId, filter.recordId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lte(auditLog.at, filter.to));
  if (filter.beforeSeq) where.push(lt(auditLog.seq, filter.beforeSeq));
  return tx
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit);
}

export interface ChainReport {
  tenantId: string;
  entries: number;
  firstBreak: ChainBreak | null;
}

/** Re-computes every hash of one tenant's trail, oldest first. */
export async function verifyAuditChain(database: Database, tenantId: string): Promise<ChainReport> {
  const rows = await database.inTenant(tenantId, (tx) =>
    tx.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.seq),
  );
  const entries = rows.map((row) => ({
    tenantId: row.tenantId,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    purpose: row.purpose,
    requestId: row.requestId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  }));
  return { tenantId, entries: entries.length, firstBreak: findFirstBreak(entries) };
}
