import { and, eq, exists, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import { can, type Role } from '../../../shared/permissions.ts';
import type { Tx } from '../../db/client.ts';
import type { RetentionRule } from '../../jobs/retention.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { auditWords } from '../audit/audit.words.ts';
import { users } from '../identity/identity.tables.ts';
import { listConsents } from './consent.service.ts';
import { activeLegalHolds, personLinkHandlers, requireVisiblePerson } from './persons.service.ts';
import type { Viewer } from './record-rules.ts';
import { getAddress } from './registry.service.ts';
import {
  consents,
  householdMembers,
  households,
  legalHolds,
  personAccessGrants,
  persons,
  timelineEntries,
} from './registry.tables.ts';
import { listTimeline } from './timeline.service.ts';

// ---------------------------------------------------------------- right of access

/** Everything the platform holds about a person, for the person: every timeline entry, whatever its level. */
export async function exportPerson(tx: Tx, viewer: Viewer, personId: string) {
  const person = await requireVisiblePerson(tx, viewer, personId);
  const t = viewer.tenantId;
  const memberships = await tx
    .select({
      householdId: householdMembers.householdId,
      relation: householdMembers.relation,
      name: households.name,
      addressId: households.addressId,
    })
    .from(householdMembers)
    .innerJoin(
      households,
      and(
        eq(households.tenantId, householdMembers.tenantId),
        eq(households.id, householdMembers.householdId),
      ),
    )
    .where(and(eq(householdMembers.tenantId, t), eq(householdMembers.personId, personId)));
  const householdsOut = [];
  for (const m of memberships) {
    householdsOut.push({
      id: m.householdId,
      name: m.name,
      relation: m.relation,
      address: m.addressId ? await getAddress(tx, t, m.addressId) : null,
    });
  }
  const grants = await tx
    .select({
      userName: users.displayName,
      reason: personAccessGrants.reason,
      until: personAccessGrants.until,
      since: personAccessGrants.createdAt,
    })
    .from(personAccessGrants)
    .leftJoin(
      users,
      and(eq(users.tenantId, personAccessGrants.tenantId), eq(users.id, personAccessGrants.userId)),
    )
    .where(and(eq(personAccessGrants.tenantId, t), eq(personAccessGrants.personId, personId)));
  // Who looked at or changed the record, and why (GDPR article 15: the recipients).
  const accesses = await tx
    .select({ at: auditLog.at, who: auditLog.actorLabel, action: auditLog.action, purpose: auditLog.purpose })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, t), eq(auditLog.recordType, 'person'), eq(auditLog.recordId, personId)))
    .orderBy(auditLog.seq);
  const exported = {
    exportedAt: new Date().toISOString(),
    person: {
      id: person.id,
      givenName: person.givenName,
      familyName: person.familyName,
      otherNames: person.otherNames,
      birthDate: person.birthDate,
      languages: person.languages,
      preferredLanguage: person.preferredLanguage,
      contacts: person.contacts,
      contactPreferences: person.contactPreferences,
      nationalNumber: person.nationalNumberHash
        ? 'registered (kept only as a key for matching records, not as the number itself)'
        : null,
      anonymisedAt: person.anonymisedAt?.toISOString() ?? null,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    },
    households: householdsOut,
    consents: await listConsents(tx, t, personId),
    timeline: await listTimeline(tx, 'everything', {
      personIds: [personId],
      householdIds: memberships.map((m) => m.householdId),
    }),
    legalHolds: await activeLegalHolds(tx, t, personId),
    accessGrants: grants.map((g) => ({ ...g, since: g.since.toISOString() })),
    accessLog: accesses.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
  await recordAudit(tx, viewer, {
    action: 'person.exported',
    recordType: 'person',
    recordId: personId,
    purpose: 'residents_rights',
  });
  return exported;
}

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;

const escapeHtml = (value: unknown) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '<p>Nothing recorded.</p>';
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A plain, printable page: no scripts, no styles that need the network. */
export function renderExportHtml(data: PersonExport, municipality: string): string {
  const p = data.person;
  // The page is in English throughout (lang="en"); what was done and why are said in its words.
  const words = auditWords('en');
  const name = [p.givenName, p.otherNames, p.familyName].filter(Boolean).join(' ') || 'Anonymised record';
  const fields: [string, unknown][] = [
    ['Name', name],
    ['Birth date', p.birthDate ?? 'not recorded'],
    ['Languages', p.languages.join(', ') || 'not recorded'],
    ['Preferred language', p.preferredLanguage ?? 'not recorded'],
    ['Contact details', p.contacts.map((c) => `${c.channel}: ${c.value}`).join('; ') || 'none'],
    ['How you prefer to be contacted', p.contactPreferences.join(', ') || 'not recorded'],
    ['National register number', p.nationalNumber ?? 'not recorded'],
    ['Registered since', p.createdAt.slice(0, 10)],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Your data held by ${escapeHtml(municipality)}</title>
</head>
<body>
<main>
<h1>Your data held by ${escapeHtml(municipality)}</h1>
<p>This page lists everything the city's social services platform holds about you, as of ${escapeHtml(
    data.exportedAt.slice(0, 16).replace('T', ' '),
  )} (UTC). You may ask to correct it, or to remove it when it is no longer needed.</p>
<h2>About you</h2>
<dl>
${fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
<h2>Household</h2>
${table(
  ['Household', 'Relation', 'Address'],
  data.households.map((h) => [
    h.name,
    h.relation.replaceAll('_', ' '),
    h.address
      ? `${h.address.street} ${h.address.houseNumber}, ${h.address.postcode} ${h.address.municipality}`
      : '',
  ]),
)}
<h2>Consents</h2>
${table(
  ['Purpose', 'Legal basis', 'Status', 'How', 'When', 'Recorded by'],
  data.consents.map((c) => [
    c.purpose.replaceAll('_', ' '),
    c.legalBasis.replaceAll('_', ' '),
    c.status,
    c.method.replaceAll('_', ' '),
    c.recordedAt.slice(0, 10),
    c.recordedByName,
  ]),
)}
<h2>Contact moments</h2>
${table(
  ['When', 'How', 'Purpose', 'Summary', 'By'],
  data.timeline.map((e) => [
    e.occurredAt.slice(0, 10),
    e.channel.replaceAll('_', ' '),
    e.purpose,
    e.summary,
    e.authorName,
  ]),
)}
<h2>Who may see your record because of their work</h2>
${table(
  ['Person', 'Why', 'Until'],
  data.accessGrants.map((g) => [g.userName, g.reason, g.until ?? '']),
)}
<h2>Who opened or changed your record</h2>
${table(
  ['When', 'Who', 'What', 'Why'],
  data.accessLog.map((a) => [
    a.at.slice(0, 16).replace('T', ' '),
    a.who,
    words.action(a.action),
    a.purpose ? words.purpose(a.purpose) : '',
  ]),
)}
<h2>Records that must be kept</h2>
${table(
  ['Programme', 'Reason', 'Until'],
  data.legalHolds.map((h) => [h.module, h.reason, h.until ?? '']),
)}
</main>
</body>
</html>
`;
}

// ---------------------------------------------------------------- erasure and anonymisation

async function refuseWhenHeld(tx: Tx, tenantId: string, personId: string) {
  const holds = await activeLegalHolds(tx, tenantId, personId);
  if (holds.length > 0) {
    throw new AppError(
      'CONFLICT',
      `This record must be kept for now: ${holds.map((h) => `${h.module} (${h.reason})`).join('; ')}`,
      { reason: 'legal_hold', holds },
    );
  }
}

/**
 * Anonymise: names, contact details, birth date and national number go; household links,
 * consents (as proof) and contact moments stay for statistics, with their summaries emptied.
 */
export async function anonymisePerson(tx: Tx, viewer: Viewer, personId: string, reason: string) {
  const person = await requireVisiblePerson(tx, viewer, personId);
  if (person.anonymisedAt) throw new AppError('CONFLICT', 'This person has already been anonymised');
  await refuseWhenHeld(tx, viewer.tenantId, personId);
  const t = viewer.tenantId;
  await tx
    .update(persons)
    .set({
      givenName: '',
      familyName: '',
      otherNames: null,
      birthDate: null,
      preferredLanguage: null,
      contacts: [],
      contactPreferences: [],
      nationalNumberHash: null,
      nameSearch: '',
      nameKey: '',
      phoneSearch: '',
      anonymisedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(persons.tenantId, t), eq(persons.id, personId)));
  await tx
    .update(timelineEntries)
    .set({ summary: '' })
    .where(and(eq(timelineEntries.tenantId, t), eq(timelineEntries.personId, personId)));
  await tx
    .update(consents)
    .set({ note: null })
    .where(and(eq(consents.tenantId, t), eq(consents.personId, personId)));
  await tx
    .delete(personAccessGrants)
    .where(and(eq(personAccessGrants.tenantId, t), eq(personAccessGrants.personId, personId)));
  await recordAudit(tx, viewer, {
    action: 'person.anonymised',
    recordType: 'person',
    recordId: personId,
    purpose: 'residents_rights',
    details: { reason },
  });
  return { id: personId };
}

/** Erase: the person and every row about them. The audit trail keeps that it happened, without names. */
export async function erasePerson(tx: Tx, viewer: Viewer, personId: string, reason: string) {
  await requireVisiblePerson(tx, viewer, personId);
  await refuseWhenHeld(tx, viewer.tenantId, personId);
  const t = viewer.tenantId;
  const removed: Record<string, number> = {};
  for (const handler of personLinkHandlers()) removed[handler.name] = await handler.erase(tx, t, personId);
  const count = async (rows: Promise<unknown[]>, name: string) => {
    removed[name] = (await rows).length;
  };
  await count(
    tx
      .delete(householdMembers)
      .where(and(eq(householdMembers.tenantId, t), eq(householdMembers.personId, personId)))
      .returning({ id: householdMembers.personId }),
    'householdMembers',
  );
  await count(
    tx
      .delete(consents)
      .where(and(eq(consents.tenantId, t), eq(consents.personId, personId)))
      .returning({ id: consents.id }),
    'consents',
  );
  await count(
    tx
      .delete(timelineEntries)
      .where(and(eq(timelineEntries.tenantId, t), eq(timelineEntries.personId, personId)))
      .returning({ id: timelineEntries.id }),
    'timelineEntries',
  );
  await count(
    tx
      .delete(personAccessGrants)
      .where(and(eq(personAccessGrants.tenantId, t), eq(personAccessGrants.personId, personId)))
      .returning({ id: personAccessGrants.id }),
    'accessGrants',
  );
  // Only lifted or expired holds remain at this point.
  await count(
    tx
      .delete(legalHolds)
      .where(and(eq(legalHolds.tenantId, t), eq(legalHolds.personId, personId)))
      .returning({ id: legalHolds.id }),
    'legalHolds',
  );
  await tx.delete(persons).where(and(eq(persons.tenantId, t), eq(persons.id, personId)));
  await recordAudit(tx, viewer, {
    action: 'person.erased',
    recordType: 'person',
    recordId: personId,
    purpose: 'residents_rights',
    details: { reason, removed },
  });
  return { id: personId };
}

// ---------------------------------------------------------------- legal holds and access grants

export async function addLegalHold(
  tx: Tx,
  viewer: Viewer,
  input: { personId: string; module: string; reason: string; until?: string },
) {
  await requireVisiblePerson(tx, viewer, input.personId);
  const [row] = await tx
    .insert(legalHolds)
    .values({ tenantId: viewer.tenantId, ...input, until: input.until ?? null, createdBy: viewer.userId })
    .returning({ id: legalHolds.id });
  await recordAudit(tx, viewer, {
    action: 'legal_hold.added',
    recordType: 'person',
    recordId: input.personId,
    details: { holdId: row!.id, module: input.module, until: input.until ?? null },
  });
  return { id: row!.id };
}

export async function liftLegalHold(tx: Tx, viewer: Viewer, id: string) {
  const [row] = await tx
    .delete(legalHolds)
    .where(and(eq(legalHolds.tenantId, viewer.tenantId), eq(legalHolds.id, id)))
    .returning();
  if (!row) throw notFound('The legal hold');
  await recordAudit(tx, viewer, {
    action: 'legal_hold.lifted',
    recordType: 'person',
    recordId: row.personId,
    details: { holdId: id, module: row.module },
  });
  return { ok: true as const };
}

export async function grantAccess(
  tx: Tx,
  viewer: Viewer,
  input: { personId: string; userId: string; reason: string; until?: string },
) {
  await requireVisiblePerson(tx, viewer, input.personId);
  const [user] = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, viewer.tenantId), eq(users.id, input.userId)));
  if (!user) throw notFound('The account');
  // A grant opens a person to someone whose role may open persons at all; a volunteer sees a need,
  // not a file (their match carries what they need), so no grant can make them see one.
  if (!can(user.roles as Role[], 'persons.read')) {
    throw new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid', [
      { in: 'body', field: 'userId', message: 'an account whose role may open a person (not a volunteer)' },
    ]);
  }
  const [row] = await tx
    .insert(personAccessGrants)
    .values({ tenantId: viewer.tenantId, ...input, until: input.until ?? null, createdBy: viewer.userId })
    .returning({ id: personAccessGrants.id });
  await recordAudit(tx, viewer, {
    action: 'access_grant.added',
    recordType: 'person',
    recordId: input.personId,
    details: { grantId: row!.id, userId: input.userId, until: input.until ?? null },
  });
  return { id: row!.id };
}

export async function revokeAccess(tx: Tx, viewer: Viewer, id: string) {
  const [row] = await tx
    .delete(personAccessGrants)
    .where(and(eq(personAccessGrants.tenantId, viewer.tenantId), eq(personAccessGrants.id, id)))
    .returning();
  if (!row) throw notFound('The access grant');
  await recordAudit(tx, viewer, {
    action: 'access_grant.revoked',
    recordType: 'person',
    recordId: row.personId,
    details: { grantId: id, userId: row.userId },
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------- retention

/** Contact moments of anonymised persons, a year after anonymisation (kept that long for statistics). */
export const anonymisedTimelineRetention: RetentionRule = {
  name: 'registry.timeline_of_anonymised_persons',
  description: 'Contact moments of anonymised persons, one year after the anonymisation',
  keepDays: 365,
  async sweep(tx, cutoff) {
    const removed = await tx
      .delete(timelineEntries)
      .where(
        inArray(
          timelineEntries.personId,
          tx
            .select({ id: persons.id })
            .from(persons)
            .where(and(isNotNull(persons.anonymisedAt), lt(persons.anonymisedAt, cutoff))),
        ),
      )
      .returning({ id: timelineEntries.id });
    return removed.length;
  },
};

/**
 * A withdrawn consent is kept five years as proof of when it ended, then goes together with the
 * statements before it for the same purpose (without a statement, mayAct stays false).
 */
export const withdrawnConsentRetention: RetentionRule = {
  name: 'registry.withdrawn_consents',
  description: 'Withdrawn consents and the statements before them, five years after the withdrawal',
  keepDays: 5 * 365,
  async sweep(tx, cutoff) {
    const withdrawal = tx
      .select({ one: sql`1` })
      .from(sql`consents w`)
      .where(
        sql`w.tenant_id = ${consents.tenantId} and w.person_id = ${consents.personId}
            and w.purpose = ${consents.purpose} and w.status = 'withdrawn'
            and w.recorded_at < ${cutoff} and ${consents.recordedAt} <= w.recorded_at`,
      );
    const removed = await tx.delete(consents).where(exists(withdrawal)).returning({ id: consents.id });
    return removed.length;
  },
};

/** Access grants that ended more than 30 days ago. */
export const expiredGrantRetention: RetentionRule = {
  name: 'registry.expired_access_grants',
  description: 'Access grants to a person, 30 days after they ended',
  keepDays: 30,
  async sweep(tx, cutoff) {
    const removed = await tx
      .delete(personAccessGrants)
      .where(lt(personAccessGrants.until, cutoff.toISOString().slice(0, 10)))
      .returning({ id: personAccessGrants.id });
    return removed.length;
  },
};

export const registryRetentionRules = [
  anonymisedTimelineRetention,
  withdrawnConsentRetention,
  expiredGrantRetention,
];
