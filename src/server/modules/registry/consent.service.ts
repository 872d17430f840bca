import { and, desc, eq, sql } from 'drizzle-orm';
import type { Consent } from '../../../shared/registry.schemas.ts';
import type { Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { consents, persons } from './registry.tables.ts';

export type ConsentPurpose = Consent['purpose'];

type Row = typeof consents.$inferSelect;

export function toConsent(row: Row): Consent {
  return {
    id: row.id,
    purpose: row.purpose as Consent['purpose'],
    legalBasis: row.legalBasis as Consent['legalBasis'],
    status: row.status,
    method: row.method as Consent['method'],
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
    recordedByName: row.recordedByName,
    note: row.note,
  };
}

/**
 * May a module act on this person for this purpose? Only when the newest statement for the
 * purpose gives consent (or records another legal basis) and the person is not anonymised. A
 * withdrawal is a newer statement, so it takes effect for every module at once.
 */
export async function mayAct(
  tx: Tx,
  tenantId: string,
  personId: string,
  purpose: ConsentPurpose,
): Promise<boolean> {
  const [row] = await tx
    .select({ status: consents.status, anonymisedAt: persons.anonymisedAt })
    .from(persons)
    .leftJoin(
      consents,
      and(
        eq(consents.tenantId, persons.tenantId),
        eq(consents.personId, persons.id),
        eq(consents.purpose, purpose),
      ),
    )
    .where(and(eq(persons.tenantId, tenantId), eq(persons.id, personId)))
    .orderBy(sql`${consents.recordedAt} desc nulls last`, desc(consents.createdAt))
    .limit(1);
  return row !== undefined && row.anonymisedAt === null && row.status === 'given';
}

export async function recordConsent(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: {
    purpose: ConsentPurpose;
    legalBasis: Consent['legalBasis'];
    status: 'given' | 'withdrawn';
    method: Consent['method'];
    at?: string;
    note?: string;
  },
): Promise<Consent> {
  const [row] = await tx
    .insert(consents)
    .values({
      tenantId: actor.tenantId,
      personId,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      status: input.status,
      method: input.method,
      recordedAt: input.at ? new Date(input.at) : new Date(),
      recordedBy: actor.userId,
      recordedByName: actor.label,
      note: input.note ?? null,
    })
    .returning();
  // Every statement is audited where it is written: by hand on a person's file, or by a module
  // (a request for help, a coaching intake) recording what the family agreed to.
  await recordAudit(tx, actor, {
    action: input.status === 'given' ? 'consent.given' : 'consent.withdrawn',
    recordType: 'person',
    recordId: personId,
    details: { consentId: row!.id, purpose: input.purpose, method: input.method },
  });
  return toConsent(row!);
}

export async function listConsents(tx: Tx, tenantId: string, personId: string): Promise<Consent[]> {
  const rows = await tx
    .select()
    .from(consents)
    .where(and(eq(consents.tenantId, tenantId), eq(consents.personId, personId)))
    .orderBy(desc(consents.recordedAt), desc(consents.createdAt));
  return rows.map(toConsent);
}
