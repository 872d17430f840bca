import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { firstContactDue, scoreUrgency, type UrgencySignal } from '../../../engines/urgency/urgency.ts';
import { brusselsNow } from '../../../shared/brussels.ts';
import { AppError } from '../../../shared/errors.ts';
import { isValidNationalNumber, nationalNumberDigits } from '../../../shared/national-number.ts';
import { nameKey, normaliseText } from '../../../shared/normalise.ts';
import type { IntakeResult, RowError, SignalInput } from '../../../shared/signals.schemas.ts';
import { postgresClientOf, rowsOf, type Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { addressKey } from '../registry/address-key.ts';
import { hashNationalNumber, tenantHmacKey } from '../registry/tenant-secret.ts';
import { anyOf, type BulkColumn, bulkInsert, copyValue, unnest } from './bulk.ts';
import { timeOrderedId } from './ids.ts';
import { getSettings } from './partners.service.ts';
import { signalCases, type signals, signalTeams, signalUploads } from './signals.tables.ts';

/** Linked without asking at or above this confidence; below it (but with a candidate) staff review. */
export const AUTO_LINK = 0.9;
/** Signals per round of linking and writing. */
const CHUNK = 5000;

export interface IntakeSource {
  partnerId: string;
  via: 'api' | 'upload';
  fileName?: string | null;
  format: string;
  /** Postcodes the API key may send for; empty: no restriction. */
  postcodes?: string[];
}

export interface LinkCandidate {
  householdId: string;
  householdName: string;
  address: string;
  confidence: number;
  reason: 'national_number' | 'name_birth_address' | 'name_birth' | 'name_address' | 'family_at_address';
}

interface Prepared {
  row: number;
  input: SignalInput;
  nameKey: string;
  addressKey: string;
  hash: string | null;
}

/**
 * Who a signal is about when no household is known: name, birth date and address, normalised, as
 * the first 128 bits of their SHA-256 in a uuid (migration 0026 turned the earlier text keys into the
 * same). A quarter of the text's size in the unique index of open person cases, and the case row
 * does not repeat the person's name, birth date and address in readable form.
 */
export function personKey(nameKey: string, birthDate: string | null | undefined, addressKey: string) {
  const hex = createHash('sha256')
    .update(`${nameKey}|${birthDate ?? ''}|${addressKey}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Checks the batch beyond its shape: national numbers and the key's postcodes. */
export function checkSignals(
  inputs: { row: number; input: SignalInput }[],
  source: IntakeSource,
): RowError[] {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, input } of inputs) {
    if (input.nationalNumber && !isValidNationalNumber(input.nationalNumber)) {
      errors.push({
        row,
        field: 'nationalNumber',
        code: 'not_a_national_number',
        params: {},
        reason: 'this is not a valid national register number',
      });
    }
    if (source.postcodes?.length && !source.postcodes.includes(input.postcode)) {
      errors.push({
        row,
        field: 'postcode',
        code: 'postcode_not_allowed',
        params: { postcode: input.postcode },
        reason: `this key may not send signals for postcode ${input.postcode}`,
      });
    }
    if (input.plannedAction !== 'none' && !input.plannedDate) {
      errors.push({
        row,
        field: 'plannedDate',
        code: 'action_needs_date',
        params: {},
        reason: 'a planned action needs its date',
      });
    }
    const earlier = seen.get(input.reference);
    if (earlier !== undefined) {
      errors.push({
        row,
        field: 'reference',
        code: 'same_reference',
        params: { line: earlier },
        reason: `the same reference as row ${earlier}`,
      });
    } else seen.set(input.reference, row);
  }
  return errors;
}

/**
 * References of this partner that are known already. One index probe per reference, whatever the
 * planner's statistics say: as `reference = any(…)`, or as a plain join, it was free to read all of
 * the partner's signals and filter them (it did, on statistics taken before a large import). The
 * lateral subqueries here and below fix the order: the list drives.
 */
export async function knownReferences(tx: Tx, tenantId: string, partnerId: string, references: string[]) {
  const known = new Set<string>();
  for (let i = 0; i < references.length; i += 5000) {
    const rows = rowsOf<{ reference: string }>(
      await tx.execute(sql`
        select r.reference
          from unnest(${sql.param(references.slice(i, i + 5000))}::text[]) as r(reference)
          cross join lateral (select 1 from signals s
                               where s.tenant_id = ${tenantId} and s.partner_id = ${partnerId}
                                 and s.reference = r.reference limit 1) as s`),
    );
    for (const row of rows) known.add(row.reference);
  }
  return known;
}

/** The unique indexes that keep one open case per household and per unlinked person. */
const OPEN_CASE_INDEXES = new Set(['signal_cases_open_household', 'signal_cases_open_person']);

/**
 * Runs an intake (its own transaction), again when a concurrent intake opened the same household's
 * or person's case first: the second one waits on the unique index, fails when the first commits,
 * and on the next attempt finds that case open and joins it. Whole batches, so nothing is half-saved.
 */
export async function retryWhenCaseOpenedMeanwhile<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const constraint =
        (error as { constraint?: string }).constraint ??
        (error as { cause?: { constraint?: string } }).cause?.constraint;
      if (attempt >= attempts || !constraint || !OPEN_CASE_INDEXES.has(constraint)) throw error;
    }
  }
}

/**
 * Takes in checked signals, in the caller's transaction: the same reference twice creates nothing
 * new; each new signal is linked to a household (or sent to review) and bundled into the household's
 * open case. Any failure rolls the whole batch back.
 */
export async function ingestSignals(
  tx: Tx,
  actor: Actor,
  source: IntakeSource,
  inputs: { row: number; input: SignalInput }[],
  now = new Date(),
  /** Signals per round of linking and writing (tests make it small to run many rounds). */
  chunkSize = CHUNK,
): Promise<IntakeResult> {
  const errors = checkSignals(inputs, source);
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some signals are not valid; nothing was saved', errors);
  }
  const tenantId = actor.tenantId;
  const known = await knownReferences(
    tx,
    tenantId,
    source.partnerId,
    inputs.map((i) => i.input.reference),
  );
  const fresh = inputs.filter((i) => !known.has(i.input.reference));
  const key = fresh.some((i) => i.input.nationalNumber) ? await tenantHmacKey(tx, tenantId) : null;
  // Many signals of one file share an address: each is normalised once.
  const addressKeys = new Map<string, string>();
  const addressKeyOf = (input: SignalInput) => {
    const raw = `${input.street}\u0000${input.houseNumber}\u0000${input.box ?? ''}\u0000${input.postcode}`;
    let found = addressKeys.get(raw);
    if (found === undefined) {
      found = addressKey(input.street, input.houseNumber, input.box ?? '', input.postcode);
      addressKeys.set(raw, found);
    }
    return found;
  };
  const prepare = ({ row, input }: { row: number; input: SignalInput }): Prepared => ({
    row,
    input,
    nameKey: nameKey(input.givenName, input.familyName),
    addressKey: addressKeyOf(input),
    hash:
      input.nationalNumber && key
        ? hashNationalNumber(key, nationalNumberDigits(input.nationalNumber))
        : null,
  });
  const uploadId = randomUUID();
  let linked = 0;
  let review = 0;
  const settings = await getSettings(tx, tenantId);
  const [team] = await tx
    .select({ id: signalTeams.id })
    .from(signalTeams)
    .where(eq(signalTeams.tenantId, tenantId))
    .orderBy(signalTeams.createdAt)
    .limit(1);

  const touched = new Set<string>();
  const today = brusselsNow(now).date;
  // Cases this intake opened, by household and by person: later chunks join them without asking the
  // database, which may not have them yet (their chunk can still be on its way in).
  const opened = { household: new Map<string, string>(), person: new Map<string, string>() };

  /** What a chunk needs from the database: candidates, the open cases it may join, children. */
  const lookUp = async (chunk: Prepared[]) => {
    const candidates = await findCandidates(tx, tenantId, chunk);
    const linkedHouseholds = [
      ...new Set(
        candidates.flatMap((list) => {
          const best = list[0];
          return best && best.confidence >= AUTO_LINK ? [best.householdId] : [];
        }),
      ),
    ];
    const openCases = new Map<string, string>();
    const askHouseholds = linkedHouseholds.filter((h) => !opened.household.has(h));
    if (askHouseholds.length > 0) {
      const rows = await tx
        .select({ id: signalCases.id, householdId: signalCases.householdId })
        .from(signalCases)
        .where(
          and(
            eq(signalCases.tenantId, tenantId),
            anyOf(signalCases.householdId, askHouseholds, 'uuid'),
            isNull(signalCases.closedAt),
          ),
        );
      for (const row of rows) openCases.set(row.householdId!, row.id);
    }
    // Signals about a person no household matched join that person's open case, if there is one.
    const personKeys = chunk.map((p, index) =>
      candidates[index]!.length === 0 ? personKey(p.nameKey, p.input.birthDate, p.addressKey) : null,
    );
    const unknownKeys = [...new Set(personKeys)].filter(
      (k): k is string => k !== null && !opened.person.has(k),
    );
    const personCases = await openPersonCases(tx, tenantId, unknownKeys);
    const children = await childrenPerHousehold(
      tx,
      tenantId,
      askHouseholds.filter((h) => !openCases.has(h)),
      today,
    );
    return { chunk, candidates, personKeys, openCases, personCases, children };
  };

  /**
   * Links each signal of a chunk to its case (opening cases where needed) and scores the new cases;
   * on PostgreSQL also renders the chunk's COPY text. Pure work in memory: it runs while the database
   * writes the chunk before, and lets that write's I/O through every 200 signals.
   */
  const build = async ({ chunk, candidates, personKeys, openCases, personCases, children }: Looked) => {
    const newCases: (typeof signalCases.$inferInsert)[] = [];
    const signalRows: (typeof signals.$inferInsert)[] = [];
    for (let index = 0; index < chunk.length; index++) {
      // Often enough that the write before goes on at once whenever the database answers.
      if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      const p = chunk[index]!;
      const list = candidates[index]!;
      const best = list[0];
      let caseId: string | null = null;
      let householdId: string | null = null;
      let status: 'linked' | 'review' | 'unknown';
      if (best && best.confidence >= AUTO_LINK) {
        status = 'linked';
        householdId = best.householdId;
        caseId = opened.household.get(householdId) ?? openCases.get(householdId) ?? null;
        if (!caseId) {
          caseId = timeOrderedId();
          opened.household.set(householdId, caseId);
          newCases.push(newCase(tenantId, caseId, householdId, best.householdName, team?.id ?? null, now));
        }
        linked++;
      } else if (best) {
        status = 'review';
        review++;
      } else {
        status = 'unknown';
        const person = personKeys[index]!;
        caseId = opened.person.get(person) ?? personCases.get(person) ?? null;
        if (!caseId) {
          caseId = timeOrderedId();
          opened.person.set(person, caseId);
          newCases.push({
            ...newCase(
              tenantId,
              caseId,
              null,
              `${p.input.givenName} ${p.input.familyName}`,
              team?.id ?? null,
              now,
            ),
            personKey: person,
          });
        }
      }
      signalRows.push({
        tenantId,
        id: timeOrderedId(),
        partnerId: source.partnerId,
        reference: p.input.reference,
        uploadId,
        kind: p.input.kind,
        givenName: p.input.givenName,
        familyName: p.input.familyName,
        nameKey: p.nameKey,
        birthDate: p.input.birthDate ?? null,
        nationalNumberHash: p.hash,
        street: p.input.street,
        houseNumber: p.input.houseNumber,
        box: p.input.box ?? '',
        postcode: p.input.postcode,
        municipality: p.input.municipality,
        addressKey: p.addressKey,
        amountCents: p.input.amountCents,
        arrearsSince: p.input.arrearsSince ?? null,
        plannedAction: p.input.plannedAction,
        plannedDate: p.input.plannedDate ?? null,
        phone: p.input.phone ?? null,
        email: p.input.email ?? null,
        linkStatus: status,
        linkConfidence: best?.confidence ?? null,
        linkCandidates: status === 'review' ? list.slice(0, 5) : null,
        householdId,
        caseId,
        receivedAt: now,
      });
    }
    // New cases are scored here from the signals in hand; cases opened before this chunk (by this
    // intake or before it) are rescored once at the end from all their signals.
    const freshCases = new Set(newCases.map((c) => c.id!));
    const byCase = groupBy(
      signalRows.filter((r) => r.caseId && freshCases.has(r.caseId)),
      (r) => r.caseId!,
    );
    for (const c of newCases) {
      const scored = scoreCase(
        (byCase.get(c.id!) ?? []).map((r) => ({
          kind: r.kind,
          amountCents: r.amountCents,
          plannedAction: r.plannedAction,
          plannedDate: r.plannedDate ?? null,
          receivedAt: now,
        })),
        c.householdId ? (children.get(c.householdId) ?? 0) : 0,
        0,
        settings,
        now,
      );
      c.score = scored.score;
      c.firstContactDueAt = scored.due ?? now;
    }
    for (const r of signalRows) if (r.caseId && !freshCases.has(r.caseId)) touched.add(r.caseId);
    return prepareChunk(tx, newCases, signalRows);
  };
  type Looked = Awaited<ReturnType<typeof lookUp>>;

  // Chunk by chunk, in a pipeline on the one connection: the next chunk's lookups are queued behind
  // the last write, and both run while this chunk is built in memory; then this chunk's write is
  // queued. The lookups may not see the cases of the chunks still on their way in; build() takes
  // those from `opened` first.
  const count = Math.ceil(fresh.length / chunkSize);
  const chunkAt = (k: number) => fresh.slice(k * chunkSize, (k + 1) * chunkSize).map(prepare);
  // The staging table is made once per connection and asked for once per intake (a rolled-back
  // transaction takes it away again).
  const client = postgresClientOf(tx);
  if (client && count > 0) await client.query(STAGING_TABLE);
  let writing: Promise<unknown> | null = null;
  let looked: Looked | null = count > 0 ? await lookUp(chunkAt(0)) : null;
  for (let k = 0; looked; k++) {
    // Queued behind the last chunk's write; both run while this chunk is built.
    const looking = k + 1 < count ? lookUp(chunkAt(k + 1)) : null;
    // Awaited below; a rejection meanwhile is not left unheard.
    looking?.catch(() => undefined);
    const built = await build(looked);
    if (writing) await writing;
    // The lookups end before this chunk's write is queued: their later statements would wait behind it.
    looked = looking ? await looking : null;
    writing = writeChunk(tx, built);
    writing.catch(() => undefined);
  }
  if (writing) await writing;
  await rescoreCases(tx, tenantId, [...touched], settings, now);

  await tx.insert(signalUploads).values({
    tenantId,
    id: uploadId,
    partnerId: source.partnerId,
    via: source.via,
    fileName: source.fileName ?? null,
    format: source.format,
    rows: inputs.length,
    created: fresh.length,
    duplicates: inputs.length - fresh.length,
    createdBy: actor.userId,
    createdAt: now,
  });
  await recordAudit(tx, actor, {
    action: 'signals.intake',
    recordType: 'signal_upload',
    recordId: uploadId,
    purpose: 'early_signals',
    details: { via: source.via, rows: inputs.length, created: fresh.length, linked, review },
  });
  return {
    uploadId,
    received: inputs.length,
    created: fresh.length,
    duplicates: inputs.length - fresh.length,
    linked,
    review,
  };
}

function newCase(
  tenantId: string,
  id: string,
  householdId: string | null,
  label: string,
  teamId: string | null,
  now: Date,
): typeof signalCases.$inferInsert {
  return {
    tenantId,
    id,
    householdId,
    label,
    status: 'new',
    teamId,
    firstContactDueAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** The open cases of people no household matched, by person key. */
export async function openPersonCases(
  tx: Tx,
  tenantId: string,
  keys: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const rows = rowsOf<{ id: string; person_key: string }>(
    await tx.execute(sql`
      select c.id, k.person_key
        from unnest(${sql.param(keys)}::uuid[]) as k(person_key)
        cross join lateral (select c.id from signal_cases c
                             where c.tenant_id = ${tenantId} and c.person_key = k.person_key limit 1) as c`),
  );
  for (const row of rows) found.set(row.person_key, row.id);
  return found;
}

/** Candidate households per signal, best first. */
async function findCandidates(tx: Tx, tenantId: string, chunk: Prepared[]): Promise<LinkCandidate[][]> {
  const hashes = [...new Set(chunk.flatMap((p) => (p.hash ? [p.hash] : [])))];
  const addressKeys = [...new Set(chunk.map((p) => p.addressKey))];
  type PersonRow = {
    nationalNumberHash: string | null;
    nameKey: string;
    birthDate: string | null;
    householdId: string | null;
    householdName: string | null;
    addressKey: string | null;
    street: string | null;
    houseNumber: string | null;
    postcode: string | null;
  };
  // Each lookup below is driven by its list (a lateral subquery per value, one index probe each): as
  // `= any(…)` or a plain join the planner read the whole registry per chunk (a hash join over every
  // person, 30-50 ms a chunk with a municipality's registry).
  /** From the persons found (`p`) to their households and addresses, with an optional `where`. */
  const registryRows = (where: SQL) => sql`
            join household_members m on m.tenant_id = p.tenant_id and m.person_id = p.id
            join households h on h.tenant_id = m.tenant_id and h.id = m.household_id
            left join addresses a on a.tenant_id = h.tenant_id and a.id = h.address_id ${where}`;
  const personColumns = sql.raw(`p.national_number_hash as "nationalNumberHash", p.name_key as "nameKey",
                 to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate", m.household_id as "householdId",
                 h.name as "householdName", a.address_key as "addressKey", a.street,
                 a.house_number as "houseNumber", a.postcode`);
  const byHash = hashes.length
    ? rowsOf<PersonRow>(
        await tx.execute(sql`
          select ${personColumns}
            from unnest(${sql.param(hashes)}::text[]) as k(hash)
            cross join lateral (
              select p.tenant_id, p.id, p.national_number_hash, p.name_key, p.birth_date from persons p
               where p.tenant_id = ${tenantId} and p.national_number_hash = k.hash
              offset 0) as p
            ${registryRows(sql``)}`),
      )
    : [];
  // Namesakes only where they could count: the same birth date, or the same address when a birth
  // date is missing (the rules below). A common name has hundreds of namesakes in a city.
  const triples = [
    ...new Map(
      chunk.map((p) => [
        `${p.nameKey}|${p.input.birthDate ?? ''}|${p.addressKey}`,
        [p.nameKey, p.input.birthDate ?? null, p.addressKey] as const,
      ]),
    ).values(),
  ];
  const byName = triples.length
    ? rowsOf<PersonRow & { signalKey: string }>(
        await tx.execute(sql`
          select s.name_key || '|' || coalesce(to_char(s.birth_date, 'YYYY-MM-DD'), '') || '|' || s.address_key as "signalKey",
                 ${personColumns}
            from (${unnest([
              ['name_key', 'text', triples.map((t) => t[0])],
              ['birth_date', 'date', triples.map((t) => t[1])],
              ['address_key', 'text', triples.map((t) => t[2])],
            ])}) as s(name_key, birth_date, address_key)
            cross join lateral (
              select p.tenant_id, p.id, p.national_number_hash, p.name_key, p.birth_date from persons p
               where p.tenant_id = ${tenantId} and p.name_key = s.name_key
                 and (p.birth_date = s.birth_date or p.birth_date is null or s.birth_date is null)
              offset 0) as p
            ${registryRows(sql`
           where p.birth_date = s.birth_date
              or (a.address_key = s.address_key and (s.birth_date is null or p.birth_date is null))`)}`),
      )
    : [];
  const atAddress = addressKeys.length
    ? rowsOf<{
        householdId: string;
        householdName: string;
        addressKey: string;
        street: string;
        houseNumber: string;
        postcode: string;
      }>(
        await tx.execute(sql`
          select h.id as "householdId", h.name as "householdName", a.address_key as "addressKey", a.street,
                 a.house_number as "houseNumber", a.postcode
            from unnest(${sql.param(addressKeys)}::text[]) as k(address_key)
            cross join lateral (select a.tenant_id, a.id, a.address_key, a.street, a.house_number, a.postcode
                                  from addresses a
                                 where a.tenant_id = ${tenantId} and a.address_key = k.address_key
                                offset 0) as a
            join households h on h.tenant_id = a.tenant_id and h.address_id = a.id`),
      )
    : [];
  const hashIndex = groupBy(byHash, (r) => r.nationalNumberHash ?? '');
  const nameIndex = groupBy(byName, (r) => r.signalKey);
  const addressIndex = groupBy(atAddress, (r) => r.addressKey);
  const label = (r: { street: string | null; houseNumber: string | null; postcode: string | null }) =>
    r.street ? `${r.street} ${r.houseNumber}, ${r.postcode}` : '';

  return chunk.map((p) => {
    const found = new Map<string, LinkCandidate>();
    const offer = (candidate: LinkCandidate) => {
      const existing = found.get(candidate.householdId);
      if (!existing || existing.confidence < candidate.confidence)
        found.set(candidate.householdId, candidate);
    };
    for (const r of p.hash ? (hashIndex.get(p.hash) ?? []) : []) {
      offer({
        householdId: r.householdId!,
        householdName: r.householdName!,
        address: label(r),
        confidence: 1,
        reason: 'national_number',
      });
    }
    for (const r of nameIndex.get(`${p.nameKey}|${p.input.birthDate ?? ''}|${p.addressKey}`) ?? []) {
      const sameBirth = !!p.input.birthDate && r.birthDate === p.input.birthDate;
      const sameAddress = r.addressKey === p.addressKey;
      const base = { householdId: r.householdId!, householdName: r.householdName!, address: label(r) };
      if (sameBirth && sameAddress) offer({ ...base, confidence: 0.95, reason: 'name_birth_address' });
      else if (sameBirth) offer({ ...base, confidence: 0.75, reason: 'name_birth' });
      else if (sameAddress && (!p.input.birthDate || !r.birthDate))
        offer({ ...base, confidence: 0.7, reason: 'name_address' });
    }
    const family = normaliseText(p.input.familyName);
    for (const r of addressIndex.get(p.addressKey) ?? []) {
      if (family && normaliseText(r.householdName).includes(family)) {
        offer({
          householdId: r.householdId,
          householdName: r.householdName,
          address: label(r),
          confidence: 0.5,
          reason: 'family_at_address',
        });
      }
    }
    return [...found.values()].sort((a, b) => b.confidence - a.confidence);
  });
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Children (under 18) per household. */
export async function childrenPerHousehold(tx: Tx, tenantId: string, householdIds: string[], today: string) {
  const result = new Map<string, number>();
  if (householdIds.length === 0) return result;
  const cutoff = `${Number(today.slice(0, 4)) - 18}${today.slice(4, 10)}`;
  for (let i = 0; i < householdIds.length; i += 5000) {
    const rows = rowsOf<{ householdId: string; children: number }>(
      await tx.execute(sql`
        select k.household_id as "householdId", c.children
          from unnest(${sql.param(householdIds.slice(i, i + 5000))}::uuid[]) as k(household_id)
          cross join lateral (
            select count(*)::int as children from household_members m
              join persons p on p.tenant_id = m.tenant_id and p.id = m.person_id
             where m.tenant_id = ${tenantId} and m.household_id = k.household_id and p.birth_date > ${cutoff}
          ) as c
         where c.children > 0`),
    );
    for (const row of rows) result.set(row.householdId, row.children);
  }
  return result;
}

interface ScoredSignal {
  kind: string;
  amountCents: number;
  plannedAction: string;
  plannedDate: string | null;
  receivedAt: Date;
  /** Counts as a signal and nothing else (no amount, no action, no deadline of its own). */
  neutral?: boolean;
}

const neutral = (receivedAt: Date): ScoredSignal => ({
  kind: 'other',
  amountCents: 0,
  plannedAction: 'none',
  plannedDate: null,
  receivedAt,
  neutral: true,
});

/** firstContactDue, remembered: the signals of one intake share their time of receipt. */
const dueCache = new Map<string, Date>();
function dueFor(received: Date, rule: { normal: number; urgent: number }, near: boolean): Date {
  const days = near ? rule.urgent : rule.normal;
  const key = `${received.getTime()}|${days}`;
  let due = dueCache.get(key);
  if (!due) {
    if (dueCache.size > 1000) dueCache.clear();
    due = firstContactDue(received, rule, near);
    dueCache.set(key, due);
  }
  return due;
}

/** A case's urgency, and its first-contact deadline: the earliest of its signals' deadlines. */
function scoreCase(
  list: ScoredSignal[],
  children: number,
  vulnerabilities: number,
  settings: Awaited<ReturnType<typeof getSettings>>,
  now: Date,
): { score: number; due: Date | null } {
  const urgency = scoreUrgency(
    {
      signals: list.map((s) => ({
        kind: s.kind as UrgencySignal['kind'],
        amountCents: s.amountCents,
        plannedAction: s.plannedAction as UrgencySignal['plannedAction'],
        plannedDate: s.plannedDate,
      })),
      children,
      vulnerabilities,
    },
    brusselsNow(now).date,
  );
  let due: Date | null = null;
  for (const s of list) {
    if (s.neutral) continue;
    const rule = settings.deadlines[s.kind as UrgencySignal['kind']] ?? settings.deadlines.other;
    const at = dueFor(s.receivedAt, rule, urgency.near);
    if (!due || at < due) due = at;
  }
  return { score: urgency.score, due };
}

/**
 * Recomputes the urgency of cases and the first-contact deadline of cases nobody has reached out
 * to yet (it can only get earlier: a new signal with a disconnection near shortens it).
 */
export async function rescoreCases(
  tx: Tx,
  tenantId: string,
  caseIds: string[],
  settings: Awaited<ReturnType<typeof getSettings>>,
  now = new Date(),
): Promise<void> {
  if (caseIds.length === 0) return;
  const today = brusselsNow(now).date;
  for (let i = 0; i < caseIds.length; i += 5000) {
    const ids = caseIds.slice(i, i + 5000);
    const cases = await tx
      .select({
        id: signalCases.id,
        householdId: signalCases.householdId,
        vulnerabilities: signalCases.vulnerabilities,
        createdAt: signalCases.createdAt,
        firstContactAt: signalCases.firstContactAt,
      })
      .from(signalCases)
      .where(and(eq(signalCases.tenantId, tenantId), anyOf(signalCases.id, ids, 'uuid')));
    // Per case and kind, what the score needs: not every signal (a household's case can hold
    // hundreds). The nearest action and the earliest receipt per kind are enough, as the effective
    // action date and the first-contact deadline only grow with the date they start from.
    const groups = rowsOf<{
      case_id: string;
      kind: string;
      signals: number;
      cents: string;
      first_received: Date;
      disconnection: string | null;
      hearing: string | null;
      other: string | null;
    }>(
      await tx.execute(sql`
        select s.case_id, s.kind, count(*)::int as signals, sum(s.amount_cents)::text as cents,
               min(s.received_at) as first_received,
               to_char(min(s.planned_date) filter (where s.planned_action = 'disconnection'), 'YYYY-MM-DD') as disconnection,
               to_char(min(s.planned_date) filter (where s.planned_action = 'eviction_hearing'), 'YYYY-MM-DD') as hearing,
               to_char(min(s.planned_date) filter (where s.planned_action = 'other'), 'YYYY-MM-DD') as other
          from unnest(${sql.param(ids)}::uuid[]) as c(id)
          -- offset 0 keeps the subquery a subquery: the list drives, one index probe per case.
          cross join lateral (select * from signals s where s.tenant_id = ${tenantId} and s.case_id = c.id offset 0) as s
         group by s.case_id, s.kind`),
    );
    const perCase = new Map<string, ScoredSignal[]>();
    for (const g of groups) {
      const list = perCase.get(g.case_id) ?? [];
      perCase.set(g.case_id, list);
      const received = new Date(g.first_received);
      const actions: [string, string | null][] = [
        ['disconnection', g.disconnection],
        ['eviction_hearing', g.hearing],
        ['other', g.other],
      ];
      // Stand-ins: the amount rides on the first, each planned action is one signal of its own (so
      // never more than the real ones), and neutral ones make up the count.
      const stand: ScoredSignal[] = actions
        .filter(([, date]) => date)
        .map(([action, date]) => ({
          kind: g.kind,
          amountCents: 0,
          plannedAction: action,
          plannedDate: date,
          receivedAt: received,
        }));
      if (stand.length === 0)
        stand.push({
          kind: g.kind,
          amountCents: 0,
          plannedAction: 'none',
          plannedDate: null,
          receivedAt: received,
        });
      stand[0]!.amountCents = Number(g.cents);
      list.push(...stand);
      for (let n = stand.length; n < g.signals; n++) list.push(neutral(received));
    }
    const children = await childrenPerHousehold(
      tx,
      tenantId,
      cases.flatMap((c) => (c.householdId ? [c.householdId] : [])),
      today,
    );
    const values = cases.map((c) => {
      const scored = scoreCase(
        perCase.get(c.id) ?? [],
        c.householdId ? (children.get(c.householdId) ?? 0) : 0,
        c.vulnerabilities.length,
        settings,
        now,
      );
      return { id: c.id, score: scored.score, due: (scored.due ?? c.createdAt).toISOString() };
    });
    if (values.length === 0) continue;
    await tx.execute(sql`
      update signal_cases as c
         set score = v.score,
             first_contact_due_at = case when c.first_contact_at is null then v.due else c.first_contact_due_at end,
             updated_at = now()
        from (${unnest([
          ['id', 'uuid', values.map((v) => v.id)],
          ['score', 'int', values.map((v) => v.score)],
          ['due', 'timestamptz', values.map((v) => v.due)],
        ])}) as v(id, score, due)
       where c.tenant_id = ${tenantId} and c.id = v.id`);
  }
}

type CaseRow = typeof signalCases.$inferInsert;
type SignalRow = typeof signals.$inferInsert;
type RowColumn<R> = [name: string, pgType: string, pick: (row: R) => unknown];

const iso = (value: unknown) => (value as Date).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Only a well-formed uuid is ever placed in SQL text. */
function literalUuid(value: string): string {
  if (!UUID.test(value)) throw new Error('not a uuid');
  return `'${value}'`;
}

const caseColumns: RowColumn<CaseRow>[] = [
  ['tenant_id', 'uuid', (r) => r.tenantId],
  ['id', 'uuid', (r) => r.id],
  ['household_id', 'uuid', (r) => r.householdId ?? null],
  ['label', 'text', (r) => r.label],
  ['person_key', 'uuid', (r) => r.personKey ?? null],
  ['status', 'text', (r) => r.status],
  ['team_id', 'uuid', (r) => r.teamId ?? null],
  ['score', 'int', (r) => r.score ?? 0],
  ['first_contact_due_at', 'timestamptz', (r) => iso(r.firstContactDueAt)],
  ['created_at', 'timestamptz', (r) => iso(r.createdAt)],
  ['updated_at', 'timestamptz', (r) => iso(r.updatedAt)],
];

const signalColumns: RowColumn<SignalRow>[] = [
  ['tenant_id', 'uuid', (r) => r.tenantId],
  ['id', 'uuid', (r) => r.id],
  ['partner_id', 'uuid', (r) => r.partnerId],
  ['reference', 'text', (r) => r.reference],
  ['upload_id', 'uuid', (r) => r.uploadId ?? null],
  ['kind', 'text', (r) => r.kind],
  ['given_name', 'text', (r) => r.givenName],
  ['family_name', 'text', (r) => r.familyName],
  ['name_key', 'text', (r) => r.nameKey],
  ['birth_date', 'date', (r) => r.birthDate ?? null],
  ['national_number_hash', 'text', (r) => r.nationalNumberHash ?? null],
  ['street', 'text', (r) => r.street],
  ['house_number', 'text', (r) => r.houseNumber],
  ['box', 'text', (r) => r.box ?? ''],
  ['postcode', 'text', (r) => r.postcode],
  ['municipality', 'text', (r) => r.municipality],
  ['address_key', 'text', (r) => r.addressKey],
  ['amount_cents', 'bigint', (r) => r.amountCents],
  ['arrears_since', 'date', (r) => r.arrearsSince ?? null],
  ['planned_action', 'text', (r) => r.plannedAction],
  ['planned_date', 'date', (r) => r.plannedDate ?? null],
  ['phone', 'text', (r) => r.phone ?? null],
  ['email', 'text', (r) => r.email ?? null],
  ['link_status', 'text', (r) => r.linkStatus],
  ['link_confidence', 'real', (r) => r.linkConfidence ?? null],
  ['link_candidates', 'jsonb', (r) => (r.linkCandidates ? JSON.stringify(r.linkCandidates) : null)],
  ['household_id', 'uuid', (r) => r.householdId ?? null],
  ['case_id', 'uuid', (r) => r.caseId ?? null],
  ['received_at', 'timestamptz', (r) => iso(r.receivedAt)],
];

const columnsOf = <R>(columns: RowColumn<R>[], rows: R[]): BulkColumn[] =>
  columns.map(([name, type, pick]) => [name, type, rows.map(pick)]);

/** Columns every row of a chunk shares: written into the SQL once, not copied per row. */
const sharedColumns = new Set(['tenant_id', 'partner_id', 'upload_id', 'received_at']);
const copied = signalColumns.filter(([name]) => !sharedColumns.has(name));
const STAGING_TABLE = `create temporary table if not exists intake_rows (${[
  ...copied.map(([name, type]) => `${name} ${type}`),
  'case_label text',
  'case_person_key uuid',
  'case_team_id uuid',
  'case_score int',
  'case_due timestamptz',
].join(', ')}) on commit delete rows`;

/** A chunk ready to write: on PostgreSQL its COPY text and the statement that moves it on. */
type ChunkToWrite =
  | { kind: 'copy'; text: string[]; move: string }
  | { kind: 'rows'; cases: CaseRow[]; rows: SignalRow[] };

/**
 * Renders one chunk for writing: its new cases, then its signals. On PostgreSQL both travel in one
 * COPY into a session temporary table (no row-level security: only this connection sees it, and its
 * rows go at commit), the first signal of each new case carrying the case's fields; one round trip
 * then moves them on with an INSERT … SELECT per table, under the tables' policies, constraints and
 * indexes, and empties the staging table. The text is rendered in memory beforehand, so that
 * writing it costs the process little while it builds the next chunk. PGlite (no COPY FROM STDIN)
 * inserts with `unnest`.
 */
function prepareChunk(tx: Tx, cases: CaseRow[], rows: SignalRow[]): ChunkToWrite | null {
  if (rows.length === 0) return null;
  if (!postgresClientOf(tx)) return { kind: 'rows', cases, rows };
  const newCases = new Map(cases.map((c) => [c.id!, c]));
  // What every row of the chunk shares goes into the SQL once, not into every line.
  const first = rows[0]!;
  const shared: [string, string][] = [
    ['tenant_id', `${literalUuid(first.tenantId!)}::uuid`],
    ['partner_id', `${literalUuid(first.partnerId)}::uuid`],
    ['upload_id', first.uploadId ? `${literalUuid(first.uploadId)}::uuid` : 'null::uuid'],
    ['received_at', `'${iso(first.receivedAt)}'::timestamptz`],
  ];
  for (const row of rows) {
    if (
      row.tenantId !== first.tenantId ||
      row.partnerId !== first.partnerId ||
      row.uploadId !== first.uploadId ||
      row.receivedAt !== first.receivedAt
    )
      throw new Error('one chunk, one tenant, partner, upload and time of receipt');
  }
  const picks = copied.map(([, , pick]) => pick);
  const text: string[] = [];
  let piece = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = '';
    for (const pick of picks) line += `${copyValue(pick(row))}\t`;
    const c = row.caseId ? newCases.get(row.caseId) : undefined;
    if (c) {
      newCases.delete(row.caseId!);
      line += `${copyValue(c.label)}\t${copyValue(c.personKey ?? null)}\t${copyValue(c.teamId ?? null)}\t${c.score ?? 0}\t${iso(c.firstContactDueAt)}\n`;
    } else line += '\\N\t\\N\t\\N\t\\N\t\\N\n';
    piece += line;
    if (i % 1000 === 999) {
      text.push(piece);
      piece = '';
    }
  }
  if (piece) text.push(piece);
  if (newCases.size > 0) throw new Error('a new case without a signal in its chunk');
  const names = copied.map(([name]) => name).join(', ');
  const sharedNames = shared.map(([name]) => name).join(', ');
  const sharedValues = shared.map(([, value]) => value).join(', ');
  const move = `
    insert into signal_cases (tenant_id, id, household_id, label, person_key, status, team_id, score,
                              first_contact_due_at, created_at, updated_at)
      select ${shared[0]![1]}, case_id, household_id, case_label, case_person_key, 'new', case_team_id, case_score,
             case_due, ${shared[3]![1]}, ${shared[3]![1]}
        from intake_rows where case_label is not null;
    insert into signals (${sharedNames}, ${names}) select ${sharedValues}, ${names} from intake_rows;
    truncate intake_rows`;
  return { kind: 'copy', text, move };
}

/** Writes a rendered chunk (see prepareChunk). */
async function writeChunk(tx: Tx, chunk: ChunkToWrite | null): Promise<void> {
  if (!chunk) return;
  if (chunk.kind === 'rows') {
    if (chunk.cases.length > 0) await bulkInsert(tx, 'signal_cases', columnsOf(caseColumns, chunk.cases));
    await bulkInsert(tx, 'signals', columnsOf(signalColumns, chunk.rows));
    return;
  }
  const client = postgresClientOf(tx)!;
  const names = copied.map(([name]) => name).join(', ');
  // The COPY and the statement after it are queued together: the database goes from one to the
  // next without waiting for this process, which is busy building the next chunk meanwhile.
  const copying = pipeline(
    chunk.text,
    client.query(
      copyFrom(
        `copy intake_rows (${names}, case_label, case_person_key, case_team_id, case_score, case_due) from stdin`,
      ),
    ),
  );
  const moving = client.query(chunk.move);
  moving.catch(() => undefined);
  await copying;
  await moving;
}
