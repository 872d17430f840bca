import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { brusselsNow } from '../../../shared/brussels.ts';
import { AppError, fieldError, notFound } from '../../../shared/errors.ts';
import type {
  CampaignDetail,
  CampaignInput,
  CampaignSummary,
  Concern,
  Door,
  DoorState,
  MyRounds,
  OutreachOptions,
  PlanResult,
  Progress,
  Round,
  Shift,
  ShiftInput,
  SyncResult,
  VisitRecord,
} from '../../../shared/outreach.schemas.ts';
import { needKinds, outreachMessages, visitRecordSchema } from '../../../shared/outreach.schemas.ts';
import type { Role } from '../../../shared/permissions.ts';
import { today as cityToday } from '../../clock.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createNeed, listHelpTypes } from '../help/help.service.ts';
import { users } from '../identity/identity.tables.ts';
import { recordConsent } from '../registry/consent.service.ts';
import type { Viewer } from '../registry/record-rules.ts';
import { addressLabel, recordContact } from '../registry/registry.service.ts';
import { addresses, neighbourhoods, type PolygonGeometry } from '../registry/registry.tables.ts';
import { type PlanDoor, type PlanShift, planGroup, shiftCoversWindow } from './outreach.planning.ts';
import {
  type DoorResolution,
  type FollowUpRecord,
  outreachCampaigns,
  outreachDoors,
  outreachFollowUps,
  outreachShifts,
  outreachTeams,
  outreachVisits,
} from './outreach.tables.ts';

type CampaignRow = typeof outreachCampaigns.$inferSelect;
type DoorRow = typeof outreachDoors.$inferSelect;
type ShiftRow = typeof outreachShifts.$inferSelect;
type TeamRow = typeof outreachTeams.$inferSelect;

/** Doors a visitor gives up on after this many "not home" visits; the rest are planned again. */
export const MAX_ATTEMPTS = 3;
/** A phone clock further off than this is reported back, and its time is not used for ordering. */
export const CLOCK_TOLERANCE_MINUTES = 10;

const managerRoles: readonly Role[] = ['coordinator', 'neighbourhood_manager'];
const isManager = (viewer: Viewer) => viewer.roles.some((r) => managerRoles.includes(r));
/**
 * The day of a moment on the wall in Genk (yyyy-mm-dd): shifts, rounds and visits are days in
 * Brussels, and just after midnight there UTC still says yesterday.
 */
export const isoDay = (date: Date) => brusselsNow(date).date;

// ---------------------------------------------------------------- set-up

export async function outreachOptions(tx: Tx, tenantId: string): Promise<OutreachOptions> {
  const areas = await tx
    .select({ id: neighbourhoods.id, name: neighbourhoods.name, isFocus: neighbourhoods.isFocus })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.tenantId, tenantId))
    .orderBy(asc(neighbourhoods.name));
  const people = await tx
    .select({ id: users.id, name: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
  return {
    neighbourhoods: areas,
    visitors: people
      .filter((u) => u.roles.some((r) => r === 'home_visitor' || r === 'partner'))
      .map((u) => ({ id: u.id, name: u.name, roles: u.roles })),
    managers: people
      .filter((u) => u.roles.some((r) => r === 'neighbourhood_manager' || r === 'coordinator'))
      .map((u) => ({ id: u.id, name: u.name })),
  };
}

export function centreOf(outline: PolygonGeometry): { lat: number; lon: number } {
  const ring = (
    outline.type === 'Polygon'
      ? (outline.coordinates as number[][][])[0]
      : (outline.coordinates as number[][][][])[0]![0]
  )!;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return {
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
    lon: (Math.min(...lons) + Math.max(...lons)) / 2,
  };
}

export async function requireVisitors(tx: Tx, tenantId: string, ids: string[], field: string) {
  if (ids.length === 0) return new Map<string, { name: string; roles: string[] }>();
  const rows = await tx
    .select({ id: users.id, name: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...new Set(ids)])));
  const found = new Map(rows.map((r) => [r.id, { name: r.name, roles: r.roles }]));
  for (const id of ids) {
    const user = found.get(id);
    if (!user) throw fieldError(field, 'not an account of this municipality');
    if (!user.roles.some((r) => r === 'home_visitor' || r === 'partner'))
      throw fieldError(field, 'only home visitors and partner staff visit doors');
  }
  return found;
}

/** Households the campaign covers: its neighbourhoods and streets, narrowed by its filter. */
export async function campaignHouseholds(
  tx: Tx,
  tenantId: string,
  input: Pick<CampaignInput, 'neighbourhoodIds' | 'streets' | 'filter'>,
) {
  const streets = input.streets.map((s) => s.toLowerCase());
  const where = sql.join(
    [
      input.neighbourhoodIds.length
        ? sql`a.neighbourhood_id in (${sql.join(
            input.neighbourhoodIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : null,
      streets.length
        ? sql`lower(a.street) in (${sql.join(
            streets.map((s) => sql`${s}`),
            sql`, `,
          )})`
        : null,
    ].filter((s) => s !== null),
    sql` or `,
  );
  const filter =
    input.filter === 'alone_over_75'
      ? sql`and (select count(*) from household_members m where m.tenant_id = h.tenant_id and m.household_id = h.id) = 1
          and exists (select 1 from household_members m join persons p on p.tenant_id = m.tenant_id and p.id = m.person_id
            where m.tenant_id = h.tenant_id and m.household_id = h.id and p.birth_date <= ${cityToday()}::date - interval '75 years')`
      : input.filter === 'children_under_12'
        ? sql`and exists (select 1 from household_members m join persons p on p.tenant_id = m.tenant_id and p.id = m.person_id
            where m.tenant_id = h.tenant_id and m.household_id = h.id and p.birth_date > ${cityToday()}::date - interval '12 years')`
        : sql``;
  return rowsOf<{
    household_id: string;
    address_id: string;
    neighbourhood_id: string | null;
    lat: number | null;
    lon: number | null;
  }>(
    await tx.execute(sql`select h.id as household_id, a.id as address_id, a.neighbourhood_id, a.lat, a.lon
      from households h join addresses a on a.tenant_id = h.tenant_id and a.id = h.address_id
      where h.tenant_id = ${tenantId} and (${where}) ${filter}
      order by a.street, a.house_number, h.id`),
  );
}

/**
 * Sets up a campaign and finds its doors. A campaign that is over before it begins is refused: its
 * last day may not lie before today in the city (it may start in the past, so it can be set up
 * while it is already going on).
 */
export async function createCampaign(tx: Tx, viewer: Viewer, input: CampaignInput): Promise<{ id: string }> {
  const tenantId = viewer.tenantId;
  if (input.endsOn < cityToday()) throw fieldError('endsOn', outreachMessages.endsInPast);
  const areas = input.neighbourhoodIds.length
    ? await tx
        .select()
        .from(neighbourhoods)
        .where(and(eq(neighbourhoods.tenantId, tenantId), inArray(neighbourhoods.id, input.neighbourhoodIds)))
    : [];
  if (areas.length !== new Set(input.neighbourhoodIds).size)
    throw fieldError('neighbourhoodIds', 'not a neighbourhood of this municipality');
  for (const [i, team] of input.teams.entries()) {
    await requireVisitors(tx, tenantId, team.memberUserIds, `teams.${i}.memberUserIds`);
    if (team.neighbourhoodIds.some((id) => !input.neighbourhoodIds.includes(id)))
      throw fieldError(`teams.${i}.neighbourhoodIds`, 'a neighbourhood outside the campaign');
  }
  const [campaign] = await tx
    .insert(outreachCampaigns)
    .values({
      tenantId,
      name: input.name,
      purpose: input.purpose,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      neighbourhoodIds: input.neighbourhoodIds,
      streets: input.streets,
      filter: input.filter,
      questions: input.questions,
      tips: input.tips,
      visitMinutes: input.visitMinutes,
      createdBy: viewer.userId,
    })
    .returning();
  if (input.teams.length) {
    await tx.insert(outreachTeams).values(
      input.teams.map((t) => ({
        tenantId,
        campaignId: campaign!.id,
        name: t.name,
        organisation: t.organisation,
        partnerName: t.partnerName || null,
        managerUserId: t.managerUserId,
        neighbourhoodIds: t.neighbourhoodIds,
        memberUserIds: t.memberUserIds,
      })),
    );
  }
  const found = await campaignHouseholds(tx, tenantId, input);
  for (let i = 0; i < found.length; i += 1000) {
    await tx.insert(outreachDoors).values(
      found.slice(i, i + 1000).map((h) => ({
        tenantId,
        campaignId: campaign!.id,
        householdId: h.household_id,
        addressId: h.address_id,
        neighbourhoodId: h.neighbourhood_id,
        lat: h.lat,
        lon: h.lon,
        state: h.lat == null || h.lon == null ? ('no_coordinates' as const) : ('open' as const),
        reason: h.lat == null || h.lon == null ? 'the address has no coordinates' : null,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
      })),
    );
  }
  if (input.shifts.length) await insertShifts(tx, viewer, campaign!, input.shifts);
  await recordAudit(tx, viewer, {
    action: 'outreach.campaign_created',
    recordType: 'outreach_campaign',
    recordId: campaign!.id,
    purpose: 'outreach',
    details: { doors: found.length, teams: input.teams.length, shifts: input.shifts.length },
  });
  return { id: campaign!.id };
}

export async function requireCampaign(
  tx: Tx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<CampaignRow> {
  const query = tx
    .select()
    .from(outreachCampaigns)
    .where(and(eq(outreachCampaigns.tenantId, tenantId), eq(outreachCampaigns.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('The campaign');
  return row;
}

export async function teamsOf(tx: Tx, tenantId: string, campaignId: string): Promise<TeamRow[]> {
  return tx
    .select()
    .from(outreachTeams)
    .where(and(eq(outreachTeams.tenantId, tenantId), eq(outreachTeams.campaignId, campaignId)))
    .orderBy(asc(outreachTeams.createdAt), asc(outreachTeams.name));
}

/**
 * A visitor walks one round at a time: a shift that overlaps another of theirs on the same day, in
 * this campaign or any other of the municipality (or earlier in the same list), is refused on its
 * field. `except` is the shift being changed.
 */
export async function requireFreeVisitor(
  tx: Tx,
  tenantId: string,
  shifts: readonly { visitorUserId: string; day: string; start: number; end: number }[],
  field: (index: number) => string,
  except?: string,
) {
  if (shifts.length === 0) return;
  // Two campaigns are changed in their own transactions, each locking only its campaign: the
  // visitor is locked too (in one order), so two overlapping rounds added at once cannot both pass.
  for (const visitor of [...new Set(shifts.map((s) => s.visitorUserId))].sort()) {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`outreach-visitor:${tenantId}:${visitor}`}, 0))`,
    );
  }
  const existing = await tx
    .select({
      visitorUserId: outreachShifts.visitorUserId,
      day: outreachShifts.day,
      start: outreachShifts.startMinute,
      end: outreachShifts.endMinute,
    })
    .from(outreachShifts)
    .where(
      and(
        eq(outreachShifts.tenantId, tenantId),
        inArray(outreachShifts.visitorUserId, [...new Set(shifts.map((s) => s.visitorUserId))]),
        inArray(outreachShifts.day, [...new Set(shifts.map((s) => s.day))]),
        except ? sql`${outreachShifts.id} <> ${except}` : undefined,
      ),
    );
  const taken = [...existing];
  shifts.forEach((s, index) => {
    const clash = taken.some(
      (t) => t.visitorUserId === s.visitorUserId && t.day === s.day && t.start < s.end && s.start < t.end,
    );
    if (clash) throw fieldError(field(index), outreachMessages.visitorBusy);
    taken.push(s);
  });
}

export async function insertShifts(tx: Tx, viewer: Viewer, campaign: CampaignRow, shifts: ShiftInput[]) {
  const tenantId = viewer.tenantId;
  await requireVisitors(
    tx,
    tenantId,
    shifts.map((s) => s.visitorUserId),
    'shifts.visitorUserId',
  );
  const teams = await teamsOf(tx, tenantId, campaign.id);
  const areaIds = [...new Set([...campaign.neighbourhoodIds, ...teams.flatMap((t) => t.neighbourhoodIds)])];
  const areas = areaIds.length
    ? await tx
        .select({ id: neighbourhoods.id, outline: neighbourhoods.outline })
        .from(neighbourhoods)
        .where(and(eq(neighbourhoods.tenantId, tenantId), inArray(neighbourhoods.id, areaIds)))
    : [];
  const centres = new Map(areas.map((a) => [a.id, centreOf(a.outline)]));
  // A campaign of streets only: the middle of its doors.
  const [middle] = rowsOf<{ lat: number | null; lon: number | null }>(
    await tx.execute(sql`select avg(lat)::float8 as lat, avg(lon)::float8 as lon from outreach_doors
      where tenant_id = ${tenantId} and campaign_id = ${campaign.id} and lat is not null`),
  );
  const doorsMiddle =
    middle?.lat != null && middle.lon != null
      ? { lat: Number(middle.lat), lon: Number(middle.lon) }
      : undefined;
  const rows = shifts.map((s, i) => {
    if (s.day < campaign.startsOn || s.day > campaign.endsOn)
      throw fieldError(`shifts.${i}.day`, 'a day outside the campaign period');
    const team = teams.find((t) => t.memberUserIds.includes(s.visitorUserId)) ?? null;
    if (teams.length > 0 && !team)
      throw fieldError(`shifts.${i}.visitorUserId`, 'not in any team of the campaign');
    const home = centres.get(team?.neighbourhoodIds[0] ?? campaign.neighbourhoodIds[0] ?? '') ?? doorsMiddle;
    const lat = s.startLat ?? home?.lat;
    const lon = s.startLon ?? home?.lon;
    if (lat === undefined || lon === undefined)
      throw fieldError(`shifts.${i}.startLat`, 'the starting point');
    return {
      tenantId,
      campaignId: campaign.id,
      teamId: team?.id ?? null,
      visitorUserId: s.visitorUserId,
      day: s.day,
      startMinute: s.start,
      endMinute: s.end,
      mode: s.mode,
      startLat: lat,
      startLon: lon,
    };
  });
  await requireFreeVisitor(tx, tenantId, shifts, (i) => `shifts.${i}.start`);
  await tx.insert(outreachShifts).values(rows);
}

export async function addShifts(tx: Tx, viewer: Viewer, campaignId: string, shifts: ShiftInput[]) {
  const campaign = await requireCampaign(tx, viewer.tenantId, campaignId);
  await insertShifts(tx, viewer, campaign, shifts);
  await recordAudit(tx, viewer, {
    action: 'outreach.shifts_added',
    recordType: 'outreach_campaign',
    recordId: campaignId,
    details: { shifts: shifts.length },
  });
  // New rounds are used at once when the campaign was planned before.
  if (campaign.plannedAt) await planCampaign(tx, viewer, campaignId);
  return { id: campaignId };
}

// ---------------------------------------------------------------- planning

/** Which team visits a door: the team that names its neighbourhood, else a team that names none. */
export function teamForDoor(teams: TeamRow[], neighbourhoodId: string | null): TeamRow | null | undefined {
  if (teams.length === 0) return null;
  return (
    teams.find((t) => neighbourhoodId !== null && t.neighbourhoodIds.includes(neighbourhoodId)) ??
    teams.find((t) => t.neighbourhoodIds.length === 0)
  );
}

/**
 * Plans the campaign's open doors (and "not home" doors to try again) over its shifts from today
 * on. Visited doors and past rounds stay as they are; pinned doors stay in the round they were
 * pinned to. Every door left out is reported with its reason.
 */
export async function planCampaign(
  tx: Tx,
  viewer: Viewer,
  campaignId: string,
  now = new Date(),
): Promise<PlanResult> {
  const started = performance.now();
  const tenantId = viewer.tenantId;
  const campaign = await requireCampaign(tx, tenantId, campaignId, true);
  const today = isoDay(now);
  const teams = await teamsOf(tx, tenantId, campaignId);
  const shifts = await tx
    .select()
    .from(outreachShifts)
    .where(
      and(
        eq(outreachShifts.tenantId, tenantId),
        eq(outreachShifts.campaignId, campaignId),
        gte(outreachShifts.day, today),
      ),
    )
    .orderBy(asc(outreachShifts.day), asc(outreachShifts.startMinute));
  const doors = await tx
    .select()
    .from(outreachDoors)
    .where(
      and(
        eq(outreachDoors.tenantId, tenantId),
        eq(outreachDoors.campaignId, campaignId),
        inArray(outreachDoors.state, ['open', 'unplannable', 'not_home', 'no_coordinates']),
      ),
    )
    .orderBy(asc(outreachDoors.createdAt), asc(outreachDoors.id));
  // The day of the last attempt in Genk, as shifts' days are (isoDay).
  const lastVisit = new Map<string, string>();
  for (const row of rowsOf<{ door_id: string; day: string }>(
    await tx.execute(sql`select door_id, (max(received_at) at time zone 'Europe/Brussels')::date::text as day from outreach_visits
      where tenant_id = ${tenantId} and campaign_id = ${campaignId} and outcome = 'not_home' group by door_id`),
  ))
    lastVisit.set(row.door_id, row.day);

  const verdicts = new Map<
    string,
    {
      state: DoorState;
      reason: string | null;
      shiftId: string | null;
      seq: number | null;
      eta: number | null;
    }
  >();
  const groups = new Map<string, { doors: PlanDoor[]; shifts: ShiftRow[] }>();
  const groupKey = (team: TeamRow | null) => team?.id ?? '*';
  for (const shift of shifts) {
    const key = teams.length === 0 ? '*' : (shift.teamId ?? '-');
    const group = groups.get(key) ?? { doors: [], shifts: [] };
    group.shifts.push(shift);
    groups.set(key, group);
  }
  const shiftById = new Map(shifts.map((s) => [s.id, s]));
  for (const door of doors) {
    if (door.state === 'no_coordinates' || door.lat == null || door.lon == null) {
      verdicts.set(door.id, {
        state: 'no_coordinates',
        reason: 'the address has no coordinates',
        shiftId: null,
        seq: null,
        eta: null,
      });
      continue;
    }
    if (door.state === 'not_home' && door.attempts >= MAX_ATTEMPTS) continue;
    const pinned = door.pinned && door.shiftId ? shiftById.get(door.shiftId) : undefined;
    const team = teamForDoor(teams, door.neighbourhoodId);
    if (!pinned && team === undefined) {
      verdicts.set(door.id, {
        state: 'unplannable',
        reason: 'no team visits this neighbourhood',
        shiftId: null,
        seq: null,
        eta: null,
      });
      continue;
    }
    const key = pinned ? (teams.length === 0 ? '*' : (pinned.teamId ?? '-')) : groupKey(team ?? null);
    const group = groups.get(key);
    // A door not at home is tried again on a later day than the last attempt.
    const after = door.state === 'not_home' ? lastVisit.get(door.id) : undefined;
    const notBefore = door.state === 'not_home' ? door.retryNotBefore : null;
    const candidates = (group?.shifts ?? []).filter(
      (s) => (!after || s.day > after) && (!notBefore || s.day >= notBefore),
    );
    if (candidates.length === 0) {
      verdicts.set(door.id, {
        state: door.state === 'not_home' ? 'not_home' : 'unplannable',
        reason: 'no shift of the team on a coming day',
        shiftId: null,
        seq: null,
        eta: null,
      });
      continue;
    }
    const window = { windowStart: door.windowStart, windowEnd: door.windowEnd };
    if (
      !candidates.some((s) =>
        shiftCoversWindow({ start: s.startMinute, end: s.endMinute }, window, campaign.visitMinutes),
      )
    ) {
      verdicts.set(door.id, {
        state: door.state === 'not_home' ? 'not_home' : 'unplannable',
        reason: 'no shift covers the visiting time',
        shiftId: null,
        seq: null,
        eta: null,
      });
      continue;
    }
    // A door tried before goes to a later day than its last attempt: when the group also has
    // shifts on that day or before, the door is held to the first later shift that can take it.
    const later = candidates.length < (group?.shifts.length ?? 0);
    const first = later
      ? candidates.find((s) =>
          shiftCoversWindow({ start: s.startMinute, end: s.endMinute }, window, campaign.visitMinutes),
        )
      : undefined;
    group!.doors.push({
      id: door.id,
      lat: door.lat,
      lon: door.lon,
      windowStart: door.windowStart,
      windowEnd: door.windowEnd,
      pinnedShiftId: pinned ? pinned.id : (first?.id ?? null),
    });
  }

  let kilometres = 0;
  let rounds = 0;
  for (const group of groups.values()) {
    if (group.doors.length === 0) continue;
    const planShifts: PlanShift[] = group.shifts.map((s) => ({
      id: s.id,
      start: s.startMinute,
      end: s.endMinute,
      lat: s.startLat,
      lon: s.startLon,
      mode: s.mode,
    }));
    const { plan } = planGroup(group.doors, planShifts, campaign.visitMinutes);
    kilometres += plan.distance;
    for (const route of plan.routes) {
      if (route.stops.length) rounds += 1;
      route.stops.forEach((stop, index) => {
        verdicts.set(stop.jobId, {
          state: 'open',
          reason: null,
          shiftId: route.vehicleId,
          seq: index + 1,
          eta: Math.round(stop.start),
        });
      });
    }
    for (const id of plan.unassigned) {
      verdicts.set(id, {
        state: 'unplannable',
        reason: 'the rounds are full: add a shift or widen the visiting time',
        shiftId: null,
        seq: null,
        eta: null,
      });
    }
  }

  const doorById = new Map(doors.map((d) => [d.id, d]));
  const unplanned: PlanResult['unplanned'] = [];
  const labels = await addressLabels(
    tx,
    tenantId,
    [...verdicts.keys()].filter((id) => !verdicts.get(id)!.shiftId).map((id) => doorById.get(id)!.addressId),
  );
  for (const [id, verdict] of verdicts) {
    const door = doorById.get(id)!;
    const state =
      door.state === 'not_home' && verdict.state !== 'no_coordinates' ? 'not_home' : verdict.state;
    await tx
      .update(outreachDoors)
      .set({
        state,
        reason: verdict.reason,
        shiftId: verdict.shiftId,
        previousShiftId:
          door.shiftId && door.shiftId !== verdict.shiftId ? door.shiftId : door.previousShiftId,
        seq: verdict.seq,
        eta: verdict.eta,
        pinned: verdict.shiftId ? door.pinned : false,
      })
      .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.id, id)));
    if (!verdict.shiftId)
      unplanned.push({
        doorId: id,
        address: labels.get(door.addressId) ?? '',
        state,
        reason: verdict.reason ?? '',
      });
  }
  await tx
    .update(outreachCampaigns)
    .set({ plannedAt: now })
    .where(and(eq(outreachCampaigns.tenantId, tenantId), eq(outreachCampaigns.id, campaignId)));
  const planned = [...verdicts.values()].filter((v) => v.shiftId).length;
  await recordAudit(tx, viewer, {
    action: 'outreach.planned',
    recordType: 'outreach_campaign',
    recordId: campaignId,
    details: { planned, unplanned: unplanned.length, rounds },
  });
  return {
    planned,
    rounds,
    unplanned,
    kilometres: Math.round(kilometres * 10) / 10,
    millis: Math.round(performance.now() - started),
  };
}

async function addressLabels(tx: Tx, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.tenantId, tenantId), inArray(addresses.id, [...new Set(ids)])));
  return new Map(rows.map((a) => [a.id, addressLabel(a)]));
}

/** A coordinator moves a door to another round (pins it) or changes its visiting time. */
export async function patchDoor(
  tx: Tx,
  viewer: Viewer,
  doorId: string,
  patch: { pinnedShiftId?: string | null; windowStart?: number; windowEnd?: number },
): Promise<{ id: string }> {
  const [door] = await tx
    .select()
    .from(outreachDoors)
    .where(and(eq(outreachDoors.tenantId, viewer.tenantId), eq(outreachDoors.id, doorId)))
    .for('update');
  if (!door) throw notFound('The door');
  const change: Partial<DoorRow> = {};
  if (patch.pinnedShiftId !== undefined) {
    if (patch.pinnedShiftId === null) change.pinned = false;
    else {
      const [shift] = await tx
        .select()
        .from(outreachShifts)
        .where(
          and(
            eq(outreachShifts.tenantId, viewer.tenantId),
            eq(outreachShifts.id, patch.pinnedShiftId),
            eq(outreachShifts.campaignId, door.campaignId),
          ),
        );
      if (!shift) throw fieldError('pinnedShiftId', 'not a round of this campaign');
      if (door.lat == null) throw fieldError('pinnedShiftId', 'the address has no coordinates');
      Object.assign(change, {
        pinned: true,
        shiftId: shift.id,
        previousShiftId: door.shiftId && door.shiftId !== shift.id ? door.shiftId : door.previousShiftId,
        seq: null,
        eta: null,
      });
    }
  }
  const windowStart = patch.windowStart ?? door.windowStart;
  const windowEnd = patch.windowEnd ?? door.windowEnd;
  if (windowEnd <= windowStart)
    throw fieldError('windowEnd', 'the end of the visiting time must be after its start');
  Object.assign(change, { windowStart, windowEnd });
  await tx
    .update(outreachDoors)
    .set(change)
    .where(and(eq(outreachDoors.tenantId, viewer.tenantId), eq(outreachDoors.id, doorId)));
  await recordAudit(tx, viewer, {
    action: 'outreach.door_changed',
    recordType: 'outreach_door',
    recordId: doorId,
    details: { ...patch },
  });
  return { id: doorId };
}

// ---------------------------------------------------------------- reading

/**
 * A partner sees their own organisation's teams only: the teams they are in, and the other teams
 * of the same organisation. Coordinators and neighbourhood managers see every team.
 */
function visibleTeams(viewer: Viewer, teams: TeamRow[]): TeamRow[] | 'all' {
  if (isManager(viewer)) return 'all';
  const mine = teams.filter(
    (t) => t.memberUserIds.includes(viewer.userId) || t.managerUserId === viewer.userId,
  );
  const organisations = new Set(mine.map((t) => t.partnerName ?? t.id));
  return teams.filter((t) => organisations.has(t.partnerName ?? t.id));
}

export async function listCampaigns(tx: Tx, viewer: Viewer): Promise<CampaignSummary[]> {
  const rows = rowsOf<{
    id: string;
    name: string;
    purpose: string;
    starts_on: string;
    ends_on: string;
    planned_at: Date | string | null;
    doors: number;
    visited: number;
  }>(
    await tx.execute(sql`select c.id, c.name, c.purpose, c.starts_on::text, c.ends_on::text, c.planned_at,
        (select count(*)::int from outreach_doors d where d.tenant_id = c.tenant_id and d.campaign_id = c.id) as doors,
        (select count(*)::int from outreach_doors d where d.tenant_id = c.tenant_id and d.campaign_id = c.id
          and d.state in ('talked', 'refused', 'not_home')) as visited
      from outreach_campaigns c
      where c.tenant_id = ${viewer.tenantId}
        ${
          isManager(viewer)
            ? sql``
            : sql`and exists (select 1 from outreach_teams t where t.tenant_id = c.tenant_id and t.campaign_id = c.id
                and (${viewer.userId}::uuid = any(t.member_user_ids) or t.manager_user_id = ${viewer.userId}))`
        }
      order by c.starts_on desc, c.name`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    plannedAt: r.planned_at ? new Date(r.planned_at).toISOString() : null,
    doors: Number(r.doors),
    visited: Number(r.visited),
  }));
}

async function scopedCampaign(tx: Tx, viewer: Viewer, campaignId: string) {
  const campaign = await requireCampaign(tx, viewer.tenantId, campaignId);
  const teams = await teamsOf(tx, viewer.tenantId, campaignId);
  const seen = visibleTeams(viewer, teams);
  if (seen !== 'all' && seen.length === 0) throw notFound('The campaign');
  const teamIds = seen === 'all' ? null : new Set(seen.map((t) => t.id));
  const shifts = (
    await tx
      .select({ shift: outreachShifts, visitorName: users.displayName })
      .from(outreachShifts)
      .innerJoin(
        users,
        and(eq(users.tenantId, outreachShifts.tenantId), eq(users.id, outreachShifts.visitorUserId)),
      )
      .where(and(eq(outreachShifts.tenantId, viewer.tenantId), eq(outreachShifts.campaignId, campaignId)))
      .orderBy(asc(outreachShifts.day), asc(outreachShifts.startMinute), asc(users.displayName))
  ).filter((s) => !teamIds || (s.shift.teamId !== null && teamIds.has(s.shift.teamId)));
  const shiftIds = new Set(shifts.map((s) => s.shift.id));
  const doorRows = rowsOf<DoorRowRaw>(
    await tx.execute(sql`select d.*, h.name as household_name, a.street, a.house_number, a.box, a.postcode, a.municipality
      from outreach_doors d
      join households h on h.tenant_id = d.tenant_id and h.id = d.household_id
      join addresses a on a.tenant_id = d.tenant_id and a.id = d.address_id
      where d.tenant_id = ${viewer.tenantId} and d.campaign_id = ${campaignId}
      order by d.shift_id nulls last, d.seq nulls last, a.street, a.house_number`),
  ).filter((d) => !teamIds || (d.shift_id !== null && shiftIds.has(d.shift_id)));
  return {
    campaign,
    teams: seen === 'all' ? teams : seen,
    shifts,
    doorRows,
    partnerView: !isManager(viewer),
  };
}

interface DoorRowRaw {
  id: string;
  household_id: string;
  address_id: string;
  neighbourhood_id: string | null;
  lat: number | null;
  lon: number | null;
  state: DoorState;
  reason: string | null;
  shift_id: string | null;
  pinned: boolean;
  seq: number | null;
  eta: number | null;
  window_start: number;
  window_end: number;
  attempts: number;
  version: number;
  needs_review: boolean;
  retry_not_before: string | Date | null;
  resolution: DoorResolution | null;
  household_name: string;
  street: string;
  house_number: string;
  box: string;
  postcode: string;
  municipality: string;
}

function toDoor(row: DoorRowRaw, partnerView: boolean): Door {
  const address = addressLabel({
    street: row.street,
    houseNumber: row.house_number,
    box: row.box,
    postcode: row.postcode,
    municipality: row.municipality,
  });
  return {
    id: row.id,
    householdId: row.household_id,
    // Partners follow their teams' work by address; the family's name stays with the city.
    label: partnerView ? address : row.household_name,
    address,
    lat: row.lat,
    lon: row.lon,
    neighbourhoodId: row.neighbourhood_id,
    state: row.state,
    reason: row.reason,
    shiftId: row.shift_id,
    pinned: row.pinned,
    seq: row.seq,
    eta: row.eta,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    attempts: row.attempts,
    needsReview: row.needs_review,
    retryNotBefore: dayText(row.retry_not_before),
  };
}

/** A date column read through plain SQL: a string on PGlite, a Date on node-postgres. */
export function dayText(value: string | Date | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function toShift(row: { shift: ShiftRow; visitorName: string }): Shift {
  const s = row.shift;
  return {
    id: s.id,
    teamId: s.teamId,
    visitorUserId: s.visitorUserId,
    visitorName: row.visitorName,
    day: s.day,
    start: s.startMinute,
    end: s.endMinute,
    mode: s.mode,
    startLat: s.startLat,
    startLon: s.startLon,
  };
}

export async function getCampaign(tx: Tx, viewer: Viewer, campaignId: string): Promise<CampaignDetail> {
  const { campaign, teams, shifts, doorRows, partnerView } = await scopedCampaign(tx, viewer, campaignId);
  const areas = campaign.neighbourhoodIds.length
    ? await tx
        .select({
          id: neighbourhoods.id,
          name: neighbourhoods.name,
          isFocus: neighbourhoods.isFocus,
          outline: neighbourhoods.outline,
        })
        .from(neighbourhoods)
        .where(
          and(
            eq(neighbourhoods.tenantId, viewer.tenantId),
            inArray(neighbourhoods.id, campaign.neighbourhoodIds),
          ),
        )
    : [];
  await recordAudit(tx, viewer, {
    action: 'outreach.campaign_read',
    recordType: 'outreach_campaign',
    recordId: campaignId,
    purpose: 'outreach',
    details: { doors: doorRows.length },
  });
  return {
    id: campaign.id,
    name: campaign.name,
    purpose: campaign.purpose,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    filter: campaign.filter,
    streets: campaign.streets,
    neighbourhoodIds: campaign.neighbourhoodIds,
    questions: campaign.questions,
    tips: campaign.tips,
    visitMinutes: campaign.visitMinutes,
    plannedAt: campaign.plannedAt?.toISOString() ?? null,
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      organisation: t.organisation,
      partnerName: t.partnerName,
      managerUserId: t.managerUserId,
      neighbourhoodIds: t.neighbourhoodIds,
      memberUserIds: t.memberUserIds,
    })),
    shifts: shifts.map(toShift),
    doors: doorRows.map((d) => toDoor(d, partnerView)),
    neighbourhoods: areas.map((a) => ({
      ...a,
      outline: a.outline as { type: string; coordinates: unknown },
    })),
  };
}

export async function campaignProgress(tx: Tx, viewer: Viewer, campaignId: string): Promise<Progress> {
  const { doorRows } = await scopedCampaign(tx, viewer, campaignId);
  const doorIds = doorRows.map((d) => d.id);
  const names = new Map(
    (
      await tx
        .select({ id: neighbourhoods.id, name: neighbourhoods.name })
        .from(neighbourhoods)
        .where(eq(neighbourhoods.tenantId, viewer.tenantId))
    ).map((n) => [n.id, n.name]),
  );
  const visits = doorIds.length
    ? await tx
        .select({ doorId: outreachVisits.doorId, needs: outreachVisits.needs })
        .from(outreachVisits)
        .where(and(eq(outreachVisits.tenantId, viewer.tenantId), inArray(outreachVisits.doorId, doorIds)))
    : [];
  const followUps = doorIds.length
    ? await tx
        .select({ doorId: outreachFollowUps.doorId })
        .from(outreachFollowUps)
        .where(
          and(
            eq(outreachFollowUps.tenantId, viewer.tenantId),
            inArray(outreachFollowUps.doorId, doorIds),
            eq(outreachFollowUps.status, 'open'),
          ),
        )
    : [];
  const empty = (id: string | null, name: string) => ({
    neighbourhoodId: id,
    neighbourhoodName: name,
    doors: 0,
    planned: 0,
    visited: 0,
    talked: 0,
    notHome: 0,
    refused: 0,
    needs: Object.fromEntries(needKinds.map((k) => [k, 0])) as Record<string, number>,
    followUpsOpen: 0,
  });
  const total = empty(null, '');
  const rows = new Map<string, ReturnType<typeof empty>>();
  const areaOf = new Map<string, string>();
  for (const door of doorRows) {
    const key = door.neighbourhood_id ?? '-';
    areaOf.set(door.id, key);
    const row = rows.get(key) ?? empty(door.neighbourhood_id, names.get(door.neighbourhood_id ?? '') ?? '');
    rows.set(key, row);
    for (const r of [row, total]) {
      r.doors += 1;
      if (door.shift_id) r.planned += 1;
      if (door.state === 'talked' || door.state === 'refused' || door.state === 'not_home') r.visited += 1;
      if (door.state === 'talked') r.talked += 1;
      if (door.state === 'not_home') r.notHome += 1;
      if (door.state === 'refused') r.refused += 1;
    }
  }
  // A door a coordinator settled counts the needs as settled; the others count every visit's needs.
  const settled = new Map(doorRows.filter((d) => d.resolution).map((d) => [d.id, d.resolution!.needs]));
  const heard = [
    ...visits.filter((v) => !settled.has(v.doorId)),
    ...[...settled].map(([doorId, needs]) => ({ doorId, needs })),
  ];
  for (const visit of heard) {
    const row = rows.get(areaOf.get(visit.doorId) ?? '-');
    for (const need of visit.needs)
      for (const r of [row, total]) if (r) r.needs[need] = (r.needs[need] ?? 0) + 1;
  }
  for (const f of followUps) {
    const row = rows.get(areaOf.get(f.doorId) ?? '-');
    for (const r of [row, total]) if (r) r.followUpsOpen += 1;
  }
  return {
    campaignId,
    total,
    byNeighbourhood: [...rows.values()].sort((a, b) =>
      a.neighbourhoodName.localeCompare(b.neighbourhoodName),
    ),
  };
}

// ---------------------------------------------------------------- the visitor's day

/**
 * The visitor's rounds from today on: only what the doorstep needs (the name on the bell, the
 * language, earlier "not home" notes), never the household's file.
 */
export async function myRounds(tx: Tx, viewer: Viewer, now = new Date()): Promise<MyRounds> {
  const today = isoDay(now);
  const shifts = await tx
    .select({ shift: outreachShifts, campaign: outreachCampaigns })
    .from(outreachShifts)
    .innerJoin(
      outreachCampaigns,
      and(
        eq(outreachCampaigns.tenantId, outreachShifts.tenantId),
        eq(outreachCampaigns.id, outreachShifts.campaignId),
      ),
    )
    .where(
      and(
        eq(outreachShifts.tenantId, viewer.tenantId),
        eq(outreachShifts.visitorUserId, viewer.userId),
        gte(outreachShifts.day, today),
      ),
    )
    .orderBy(asc(outreachShifts.day), asc(outreachShifts.startMinute))
    .limit(14);
  const rounds: Round[] = [];
  let doorCount = 0;
  for (const { shift, campaign } of shifts) {
    const doors = rowsOf<{
      id: string;
      version: number;
      household_name: string;
      street: string;
      house_number: string;
      box: string;
      postcode: string;
      municipality: string;
      lat: number | null;
      lon: number | null;
      seq: number | null;
      eta: number | null;
      state: DoorState;
      language: string | null;
    }>(
      await tx.execute(sql`select d.id, d.version, h.name as household_name, a.street, a.house_number, a.box,
          a.postcode, a.municipality, d.lat, d.lon, d.seq, d.eta, d.state,
          (select coalesce(p.preferred_language, p.languages[1]) from household_members m
            join persons p on p.tenant_id = m.tenant_id and p.id = m.person_id
            where m.tenant_id = d.tenant_id and m.household_id = d.household_id
            order by (m.relation = 'reference_person') desc, m.created_at limit 1) as language
        from outreach_doors d
        join households h on h.tenant_id = d.tenant_id and h.id = d.household_id
        join addresses a on a.tenant_id = d.tenant_id and a.id = d.address_id
        where d.tenant_id = ${viewer.tenantId} and d.shift_id = ${shift.id}
        order by d.seq nulls last, a.street, a.house_number`),
    );
    const notes = doors.length
      ? await tx
          .select({
            doorId: outreachVisits.doorId,
            at: outreachVisits.receivedAt,
            note: outreachVisits.retryHint,
          })
          .from(outreachVisits)
          .where(
            and(
              eq(outreachVisits.tenantId, viewer.tenantId),
              inArray(
                outreachVisits.doorId,
                doors.map((d) => d.id),
              ),
              eq(outreachVisits.outcome, 'not_home'),
            ),
          )
          .orderBy(asc(outreachVisits.receivedAt))
      : [];
    doorCount += doors.length;
    rounds.push({
      shiftId: shift.id,
      campaignId: campaign.id,
      campaignName: campaign.name,
      day: shift.day,
      start: shift.startMinute,
      end: shift.endMinute,
      mode: shift.mode,
      startLat: shift.startLat,
      startLon: shift.startLon,
      questions: campaign.questions,
      tips: campaign.tips,
      doors: doors.map((d, i) => ({
        id: d.id,
        version: d.version,
        bellName: d.household_name,
        address: addressLabel({
          street: d.street,
          houseNumber: d.house_number,
          box: d.box,
          postcode: d.postcode,
          municipality: d.municipality,
        }),
        language: d.language,
        lat: d.lat,
        lon: d.lon,
        seq: d.seq ?? i + 1,
        eta: d.eta,
        state: d.state,
        earlierNotHome: notes
          .filter((n) => n.doorId === d.id)
          .map((n) => ({ at: n.at.toISOString(), note: n.note })),
      })),
    });
  }
  await recordAudit(tx, viewer, {
    action: 'outreach.rounds_downloaded',
    recordType: 'user',
    recordId: viewer.userId,
    purpose: 'outreach',
    details: { rounds: rounds.length, doors: doorCount },
  });
  const helpTypes = (await listHelpTypes(tx, viewer.tenantId, true)).map((t) => ({
    code: t.code,
    names: t.names,
  }));
  return { serverTime: now.toISOString(), rounds, helpTypes };
}

// ---------------------------------------------------------------- sync

const outcomeWords = {
  not_home: 'nobody home',
  refused: 'the resident did not want to talk',
  talked: 'talked with the resident',
} as const;
const outcomeRank = { not_home: 0, refused: 1, talked: 2 } as const;

class Rejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Takes the records a phone kept in its outbox. Each record stands alone: one with a field the
 * server cannot take answers `rejected` with the field and why (nothing of it is saved), a record
 * already received answers `duplicate`, a door outside the visitor's rounds `rejected` (the phone keeps it
 * and shows why), a record made on an older version of the door `conflict` (both visits are kept
 * and the door is flagged for review). The server's clock orders records; the phone's is kept.
 */
export async function syncVisits(
  tx: Tx,
  viewer: Viewer,
  sent: readonly { clientId: string }[],
  now = new Date(),
): Promise<SyncResult> {
  const results: SyncResult['results'] = [];
  for (const raw of sent) {
    // Known first: a record the server took before is answered `duplicate` even if it would not
    // pass today's checks, so a phone that missed the answer can let it go.
    const [known] = await tx
      .select({ id: outreachVisits.id, visitorUserId: outreachVisits.visitorUserId })
      .from(outreachVisits)
      .where(and(eq(outreachVisits.tenantId, viewer.tenantId), eq(outreachVisits.clientId, raw.clientId)));
    if (known) {
      results.push(
        known.visitorUserId === viewer.userId
          ? { clientId: raw.clientId, status: 'duplicate', visitId: known.id }
          : {
              clientId: raw.clientId,
              status: 'rejected',
              code: 'CONFLICT',
              message: 'this record id is taken',
            },
      );
      continue;
    }
    const parsed = visitRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      results.push({
        clientId: raw.clientId,
        status: 'rejected',
        code: 'VALIDATION_FAILED',
        message: `${issue!.path.join('.') || 'record'}: ${issue!.message}`,
      });
      continue;
    }
    const record = parsed.data;
    const skew = Math.round((Date.parse(record.recordedAt) - now.getTime()) / 60_000);
    const clock = Math.abs(skew) > CLOCK_TOLERANCE_MINUTES ? { clockSkewMinutes: skew } : {};
    // A savepoint per record (plain SQL: the pooled handle's nested transactions would commit the
    // request's transaction), so a refused record leaves no partial write and the others go on.
    await tx.execute(sql`savepoint outreach_record`);
    try {
      const outcome = await recordVisit(tx, viewer, record, now);
      await tx.execute(sql`release savepoint outreach_record`);
      results.push({ clientId: record.clientId, ...outcome, ...clock });
    } catch (error) {
      await tx.execute(sql`rollback to savepoint outreach_record`);
      if (error instanceof Rejected) {
        results.push({
          clientId: record.clientId,
          status: 'rejected',
          code: error.code,
          message: error.message,
          ...clock,
        });
      } else if (error instanceof AppError) {
        results.push({
          clientId: record.clientId,
          status: 'rejected',
          code: error.code,
          message: detailMessage(error),
          ...clock,
        });
      } else throw error;
    }
  }
  return { serverTime: now.toISOString(), results };
}

function detailMessage(error: AppError): string {
  const details = error.details as { field?: string; message?: string }[] | undefined;
  if (Array.isArray(details) && details[0]) return `${details[0].field}: ${details[0].message}`;
  return error.message;
}

async function recordVisit(
  tx: Tx,
  viewer: Viewer,
  record: VisitRecord,
  now: Date,
): Promise<{ status: 'created' | 'conflict'; visitId: string }> {
  const tenantId = viewer.tenantId;
  const [found] = await tx
    .select({ door: outreachDoors, shift: outreachShifts, campaign: outreachCampaigns })
    .from(outreachDoors)
    .innerJoin(
      outreachCampaigns,
      and(
        eq(outreachCampaigns.tenantId, outreachDoors.tenantId),
        eq(outreachCampaigns.id, outreachDoors.campaignId),
      ),
    )
    .leftJoin(
      outreachShifts,
      and(eq(outreachShifts.tenantId, outreachDoors.tenantId), eq(outreachShifts.id, outreachDoors.shiftId)),
    )
    .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.id, record.doorId)))
    .for('update', { of: outreachDoors });
  // A door outside the visitor's rounds is refused the same way whether or not it exists. A door
  // moved to another round after this phone downloaded it still counts: both visits are kept.
  let shift = found?.shift ?? null;
  if (found && shift?.visitorUserId !== viewer.userId && found.door.previousShiftId) {
    const [previous] = await tx
      .select()
      .from(outreachShifts)
      .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.id, found.door.previousShiftId)));
    if (previous?.visitorUserId === viewer.userId) shift = previous;
  }
  if (!found || !shift || shift.visitorUserId !== viewer.userId)
    throw new Rejected('NOT_IN_ROUND', 'this door is not in one of your rounds');
  const { door, campaign } = found;
  if (record.outcome === 'talked') {
    for (const f of record.followUps)
      if (f.kind === 'volunteer_help' && !f.helpType)
        throw new Rejected('VALIDATION_FAILED', 'followUps: the kind of help');
  }
  const conflict = record.baseVersion < door.version;
  // The phone's time is used only when it is believable: on the round's day and not in the future.
  const reported = new Date(record.recordedAt);
  const believable =
    reported.getTime() <= now.getTime() + CLOCK_TOLERANCE_MINUTES * 60_000 && isoDay(reported) === shift.day;
  const occurredAt = believable && reported.getTime() <= now.getTime() ? reported : now;
  const needs = record.outcome === 'talked' ? record.needs : [];
  const followUps: FollowUpRecord[] = record.outcome === 'talked' ? record.followUps : [];
  const [visit] = await tx
    .insert(outreachVisits)
    .values({
      tenantId,
      clientId: record.clientId,
      campaignId: campaign.id,
      doorId: door.id,
      shiftId: shift.id,
      visitorUserId: viewer.userId,
      outcome: record.outcome,
      retryHint: record.outcome === 'not_home' ? (record.retryHint ?? null) : null,
      retryFrom: record.outcome === 'not_home' ? (record.retryFrom ?? null) : null,
      retryUntil: record.outcome === 'not_home' ? (record.retryUntil ?? null) : null,
      retryOn: record.outcome === 'not_home' ? (record.retryOn ?? null) : null,
      needs,
      tips: record.outcome === 'talked' ? record.tips : [],
      followUps,
      note: record.note ?? null,
      baseVersion: record.baseVersion,
      conflict,
      clientRecordedAt: reported,
      receivedAt: now,
    })
    .returning({ id: outreachVisits.id });
  const visitId = visit!.id;
  if (conflict) {
    // The visits made since this phone downloaded the door (its version counts the visits before)
    // are flagged too: a person looks at both.
    await tx.execute(sql`update outreach_visits set conflict = true
      where tenant_id = ${tenantId} and id in (
        select id from outreach_visits where tenant_id = ${tenantId} and door_id = ${door.id} and id <> ${visitId}
        order by received_at, id offset ${record.baseVersion})`);
  }
  const previous = door.state as DoorState;
  const previousRank =
    previous === 'talked' || previous === 'refused' || previous === 'not_home' ? outcomeRank[previous] : -1;
  const state = conflict && previousRank > outcomeRank[record.outcome] ? previous : record.outcome;
  // "Come back after five": the time the resident or a neighbour gave becomes the door's visiting
  // time for the next try, and the day is the first the door may be tried again.
  const retry =
    record.outcome === 'not_home' && state === 'not_home'
      ? retryWindow(door, record)
      : { windowStart: door.windowStart, windowEnd: door.windowEnd, retryNotBefore: null };
  await tx
    .update(outreachDoors)
    .set({
      state,
      ...retry,
      reason: null,
      version: door.version + 1,
      attempts: door.attempts + 1,
      needsReview: door.needsReview || conflict,
      lastVisitAt: now,
    })
    .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.id, door.id)));

  const referencePerson = await referencePersonOf(tx, tenantId, door.householdId);
  await recordContact(tx, viewer, {
    householdId: door.householdId,
    personId: referencePerson,
    occurredAt,
    channel: 'home_visit',
    purpose: 'outreach',
    summary: `Home visit (${campaign.name}): ${outcomeWords[record.outcome]}${
      followUps.length ? `; follow-ups agreed: ${followUps.filter((f) => f.consent).length}` : ''
    }`,
    summaryKey: followUps.length ? 'outreach.visitWithFollowUps' : 'outreach.visit',
    summaryValues: {
      campaign: campaign.name,
      outcome: record.outcome,
      count: followUps.filter((f) => f.consent).length,
    },
    visibility: 'staff',
    module: 'outreach',
    recordType: 'outreach_visit',
    recordId: visitId,
  });

  const base = { tenantId, visitId, campaignId: campaign.id, doorId: door.id, householdId: door.householdId };
  if (needs.includes('safety')) {
    // Flagged at once for a social worker, whatever else was agreed; only welfare staff see it.
    await tx.insert(outreachFollowUps).values({
      ...base,
      kind: 'safety',
      status: 'open',
      consent: false,
      note: record.note ?? '',
    });
    await recordContact(tx, viewer, {
      householdId: door.householdId,
      personId: referencePerson,
      occurredAt,
      channel: 'home_visit',
      purpose: 'outreach',
      summary: 'Concern about safety at home heard during a home visit: a social worker follows up',
      summaryKey: 'outreach.safety',
      visibility: 'welfare',
      module: 'outreach',
      recordType: 'outreach_visit',
      recordId: visitId,
    });
    await recordAudit(tx, viewer, {
      action: 'outreach.safety_concern',
      recordType: 'household',
      recordId: door.householdId,
      purpose: 'outreach',
      details: { visitId },
    });
  }
  let consentRecorded = false;
  for (const f of followUps) {
    let helpNeedId: string | null = null;
    if (f.consent && f.kind === 'volunteer_help') {
      // The outreach module vouches for the door (it is in the visitor's round): the need is posted
      // with a coordinator's reach so that a visitor does not need to open the household's file.
      const need = await createNeed(
        tx,
        { ...viewer, roles: ['coordinator'] },
        {
          householdId: door.householdId,
          helpType: f.helpType!,
          description: f.note || `Asked for during a home visit (${campaign.name})`,
          timing: {
            kind: 'window',
            range: { from: isoDay(now), to: isoDay(new Date(now.getTime() + 30 * 86_400_000)) },
          },
          languages: [],
          urgency: 'normal',
          sensitive: false,
          consentGiven: true,
        },
      );
      helpNeedId = need.id;
    } else if (f.consent && referencePerson && !consentRecorded) {
      await recordConsent(tx, viewer, referencePerson, {
        purpose: 'outreach',
        legalBasis: 'consent',
        status: 'given',
        method: 'verbal',
        note: `Given on the doorstep for a follow-up (${campaign.name})`,
      });
      consentRecorded = true;
    }
    await tx.insert(outreachFollowUps).values({
      ...base,
      kind: f.kind,
      status: f.consent ? 'open' : 'no_consent',
      consent: f.consent,
      note: f.note,
      partnerName: f.partnerName ?? null,
      helpNeedId,
    });
    if (f.consent && f.kind === 'welfare') {
      await recordContact(tx, viewer, {
        householdId: door.householdId,
        personId: referencePerson,
        occurredAt,
        channel: 'home_visit',
        purpose: 'outreach',
        summary: 'Referral to the welfare centre agreed during a home visit',
        summaryKey: 'outreach.welfareReferral',
        visibility: 'welfare',
        module: 'outreach',
        recordType: 'outreach_visit',
        recordId: visitId,
      });
    }
  }
  await recordAudit(tx, viewer, {
    action: 'outreach.visit_recorded',
    recordType: 'outreach_door',
    recordId: door.id,
    purpose: 'outreach',
    details: { visitId, outcome: record.outcome, conflict, followUps: followUps.length },
  });
  return { status: conflict ? 'conflict' : 'created', visitId };
}

/** The visiting time and first day for the next try of a "not home" door, from what was said at the door. */
export function retryWindow(
  door: Pick<DoorRow, 'windowStart' | 'windowEnd'>,
  record: Pick<VisitRecord, 'retryFrom' | 'retryUntil' | 'retryOn'>,
): { windowStart: number; windowEnd: number; retryNotBefore: string | null } {
  const day = 24 * 60;
  let windowStart = record.retryFrom ?? door.windowStart;
  let windowEnd = record.retryUntil ?? door.windowEnd;
  if (windowEnd <= windowStart) {
    // Only one end was given and it lies outside the old visiting time: two hours from that end.
    if (record.retryFrom !== undefined) windowEnd = Math.min(day, windowStart + 120);
    else windowStart = Math.max(0, windowEnd - 120);
  }
  return { windowStart, windowEnd, retryNotBefore: record.retryOn ?? null };
}

async function referencePersonOf(tx: Tx, tenantId: string, householdId: string): Promise<string | null> {
  const [row] = rowsOf<{ person_id: string }>(
    await tx.execute(sql`select person_id from household_members where tenant_id = ${tenantId}
      and household_id = ${householdId} order by (relation = 'reference_person') desc, created_at limit 1`),
  );
  return row?.person_id ?? null;
}

// ---------------------------------------------------------------- concerns

/** Open concerns about safety at home and referrals to the welfare centre, for social workers. */
export async function listConcerns(tx: Tx, viewer: Viewer): Promise<Concern[]> {
  const rows = rowsOf<{
    id: string;
    kind: string;
    status: string;
    household_id: string;
    household_name: string;
    street: string;
    house_number: string;
    box: string;
    postcode: string;
    municipality: string;
    campaign_name: string;
    visitor_name: string;
    note: string;
    created_at: Date | string;
  }>(
    await tx.execute(sql`select f.id, f.kind, f.status, f.household_id, h.name as household_name, a.street,
        a.house_number, a.box, a.postcode, a.municipality, c.name as campaign_name, u.display_name as visitor_name,
        f.note, f.created_at
      from outreach_follow_ups f
      join outreach_visits v on v.tenant_id = f.tenant_id and v.id = f.visit_id
      join outreach_campaigns c on c.tenant_id = f.tenant_id and c.id = f.campaign_id
      join households h on h.tenant_id = f.tenant_id and h.id = f.household_id
      left join addresses a on a.tenant_id = h.tenant_id and a.id = h.address_id
      left join users u on u.tenant_id = v.tenant_id and u.id = v.visitor_user_id
      where f.tenant_id = ${viewer.tenantId} and f.kind in ('safety', 'welfare') and f.status = 'open'
      order by (f.kind = 'safety') desc, f.created_at`),
  );
  await recordAudit(tx, viewer, {
    action: 'outreach.concerns_read',
    recordType: 'outreach_follow_up',
    purpose: 'outreach',
    details: { count: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    householdId: r.household_id,
    householdName: r.household_name,
    address: r.street
      ? addressLabel({
          street: r.street,
          houseNumber: r.house_number,
          box: r.box,
          postcode: r.postcode,
          municipality: r.municipality,
        })
      : '',
    campaignName: r.campaign_name,
    visitorName: r.visitor_name ?? '',
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A social worker took a concern or referral in hand. */
export async function closeConcern(tx: Tx, viewer: Viewer, id: string): Promise<{ id: string }> {
  const rows = await tx
    .update(outreachFollowUps)
    .set({ status: 'done' })
    .where(
      and(
        eq(outreachFollowUps.tenantId, viewer.tenantId),
        eq(outreachFollowUps.id, id),
        inArray(outreachFollowUps.kind, ['safety', 'welfare']),
      ),
    )
    .returning({ id: outreachFollowUps.id });
  if (rows.length === 0) throw notFound('The concern');
  await recordAudit(tx, viewer, {
    action: 'outreach.concern_taken',
    recordType: 'outreach_follow_up',
    recordId: id,
    purpose: 'outreach',
  });
  return { id };
}
