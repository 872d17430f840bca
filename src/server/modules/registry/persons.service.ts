import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import { isValidNationalNumber, nationalNumberDigits } from '../../../shared/national-number.ts';
import { nameKey, normalisePhone, normaliseText } from '../../../shared/normalise.ts';
import { readPurposesFor } from '../../../shared/permissions.ts';
import type {
  HouseholdDetail,
  PersonCreate,
  PersonDetail,
  PersonPatch,
  PersonSummary,
  ReadPurpose,
} from '../../../shared/registry.schemas.ts';
import { today } from '../../clock.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listConsents, recordConsent } from './consent.service.ts';
import { canSeePerson, type Viewer, visiblePersonCondition } from './record-rules.ts';
import { addressLabel, likeEscape, normaliseQuery } from './registry.service.ts';
import {
  type ContactPoint,
  consents,
  householdMembers,
  households,
  legalHolds,
  personAccessGrants,
  persons,
  timelineEntries,
} from './registry.tables.ts';
import { hashNationalNumber, tenantHmacKey } from './tenant-secret.ts';
import { type ContactMoment, listTimeline, recordContact } from './timeline.service.ts';

type Relation = HouseholdDetail['members'][number]['relation'];

// ---------------------------------------------------------------- helpers

const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid', [{ in: 'body', field, message }]);

/**
 * Need to know: the reason given for opening a file must be one the viewer's roles may give
 * (readPurposeRoles in src/shared/permissions.ts). Checked before anything is read or logged, so a
 * reason that does not fit tells nothing about the file, not even whether it exists.
 */
export function requireReadPurpose(viewer: Viewer, purpose: string): void {
  if ((readPurposesFor(viewer.roles) as readonly string[]).includes(purpose)) return;
  throw new AppError('VALIDATION_FAILED', 'This purpose does not fit your role', [
    {
      in: 'querystring',
      field: 'purpose',
      message: `your role may not open a file for '${purpose}'; give one of: ${readPurposesFor(viewer.roles).join(', ') || 'none'}`,
    },
  ]);
}

/** Whole years between a birth date and today. */
export function ageOn(birthDate: string | null, today = new Date()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

function idList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

interface SummaryRow {
  id: string;
  given_name: string;
  family_name: string;
  other_names: string | null;
  birth_date: string | null;
  preferred_language: string | null;
  anonymised: boolean;
  street: string | null;
  house_number: string | null;
  box: string | null;
  postcode: string | null;
  municipality: string | null;
  neighbourhood_name: string | null;
}

/** One query for the list rows of many persons: name, age, first household's address and neighbourhood. */
export async function personSummaries(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, PersonSummary>> {
  const out = new Map<string, PersonSummary>();
  if (ids.length === 0) return out;
  const rows = rowsOf<SummaryRow>(
    await tx.execute(sql`
      select p.id, p.given_name, p.family_name, p.other_names, p.birth_date::text as birth_date,
             p.preferred_language, p.anonymised_at is not null as anonymised,
             a.street, a.house_number, a.box, a.postcode, a.municipality, n.name as neighbourhood_name
      from persons p
      left join lateral (
        select ad.street, ad.house_number, ad.box, ad.postcode, ad.municipality, ad.neighbourhood_id
        from household_members hm
        join households h on h.tenant_id = hm.tenant_id and h.id = hm.household_id
        join addresses ad on ad.tenant_id = h.tenant_id and ad.id = h.address_id
        where hm.tenant_id = p.tenant_id and hm.person_id = p.id
        order by hm.created_at limit 1
      ) a on true
      left join neighbourhoods n on n.tenant_id = p.tenant_id and n.id = a.neighbourhood_id
      where p.tenant_id = ${tenantId} and p.id in (${idList(ids)})`),
  );
  for (const row of rows) {
    out.set(row.id, {
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      otherNames: row.other_names,
      birthDate: row.birth_date,
      age: ageOn(row.birth_date),
      preferredLanguage: row.preferred_language,
      address:
        row.street === null
          ? null
          : addressLabel({
              street: row.street,
              houseNumber: row.house_number ?? '',
              box: row.box,
              postcode: row.postcode ?? '',
              municipality: row.municipality ?? '',
            }),
      neighbourhoodName: row.neighbourhood_name,
      anonymised: row.anonymised,
    });
  }
  return out;
}

/** 404, not 403, for a person outside the viewer's record rules: the answer does not reveal who exists. */
export async function requireVisiblePerson(tx: Tx, viewer: Viewer, personId: string) {
  const visible = visiblePersonCondition(viewer, sql`${persons.id}`);
  const [row] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.tenantId, viewer.tenantId), eq(persons.id, personId), visible ?? undefined));
  if (!row) throw notFound('The person');
  return row;
}

export async function canSeeHousehold(tx: Tx, viewer: Viewer, householdId: string): Promise<boolean> {
  const condition = visiblePersonCondition(viewer, sql.raw('hm.person_id'));
  const rows = rowsOf(
    await tx.execute(sql`
      select 1 from households h where h.tenant_id = ${viewer.tenantId} and h.id = ${householdId}
      ${
        condition
          ? sql`and exists (select 1 from household_members hm
                 where hm.tenant_id = h.tenant_id and hm.household_id = h.id and ${condition})`
          : sql``
      }`),
  );
  return rows.length > 0;
}

export async function requireVisibleHousehold(tx: Tx, viewer: Viewer, householdId: string) {
  if (!(await canSeeHousehold(tx, viewer, householdId))) throw notFound('The household');
  const [row] = await tx
    .select()
    .from(households)
    .where(and(eq(households.tenantId, viewer.tenantId), eq(households.id, householdId)));
  return row!;
}

export function searchColumns(
  names: { givenName: string; familyName: string; otherNames?: string | null },
  contacts: ContactPoint[],
) {
  return {
    nameSearch: normaliseText(`${names.givenName} ${names.otherNames ?? ''} ${names.familyName}`),
    nameKey: nameKey(names.givenName, names.familyName),
    phoneSearch: contacts
      .filter((c) => c.channel !== 'email')
      .map((c) => normalisePhone(c.value))
      .filter(Boolean)
      .join(' '),
  };
}

async function nationalNumberHash(tx: Tx, tenantId: string, value: string | null | undefined) {
  if (value === null || value === undefined) return null;
  if (!isValidNationalNumber(value)) {
    throw validationError('nationalNumber', 'this is not a valid national register number (check digits)');
  }
  return hashNationalNumber(await tenantHmacKey(tx, tenantId), nationalNumberDigits(value));
}

// ---------------------------------------------------------------- search

export interface PersonSearch {
  q?: string;
  neighbourhoodId?: string;
  limit: number;
}

/**
 * Name (partial, accents and case ignored, small typos tolerated through trigram word similarity),
 * address, or phone number; only persons the viewer's record rules let through.
 */
type Scored = { id: string; score: number };

/** How many municipality-wide matches a viewer with a narrower view picks from. */
const NARROW_CANDIDATES = 500;

/**
 * Name (partial, accents and case ignored, small typos tolerated through trigram word similarity),
 * address, or phone number; only persons the viewer's record rules let through.
 *
 * Viewers who see the whole municipality search through the index-backed functions of migration
 * 0006 (row-level security would otherwise keep the trigram indexes unused). Viewers with a narrower
 * view search their own, smaller set directly.
 */
export async function searchPersons(tx: Tx, viewer: Viewer, search: PersonSearch) {
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
  const visible = visiblePersonCondition(viewer, sql.raw('p.id'));
  const filters: SQL[] = [sql`p.tenant_id = ${viewer.tenantId}`, sql`p.anonymised_at is null`];
  if (visible) filters.push(visible);
  if (search.neighbourhoodId) {
    filters.push(sql`p.id in (select hm.person_id from household_members hm
      join households h on h.tenant_id = hm.tenant_id and h.id = hm.household_id
      join addresses a on a.tenant_id = h.tenant_id and a.id = h.address_id
      where a.tenant_id = ${viewer.tenantId} and a.neighbourhood_id = ${search.neighbourhoodId})`);
  }
  const whole = visible === null && !search.neighbourhoodId;
  const where = sql.join(filters, sql` and `);
  const limit = search.limit;
  // A narrower view draws from a larger set of candidates of the whole municipality.
  const candidates = whole ? limit : NARROW_CANDIDATES;
  const scores = new Map<string, number>();
  const keep = (rows: Scored[]) => {
    for (const row of rows) scores.set(row.id, Math.max(scores.get(row.id) ?? 0, Number(row.score)));
  };
  /** Candidates (id, score) filtered by the viewer's rules, best first; saturated when the candidates ran out. */
  const allowed = async (matches: SQL) => {
    const rows = rowsOf<{ id: string | null; score: number }>(
      await tx.execute(sql`with c as materialized (select * from ${matches} m),
        hits as (
          select p.id, c.score from c join persons p on p.tenant_id = ${viewer.tenantId} and p.id = c.id
          where ${where} order by c.score desc, p.family_name, p.given_name limit ${limit})
        select id, score from hits
        union all select null, count(*) from c`),
    );
    const counted = rows.find((row) => row.id === null);
    const hits = rows.filter((row): row is Scored => row.id !== null);
    return Object.assign(hits, { saturated: Number(counted?.score ?? 0) >= candidates });
  };
  const q = search.q?.trim() ?? '';
  const digits = q.replace(/\D/g, '');
  if (q && /^[\d\s+./()-]+$/.test(q) && digits.length >= 4) {
    const contains = `%${likeEscape(normalisePhone(q))}%`;
    keep(await allowed(sql`(select id, 1 as score from search_person_phones(${contains}, ${candidates}))`));
  } else if (q) {
    const needle = normaliseQuery(q);
    if (!needle) return [];
    const escaped = likeEscape(needle);
    const contains = `%${escaped}%`;
    const byName = await allowed(
      sql`search_person_names(${needle}, ${contains}, ${`${escaped}%`}, ${`% ${escaped}%`}, ${candidates})`,
    );
    keep(byName);
    // Persons living at a matching address rank just below name matches; a misspelt street is
    // looked for only when no name matched, so a name search does not pay for it.
    const addresses = sql`search_address_ids(${needle}, ${contains}, ${candidates}, ${byName.length === 0})`;
    keep(
      rowsOf<Scored>(
        await tx.execute(sql`select p.id, max(s.score) * 0.85 as score
          from ${addresses} s
          join households h on h.tenant_id = ${viewer.tenantId} and h.address_id = s.id
          join household_members hm on hm.tenant_id = h.tenant_id and hm.household_id = h.id
          join persons p on p.tenant_id = hm.tenant_id and p.id = hm.person_id
          where ${where}
          group by p.id order by score desc limit ${limit}`),
      ),
    );
    if (!whole && byName.saturated && scores.size < limit) {
      // Very common words can fill the candidates with persons this viewer does not see: look in
      // the viewer's own set directly (substring only).
      const direct = rowsOf<Scored>(
        await tx.execute(sql`select p.id, 0.9 as score from persons p
          where ${where} and p.name_search like ${contains}
          order by p.family_name, p.given_name limit ${limit}`),
      );
      keep(direct);
    }
  } else {
    keep(
      rowsOf<Scored>(
        await tx.execute(sql`select p.id, 1 as score from persons p where ${where}
          order by p.family_name, p.given_name limit ${limit}`),
      ),
    );
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const summaries = await personSummaries(
    tx,
    viewer.tenantId,
    ranked.map(([id]) => id),
  );
  const results = ranked.flatMap(([id, score]) => {
    const summary = summaries.get(id);
    return summary ? [{ ...summary, score: Math.round(score * 1000) / 1000 }] : [];
  });
  await recordAudit(tx, viewer, {
    action: 'person.search',
    recordType: 'person',
    details: { results: results.length, neighbourhoodId: search.neighbourhoodId ?? null },
  });
  return results;
}

// ---------------------------------------------------------------- duplicates

type DuplicateReason = 'same_name_and_birth_date' | 'same_name_and_address' | 'same_national_number';

async function findDuplicates(
  tx: Tx,
  viewer: Viewer,
  probe: {
    nameKey: string;
    birthDate?: string | null;
    addressId?: string | null;
    nationalNumberHash: string | null;
  },
) {
  const found = new Map<string, DuplicateReason>();
  if (probe.nationalNumberHash) {
    const rows = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(
        and(eq(persons.tenantId, viewer.tenantId), eq(persons.nationalNumberHash, probe.nationalNumberHash)),
      );
    for (const row of rows) found.set(row.id, 'same_national_number');
  }
  if (probe.birthDate) {
    const rows = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(
        and(
          eq(persons.tenantId, viewer.tenantId),
          eq(persons.nameKey, probe.nameKey),
          eq(persons.birthDate, probe.birthDate),
          isNull(persons.anonymisedAt),
        ),
      );
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, 'same_name_and_birth_date');
  }
  if (probe.addressId) {
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`select distinct p.id from persons p
        join household_members hm on hm.tenant_id = p.tenant_id and hm.person_id = p.id
        join households h on h.tenant_id = hm.tenant_id and h.id = hm.household_id
        where p.tenant_id = ${viewer.tenantId} and p.name_key = ${probe.nameKey}
          and h.address_id = ${probe.addressId} and p.anonymised_at is null`),
    );
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, 'same_name_and_address');
  }
  const sameNumber = [...found.values()].includes('same_national_number');
  const visible: { id: string; reason: DuplicateReason }[] = [];
  for (const [id, reason] of found) if (await canSeePerson(tx, viewer, id)) visible.push({ id, reason });
  const summaries = await personSummaries(
    tx,
    viewer.tenantId,
    visible.map((v) => v.id),
  );
  return {
    sameNumber,
    candidates: visible.flatMap((v) => {
      const summary = summaries.get(v.id);
      return summary ? [{ ...summary, reason: v.reason }] : [];
    }),
  };
}

// ---------------------------------------------------------------- create, read, rectify

export async function createPerson(tx: Tx, viewer: Viewer, input: PersonCreate): Promise<{ id: string }> {
  let addressId: string | null = null;
  if (input.household) {
    const household = await requireVisibleHousehold(tx, viewer, input.household.id);
    addressId = household.addressId;
  }
  const hash = await nationalNumberHash(tx, viewer.tenantId, input.nationalNumber);
  const columns = searchColumns(input, input.contacts);
  const duplicates = await findDuplicates(tx, viewer, {
    nameKey: columns.nameKey,
    birthDate: input.birthDate,
    addressId,
    nationalNumberHash: hash,
  });
  if (duplicates.sameNumber) {
    throw new AppError('CONFLICT', 'A person with this national register number is already registered', {
      reason: 'possible_duplicate',
      candidates: duplicates.candidates,
    });
  }
  if (duplicates.candidates.length > 0 && !input.confirmNotDuplicate) {
    throw new AppError('CONFLICT', 'This person may already be registered', {
      reason: 'possible_duplicate',
      candidates: duplicates.candidates,
    });
  }
  const [row] = await tx
    .insert(persons)
    .values({
      tenantId: viewer.tenantId,
      givenName: input.givenName,
      familyName: input.familyName,
      otherNames: input.otherNames ?? null,
      birthDate: input.birthDate ?? null,
      languages: [...new Set(input.languages)],
      preferredLanguage: input.preferredLanguage ?? null,
      contacts: input.contacts,
      contactPreferences: [...new Set(input.contactPreferences)],
      nationalNumberHash: hash,
      ...columns,
    })
    .returning({ id: persons.id });
  const id = row!.id;
  if (input.household) {
    await tx.insert(householdMembers).values({
      tenantId: viewer.tenantId,
      householdId: input.household.id,
      personId: id,
      relation: input.household.relation,
    });
  }
  await recordAudit(tx, viewer, {
    action: 'person.created',
    recordType: 'person',
    recordId: id,
    details: {
      householdId: input.household?.id ?? null,
      confirmedNotDuplicate: duplicates.candidates.length > 0,
    },
  });
  return { id };
}

export async function activeLegalHolds(tx: Tx, tenantId: string, personId: string) {
  const rows = await tx
    .select()
    .from(legalHolds)
    .where(
      and(
        eq(legalHolds.tenantId, tenantId),
        eq(legalHolds.personId, personId),
        or(isNull(legalHolds.until), sql`${legalHolds.until} >= ${today()}::date`),
      ),
    );
  return rows.map((h) => ({ id: h.id, module: h.module, reason: h.reason, until: h.until }));
}

async function memberships(tx: Tx, tenantId: string, personId: string) {
  return tx
    .select({
      householdId: householdMembers.householdId,
      householdName: households.name,
      relation: householdMembers.relation,
    })
    .from(householdMembers)
    .innerJoin(
      households,
      and(
        eq(households.tenantId, householdMembers.tenantId),
        eq(households.id, householdMembers.householdId),
      ),
    )
    .where(and(eq(householdMembers.tenantId, tenantId), eq(householdMembers.personId, personId)));
}

/** The person page. Every opening is written to the audit trail with its purpose. */
export async function getPersonDetail(
  tx: Tx,
  viewer: Viewer,
  personId: string,
  purpose: ReadPurpose,
): Promise<PersonDetail> {
  requireReadPurpose(viewer, purpose);
  const row = await requireVisiblePerson(tx, viewer, personId);
  const summary = (await personSummaries(tx, viewer.tenantId, [personId])).get(personId)!;
  const households = (await memberships(tx, viewer.tenantId, personId)).map((m) => ({
    ...m,
    relation: m.relation as Relation,
  }));
  const timeline = await listTimeline(tx, viewer, {
    personIds: [personId],
    householdIds: households.map((h) => h.householdId),
  });
  const detail: PersonDetail = {
    person: {
      ...summary,
      languages: row.languages,
      contacts: row.contacts,
      contactPreferences: row.contactPreferences,
      hasNationalNumber: row.nationalNumberHash !== null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    households,
    consents: await listConsents(tx, viewer.tenantId, personId),
    timeline,
    legalHolds: await activeLegalHolds(tx, viewer.tenantId, personId),
  };
  await recordAudit(tx, viewer, { action: 'person.read', recordType: 'person', recordId: personId, purpose });
  return detail;
}

/** Rectification: changes only what is sent, keeps the search columns in step, logs which fields changed. */
export async function rectifyPerson(tx: Tx, viewer: Viewer, personId: string, patch: PersonPatch) {
  const current = await requireVisiblePerson(tx, viewer, personId);
  if (current.anonymisedAt)
    throw new AppError('CONFLICT', 'This person has been anonymised and cannot be changed');
  const next = {
    givenName: patch.givenName ?? current.givenName,
    familyName: patch.familyName ?? current.familyName,
    otherNames: patch.otherNames === undefined ? current.otherNames : patch.otherNames,
  };
  const contacts = patch.contacts ?? current.contacts;
  const change: Partial<typeof persons.$inferInsert> = {
    ...next,
    ...searchColumns(next, contacts),
    contacts,
    updatedAt: new Date(),
  };
  if (patch.birthDate !== undefined) change.birthDate = patch.birthDate;
  if (patch.languages) change.languages = [...new Set(patch.languages)];
  if (patch.preferredLanguage !== undefined) change.preferredLanguage = patch.preferredLanguage;
  if (patch.contactPreferences) change.contactPreferences = [...new Set(patch.contactPreferences)];
  if (patch.nationalNumber !== undefined) {
    const hash = await nationalNumberHash(tx, viewer.tenantId, patch.nationalNumber);
    if (hash) {
      const [other] = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.tenantId, viewer.tenantId), eq(persons.nationalNumberHash, hash)));
      if (other && other.id !== personId) {
        throw new AppError('CONFLICT', 'Another person is registered with this national register number', {
          reason: 'possible_duplicate',
          candidates: [...(await personSummaries(tx, viewer.tenantId, [other.id])).values()].map((s) => ({
            ...s,
            reason: 'same_national_number',
          })),
        });
      }
    }
    change.nationalNumberHash = hash;
  }
  await tx
    .update(persons)
    .set(change)
    .where(and(eq(persons.tenantId, viewer.tenantId), eq(persons.id, personId)));
  await recordAudit(tx, viewer, {
    action: 'person.rectified',
    recordType: 'person',
    recordId: personId,
    purpose: 'rectification',
    details: { fields: Object.keys(patch).sort() },
  });
  return (await personSummaries(tx, viewer.tenantId, [personId])).get(personId)!;
}

// ---------------------------------------------------------------- merge

/**
 * Other modules that link to persons register how to move their links in a merge and how to remove
 * them in an erasure, so neither leaves a dangling row.
 */
export interface PersonLinkHandler {
  name: string;
  merge(tx: Tx, tenantId: string, keptId: string, removedId: string): Promise<number>;
  erase(tx: Tx, tenantId: string, personId: string): Promise<number>;
}

const linkHandlers = new Map<string, PersonLinkHandler>();

export function registerPersonLinkHandler(handler: PersonLinkHandler): void {
  linkHandlers.set(handler.name, handler);
}

export function personLinkHandlers(): PersonLinkHandler[] {
  return [...linkHandlers.values()];
}

/** Moves everything linked to the duplicate to the kept person, fills gaps in the record, removes the duplicate. */
export async function mergePersons(tx: Tx, viewer: Viewer, keptId: string, duplicateId: string) {
  if (keptId === duplicateId)
    throw validationError('duplicateId', 'a person cannot be merged with themselves');
  const kept = await requireVisiblePerson(tx, viewer, keptId);
  const duplicate = await requireVisiblePerson(tx, viewer, duplicateId);
  if (kept.anonymisedAt || duplicate.anonymisedAt) {
    throw new AppError('CONFLICT', 'An anonymised person cannot be merged');
  }
  const t = viewer.tenantId;
  const moved: Record<string, number> = {};

  // Shared households: the kept person's membership stays, the duplicate's goes.
  const keptHouseholds = (await memberships(tx, t, keptId)).map((m) => m.householdId);
  if (keptHouseholds.length > 0) {
    await tx
      .delete(householdMembers)
      .where(
        and(
          eq(householdMembers.tenantId, t),
          eq(householdMembers.personId, duplicateId),
          inArray(householdMembers.householdId, keptHouseholds),
        ),
      );
  }
  const movePerson = async (
    name: string,
    table:
      | typeof householdMembers
      | typeof consents
      | typeof timelineEntries
      | typeof legalHolds
      | typeof personAccessGrants,
  ) => {
    const rows = await tx
      .update(table)
      .set({ personId: keptId })
      .where(and(eq(table.tenantId, t), eq(table.personId, duplicateId)))
      .returning({ personId: table.personId });
    moved[name] = rows.length;
  };
  await movePerson('householdMembers', householdMembers);
  await movePerson('consents', consents);
  await movePerson('timelineEntries', timelineEntries);
  await movePerson('legalHolds', legalHolds);
  await movePerson('accessGrants', personAccessGrants);
  for (const handler of linkHandlers.values())
    moved[handler.name] = await handler.merge(tx, t, keptId, duplicateId);

  const contactKey = (c: ContactPoint) => `${c.channel}:${c.value.replaceAll(/\s/g, '').toLowerCase()}`;
  const contacts = [...kept.contacts];
  for (const c of duplicate.contacts)
    if (!contacts.some((k) => contactKey(k) === contactKey(c))) contacts.push(c);
  const names = {
    givenName: kept.givenName,
    familyName: kept.familyName,
    otherNames: kept.otherNames ?? duplicate.otherNames,
  };
  await tx.delete(persons).where(and(eq(persons.tenantId, t), eq(persons.id, duplicateId)));
  await tx
    .update(persons)
    .set({
      ...names,
      ...searchColumns(names, contacts),
      birthDate: kept.birthDate ?? duplicate.birthDate,
      languages: [...new Set([...kept.languages, ...duplicate.languages])],
      preferredLanguage: kept.preferredLanguage ?? duplicate.preferredLanguage,
      contacts,
      contactPreferences: [...new Set([...kept.contactPreferences, ...duplicate.contactPreferences])],
      nationalNumberHash: kept.nationalNumberHash ?? duplicate.nationalNumberHash,
      updatedAt: new Date(),
    })
    .where(and(eq(persons.tenantId, t), eq(persons.id, keptId)));
  await recordAudit(tx, viewer, {
    action: 'person.merged',
    recordType: 'person',
    recordId: keptId,
    purpose: 'data_quality',
    details: { removedId: duplicateId, moved },
  });
  return { keptId, removedId: duplicateId, moved };
}

// ---------------------------------------------------------------- consent and contact moments by hand

/** A consent given or withdrawn, recorded by staff for a person they may see. */
export async function recordPersonConsent(
  tx: Tx,
  viewer: Viewer,
  personId: string,
  input: Parameters<typeof recordConsent>[3],
) {
  await requireVisiblePerson(tx, viewer, personId);
  return recordConsent(tx, viewer, personId, input);
}

/** A contact moment noted by hand on a person's timeline. */
export async function recordPersonContact(
  tx: Tx,
  viewer: Viewer,
  personId: string,
  moment: Pick<ContactMoment, 'channel' | 'purpose' | 'summary' | 'visibility' | 'occurredAt'>,
) {
  await requireVisiblePerson(tx, viewer, personId);
  const saved = await recordContact(tx, viewer, {
    ...moment,
    personId,
    module: 'registry',
    recordType: 'contact_note',
  });
  await recordAudit(tx, viewer, {
    action: 'timeline.recorded',
    recordType: 'person',
    recordId: personId,
    details: { entryId: saved.id, visibility: saved.visibility },
  });
  return saved;
}

/**
 * For modules that receive a national register number (a partner's signal, a referral): the person
 * it belongs to in this municipality, matched on the keyed hash; null when unknown or not valid.
 */
export async function findPersonByNationalNumber(
  tx: Tx,
  tenantId: string,
  value: string,
): Promise<string | null> {
  if (!isValidNationalNumber(value)) return null;
  const hash = hashNationalNumber(await tenantHmacKey(tx, tenantId), nationalNumberDigits(value));
  const [row] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.tenantId, tenantId), eq(persons.nationalNumberHash, hash)));
  return row?.id ?? null;
}
