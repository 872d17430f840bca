import { and, eq, exists, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import { helpProgrammeName } from '../../../shared/help.schemas.ts';
import { isLanguage, type Language, languages, locales } from '../../../shared/interface-languages.ts';
import { languageName } from '../../../shared/languages.ts';
import { can, type Role } from '../../../shared/permissions.ts';
import type { Tx } from '../../db/client.ts';
import type { RetentionRule } from '../../jobs/retention.ts';
import { wordsIn } from '../../words.ts';
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

function table(headers: string[], rows: unknown[][], nothing: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(nothing)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * The language of the resident's printable page: the one asked for, else the person's own
 * preferred language when the page has words for it, else the reader's.
 */
export function exportLanguage(
  asked: Language | undefined,
  preferred: string | null,
  reader: string,
): Language {
  if (asked) return asked;
  if (isLanguage(preferred)) return preferred;
  return isLanguage(reader) ? reader : 'nl';
}

/**
 * A plain, printable page in the resident's language (nl, en or fr): no scripts, no styles that
 * need the network. Its words, and those of every code in it (channels, purposes, relations,
 * consents, what was done in the audit trail), are the web app's (src/web/i18n, `registry.export`).
 * Moments are given in Genk's time zone.
 */
export function renderExportHtml(data: PersonExport, municipality: string, language: Language): string {
  const { say, has } = wordsIn(language);
  const audit = auditWords(language);
  const w = (key: string, values?: Record<string, string>) => say(`registry.export.${key}`, values);
  // A code in words where the app has words for it, else as it was stored.
  const code = (section: string, value: string) => say(`registry.${section}.${value}`, {}, value);
  const programme = helpProgrammeName(municipality);
  // A calendar day (a birth date, a last day) as it is; the day of a moment as it was in Genk.
  // One formatter of each for the whole page, not one per row.
  const locale = locales[language];
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const genkDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Brussels' });
  const genkMoment = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  });
  const day = (date: string | null | undefined) =>
    date ? calendarDay.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '';
  const dayOf = (iso: string) => genkDay.format(new Date(iso));
  const moment = (iso: string) => genkMoment.format(new Date(iso));
  // What a module wrote comes as a key and values (in every language); typed notes as they are.
  const summary = (entry: PersonExport['timeline'][number]) => {
    if (!entry.summaryKey || !has(`timeline.${entry.summaryKey}`)) return entry.summary;
    const values = Object.fromEntries(
      Object.entries(entry.summaryValues ?? {}).map(([name, value]) => [
        name,
        typeof value === 'object' ? value[language] : String(value),
      ]),
    );
    return say(`timeline.${entry.summaryKey}`, { programme, ...values });
  };
  const p = data.person;
  const notRecorded = w('notRecorded');
  const name = [p.givenName, p.otherNames, p.familyName].filter(Boolean).join(' ') || w('anonymised');
  const fields: [string, unknown][] = [
    [w('name'), name],
    [w('birthDate'), p.birthDate ? day(p.birthDate) : notRecorded],
    [w('languages'), p.languages.map((l) => languageName(l, locales[language])).join(', ') || notRecorded],
    [
      w('preferredLanguage'),
      p.preferredLanguage ? languageName(p.preferredLanguage, locales[language]) : notRecorded,
    ],
    [
      w('contacts'),
      p.contacts.map((c) => `${code('channels', c.channel)}: ${c.value}`).join('; ') || w('none'),
    ],
    [w('contactPreferences'), p.contactPreferences.map((c) => code('channels', c)).join(', ') || notRecorded],
    [w('nationalNumber'), p.nationalNumber ? w('nationalNumberKept') : notRecorded],
    [w('registeredSince'), dayOf(p.createdAt)],
  ];
  const others = languages
    .filter((other) => other !== language)
    .map(
      (other) =>
        `<a href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(languageName(other, locales[other]))}</a>`,
    )
    .join(' · ');
  const nothing = w('nothing');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(w('title', { municipality }))}</title>
</head>
<body>
<main>
<h1>${escapeHtml(w('title', { municipality }))}</h1>
<p>${escapeHtml(w('intro', { municipality, when: moment(data.exportedAt) }))}</p>
<p>${escapeHtml(w('otherLanguages'))} ${others}</p>
<h2>${escapeHtml(w('about'))}</h2>
<dl>
${fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
<h2>${escapeHtml(w('household'))}</h2>
${table(
  [w('householdName'), w('relation'), w('address')],
  data.households.map((h) => [
    h.name,
    code('relations', h.relation),
    h.address
      ? `${h.address.street} ${h.address.houseNumber}, ${h.address.postcode} ${h.address.municipality}`
      : '',
  ]),
  nothing,
)}
<h2>${escapeHtml(w('consents'))}</h2>
${table(
  [w('purpose'), w('legalBasis'), w('status'), w('how'), w('when'), w('recordedBy')],
  data.consents.map((c) => [
    code('consentPurposes', c.purpose),
    code('legalBases', c.legalBasis),
    code('consents', c.status),
    code('consentMethods', c.method),
    dayOf(c.recordedAt),
    c.recordedByName,
  ]),
  nothing,
)}
<h2>${escapeHtml(w('contactMoments'))}</h2>
${table(
  [w('when'), w('channel'), w('purpose'), w('summary'), w('by')],
  data.timeline.map((e) => [
    dayOf(e.occurredAt),
    code('channels', e.channel),
    code('timelinePurposes', e.purpose),
    summary(e),
    e.authorName,
  ]),
  nothing,
)}
<h2>${escapeHtml(w('grants'))}</h2>
${table(
  [w('grantPerson'), w('why'), w('until')],
  data.accessGrants.map((g) => [g.userName, g.reason, day(g.until)]),
  nothing,
)}
<h2>${escapeHtml(w('accessLog'))}</h2>
${table(
  [w('when'), w('who'), w('what'), w('why')],
  data.accessLog.map((a) => [
    moment(a.at),
    audit.actor(a.who),
    audit.action(a.action),
    a.purpose ? audit.purpose(a.purpose) : '',
  ]),
  nothing,
)}
<h2>${escapeHtml(w('holds'))}</h2>
${table(
  [w('programme'), w('reason'), w('until')],
  data.legalHolds.map((h) => [
    say(`registry.modules.${h.module}`, { programme }, h.module),
    h.reason,
    day(h.until),
  ]),
  nothing,
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
  async sweep(tx, cutoff, tenantId) {
    const removed = await tx
      .delete(timelineEntries)
      .where(
        and(
          eq(timelineEntries.tenantId, tenantId),
          inArray(
            timelineEntries.personId,
            tx
              .select({ id: persons.id })
              .from(persons)
              .where(
                and(
                  eq(persons.tenantId, tenantId),
                  isNotNull(persons.anonymisedAt),
                  lt(persons.anonymisedAt, cutoff),
                ),
              ),
          ),
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
  async sweep(tx, cutoff, tenantId) {
    const withdrawal = tx
      .select({ one: sql`1` })
      .from(sql`consents w`)
      .where(
        sql`w.tenant_id = ${consents.tenantId} and w.person_id = ${consents.personId}
            and w.purpose = ${consents.purpose} and w.status = 'withdrawn'
            and w.recorded_at < ${cutoff} and ${consents.recordedAt} <= w.recorded_at`,
      );
    const removed = await tx
      .delete(consents)
      .where(and(eq(consents.tenantId, tenantId), exists(withdrawal)))
      .returning({ id: consents.id });
    return removed.length;
  },
};

/** Access grants that ended more than 30 days ago. */
export const expiredGrantRetention: RetentionRule = {
  name: 'registry.expired_access_grants',
  description: 'Access grants to a person, 30 days after they ended',
  keepDays: 30,
  async sweep(tx, cutoff, tenantId) {
    const removed = await tx
      .delete(personAccessGrants)
      .where(
        and(
          eq(personAccessGrants.tenantId, tenantId),
          lt(personAccessGrants.until, cutoff.toISOString().slice(0, 10)),
        ),
      )
      .returning({ id: personAccessGrants.id });
    return removed.length;
  },
};

export const registryRetentionRules = [
  anonymisedTimelineRetention,
  withdrawnConsentRetention,
  expiredGrantRetention,
];
