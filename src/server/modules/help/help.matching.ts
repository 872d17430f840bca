import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Need, Volunteer } from '../../../engines/matching/index.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { users } from '../identity/identity.tables.ts';
import type { PolygonGeometry } from '../registry/registry.tables.ts';
import { helpMatches, type helpNeeds, helpTypes, volunteers } from './help.tables.ts';

/**
 * Rows to the matching engine's plain types. The service owns the I/O; the engine stays pure.
 * Screenings the engine checks: the help type's own (e.g. a certificate of good conduct for work
 * with children) plus the intake talk and the signed agreement, which every proposal needs.
 */
export const ALWAYS_REQUIRED = ['intake', 'agreement'] as const;

type VolunteerRow = typeof volunteers.$inferSelect;
type NeedRow = typeof helpNeeds.$inferSelect;

export function screeningsOf(
  row: Pick<VolunteerRow, 'intakeDoneOn' | 'goodConductOn' | 'agreementSignedOn'>,
) {
  const done: string[] = [];
  if (row.intakeDoneOn) done.push('intake');
  if (row.goodConductOn) done.push('good_conduct_children');
  if (row.agreementSignedOn) done.push('agreement');
  return done;
}

export interface VolunteerPool {
  volunteers: Volunteer[];
  rows: Map<string, VolunteerRow & { displayName: string; email: string; language: string }>;
}

/**
 * Every active volunteer with a home area, with the counts the engine weighs. For one request the
 * pool is narrowed in SQL to those who offer its kind of help, so the work grows with the volunteers
 * who could take it rather than with the whole municipality.
 */
export async function loadVolunteerPool(
  tx: Tx,
  tenantId: string,
  only: { helpType?: string; volunteerId?: string } = {},
): Promise<VolunteerPool> {
  // One query for the profiles (with the account's name and address), one for the match counts.
  const profiles = await tx
    .select({ v: volunteers, displayName: users.displayName, email: users.email, language: users.language })
    .from(volunteers)
    .innerJoin(users, and(eq(users.tenantId, volunteers.tenantId), eq(users.id, volunteers.userId)))
    .where(
      and(
        eq(volunteers.tenantId, tenantId),
        eq(volunteers.active, true),
        eq(users.active, true),
        isNotNull(volunteers.homeLat),
        only.helpType ? sql`${only.helpType} = any(${volunteers.helpTypes})` : undefined,
        only.volunteerId ? eq(volunteers.userId, only.volunteerId) : undefined,
      ),
    );
  const since = new Date(Date.now() - 90 * 86_400_000);
  const counts = rowsOf<{
    volunteer_id: string;
    active: number;
    open: number;
    recent: number;
    households: string[] | null;
  }>(
    await tx.execute(sql`select m.volunteer_id,
        count(*) filter (where m.status = 'accepted')::int as active,
        count(*) filter (where m.status = 'proposed')::int as open,
        count(*) filter (where m.status <> 'proposed' and m.proposed_at >= ${since})::int as recent,
        array_agg(distinct n.household_id)
          filter (where m.status <> 'proposed' and n.household_id is not null) as households
      from help_matches m join help_needs n on n.tenant_id = m.tenant_id and n.id = m.need_id
      where m.tenant_id = ${tenantId} and m.status in ('accepted', 'completed', 'proposed')
        ${only.volunteerId ? sql`and m.volunteer_id = ${only.volunteerId}` : sql``}
      group by m.volunteer_id`),
  );
  const countById = new Map(counts.map((c) => [c.volunteer_id, c]));
  const pool: VolunteerPool = { volunteers: [], rows: new Map() };
  for (const { v: p, displayName, email, language } of profiles) {
    if (p.homeLat === null || p.homeLon === null) continue;
    const c = countById.get(p.userId);
    pool.rows.set(p.userId, { ...p, displayName, email, language });
    pool.volunteers.push({
      id: p.userId,
      helpTypes: p.helpTypes,
      languages: p.languages,
      home: { lat: p.homeLat, lon: p.homeLon },
      maxDistanceKm: p.maxDistanceKm,
      slots: p.slots,
      away: p.away,
      screenings: screeningsOf(p),
      capacity: p.capacity,
      activeMatches: c?.active ?? 0,
      openProposals: c?.open ?? 0,
      helpedHouseholds: c?.households ?? [],
      recentMatches: c?.recent ?? 0,
      commitment: p.commitment,
      means: p.means,
    });
  }
  return pool;
}

/** What each kind of help asks of a volunteer: screenings, and the means to get there. */
export type TypeRequirements = Map<string, { screenings: string[]; means: string[] }>;

export async function typeRequirements(tx: Tx, tenantId: string): Promise<TypeRequirements> {
  const rows = await tx
    .select({
      code: helpTypes.code,
      screenings: helpTypes.requiredScreenings,
      means: helpTypes.requiredMeans,
    })
    .from(helpTypes)
    .where(eq(helpTypes.tenantId, tenantId));
  return new Map(rows.map((r) => [r.code, { screenings: r.screenings, means: r.means }]));
}

/** The need as the engine sees it; `asked`: volunteers asked before, who are not asked again. */
export function toEngineNeed(row: NeedRow, requirements: TypeRequirements, asked?: Iterable<string>): Need {
  const required = requirements.get(row.helpType);
  return {
    id: row.id,
    helpType: row.helpType,
    householdId: row.householdId ?? `need:${row.id}`,
    location: { lat: row.lat, lon: row.lon },
    timing: row.timing,
    languages: row.languages,
    requiredScreenings: [...new Set([...ALWAYS_REQUIRED, ...(required?.screenings ?? [])])],
    requiredMeans: required?.means ?? [],
    urgency: row.urgency,
    ...(row.sensitive ? { allowedVolunteerIds: row.pickedVolunteerIds } : {}),
    ...(asked ? { excludedVolunteerIds: [...asked] } : {}),
  };
}

export async function askedVolunteers(tx: Tx, tenantId: string, needId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ volunteerId: helpMatches.volunteerId })
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, tenantId), eq(helpMatches.needId, needId)));
  return new Set(rows.map((r) => r.volunteerId));
}

/** The centre of a neighbourhood's outline: where a volunteer's home area or a need without address lies. */
export function centreOf(outline: PolygonGeometry): { lat: number; lon: number } {
  const rings =
    outline.type === 'Polygon'
      ? [(outline.coordinates as number[][][])[0]!]
      : (outline.coordinates as number[][][][]).map((polygon) => polygon[0]!);
  let lon = 0;
  let lat = 0;
  let n = 0;
  for (const ring of rings) {
    // The closing point repeats the first.
    for (const [x, y] of ring.slice(0, -1)) {
      lon += x!;
      lat += y!;
      n += 1;
    }
  }
  return { lat: lat / n, lon: lon / n };
}
