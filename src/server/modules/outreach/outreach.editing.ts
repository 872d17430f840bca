import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, fieldError, notFound } from '../../../shared/errors.ts';
import {
  type CampaignChange,
  type CampaignPatch,
  outreachMessages,
  type ShiftPatch,
} from '../../../shared/outreach.schemas.ts';
import { today } from '../../clock.ts';
import { counted } from '../../counted.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Viewer } from '../registry/record-rules.ts';
import { neighbourhoods } from '../registry/registry.tables.ts';
import {
  campaignHouseholds,
  planCampaign,
  requireCampaign,
  requireFreeVisitor,
  requireVisitors,
  teamsOf,
} from './outreach.service.ts';
import { outreachCampaigns, outreachDoors, outreachShifts, outreachTeams } from './outreach.tables.ts';

type ShiftRow = typeof outreachShifts.$inferSelect;

/** Refused because it would leave visits that were recorded without their round, door or team. */
const orphans = (message: string, reason: string, values: Record<string, string | number> = {}) =>
  new AppError('CONFLICT', message, { reason, ...values });

async function visitsPerShift(tx: Tx, tenantId: string, shiftIds: string[]): Promise<Map<string, number>> {
  if (shiftIds.length === 0) return new Map();
  const rows = rowsOf<{ shift_id: string; n: number }>(
    await tx.execute(sql`select shift_id, count(*)::int as n from outreach_visits
      where tenant_id = ${tenantId} and shift_id in (${sql.join(
        shiftIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) group by shift_id`),
  );
  return new Map(rows.map((r) => [r.shift_id, Number(r.n)]));
}

async function requireShift(tx: Tx, tenantId: string, shiftId: string): Promise<ShiftRow> {
  const [shift] = await tx
    .select()
    .from(outreachShifts)
    .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.id, shiftId)))
    .for('update');
  if (!shift) throw notFound('The shift');
  return shift;
}

/** Doors of removed rounds go back to the planner; their visitor can still send what they recorded. */
async function releaseDoors(tx: Tx, tenantId: string, shiftIds: string[]) {
  if (shiftIds.length === 0) return;
  await tx
    .update(outreachDoors)
    .set({
      shiftId: null,
      previousShiftId: null,
      seq: null,
      eta: null,
      pinned: false,
      reason: 'its round was removed',
    })
    .where(and(eq(outreachDoors.tenantId, tenantId), inArray(outreachDoors.shiftId, shiftIds)));
  await tx
    .update(outreachDoors)
    .set({ previousShiftId: null })
    .where(and(eq(outreachDoors.tenantId, tenantId), inArray(outreachDoors.previousShiftId, shiftIds)));
}

/**
 * Changes a visitor's shift. A round in which visits were recorded keeps its day and its visitor
 * (the visits belong to that day and that person); its times, travel mode and starting point may
 * still change. The rounds are planned again when the campaign was planned before.
 */
export async function updateShift(
  tx: Tx,
  viewer: Viewer,
  shiftId: string,
  patch: ShiftPatch,
): Promise<{ id: string; replanned: boolean }> {
  const tenantId = viewer.tenantId;
  const shift = await requireShift(tx, tenantId, shiftId);
  const campaign = await requireCampaign(tx, tenantId, shift.campaignId, true);
  const next = {
    visitorUserId: patch.visitorUserId ?? shift.visitorUserId,
    day: patch.day ?? shift.day,
    start: patch.start ?? shift.startMinute,
    end: patch.end ?? shift.endMinute,
    mode: patch.mode ?? shift.mode,
    startLat: patch.startLat ?? shift.startLat,
    startLon: patch.startLon ?? shift.startLon,
  };
  if (next.end <= next.start) throw fieldError('end', outreachMessages.shiftOrder);
  if (next.day < campaign.startsOn || next.day > campaign.endsOn)
    throw fieldError('day', 'a day outside the campaign period');
  const recorded = (await visitsPerShift(tx, tenantId, [shiftId])).get(shiftId) ?? 0;
  if (recorded > 0 && (next.day !== shift.day || next.visitorUserId !== shift.visitorUserId))
    throw orphans(
      `${counted(recorded, 'visit was', 'visits were')} recorded in this round: its day and visitor stay as they are (add a new shift instead)`,
      'roundHasVisits',
      { count: recorded },
    );
  await requireFreeVisitor(tx, tenantId, [next], () => 'start', shiftId);
  let teamId = shift.teamId;
  if (next.visitorUserId !== shift.visitorUserId) {
    await requireVisitors(tx, tenantId, [next.visitorUserId], 'visitorUserId');
    const teams = await teamsOf(tx, tenantId, campaign.id);
    const team = teams.find((t) => t.memberUserIds.includes(next.visitorUserId)) ?? null;
    if (teams.length > 0 && !team) throw fieldError('visitorUserId', 'not in any team of the campaign');
    teamId = team?.id ?? null;
  }
  await tx
    .update(outreachShifts)
    .set({
      visitorUserId: next.visitorUserId,
      teamId,
      day: next.day,
      startMinute: next.start,
      endMinute: next.end,
      mode: next.mode,
      startLat: next.startLat,
      startLon: next.startLon,
    })
    .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.id, shiftId)));
  // Another visitor or day: the doors are that visitor's now, the old one no longer sends for them.
  if (next.visitorUserId !== shift.visitorUserId || next.day !== shift.day)
    await tx
      .update(outreachDoors)
      .set({ pinned: false })
      .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.shiftId, shiftId)));
  await recordAudit(tx, viewer, {
    action: 'outreach.shift_changed',
    recordType: 'outreach_shift',
    recordId: shiftId,
    details: { ...patch },
  });
  if (campaign.plannedAt) await planCampaign(tx, viewer, campaign.id);
  return { id: shiftId, replanned: campaign.plannedAt !== null };
}

/** Removes a shift in which no visit was recorded; its doors go back to the planner. */
export async function removeShift(
  tx: Tx,
  viewer: Viewer,
  shiftId: string,
): Promise<{ id: string; replanned: boolean }> {
  const tenantId = viewer.tenantId;
  const shift = await requireShift(tx, tenantId, shiftId);
  const campaign = await requireCampaign(tx, tenantId, shift.campaignId, true);
  const recorded = (await visitsPerShift(tx, tenantId, [shiftId])).get(shiftId) ?? 0;
  if (recorded > 0)
    throw orphans(
      `${counted(recorded, 'visit was', 'visits were')} recorded in this round: it cannot be removed`,
      'roundHasVisitsRemove',
      {
        count: recorded,
      },
    );
  await releaseDoors(tx, tenantId, [shiftId]);
  await tx
    .delete(outreachShifts)
    .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.id, shiftId)));
  await recordAudit(tx, viewer, {
    action: 'outreach.shift_removed',
    recordType: 'outreach_shift',
    recordId: shiftId,
    details: { campaignId: campaign.id, day: shift.day, visitorUserId: shift.visitorUserId },
  });
  if (campaign.plannedAt) await planCampaign(tx, viewer, campaign.id);
  return { id: shiftId, replanned: campaign.plannedAt !== null };
}

/**
 * Changes a campaign after set-up: its purpose, period, place and filter, questions, tips and
 * teams. Nothing that was recorded at a door is left behind: a change that would take a visited
 * door out of the campaign, or a round with visits out of the period or its team, is refused with
 * the reason and nothing is saved. Doors, shifts and teams without visits follow the change, and
 * the rounds are planned again when where, when or who changed.
 */
export async function updateCampaign(
  tx: Tx,
  viewer: Viewer,
  campaignId: string,
  patch: CampaignPatch,
): Promise<CampaignChange> {
  const tenantId = viewer.tenantId;
  const campaign = await requireCampaign(tx, tenantId, campaignId, true);
  const next = {
    name: patch.name ?? campaign.name,
    purpose: patch.purpose ?? campaign.purpose,
    startsOn: patch.startsOn ?? campaign.startsOn,
    endsOn: patch.endsOn ?? campaign.endsOn,
    neighbourhoodIds: patch.neighbourhoodIds ?? campaign.neighbourhoodIds,
    streets: patch.streets ?? campaign.streets,
    filter: patch.filter ?? campaign.filter,
    questions: patch.questions ?? campaign.questions,
    tips: patch.tips ?? campaign.tips,
    visitMinutes: patch.visitMinutes ?? campaign.visitMinutes,
  };
  if (next.endsOn < next.startsOn) throw fieldError('endsOn', outreachMessages.periodOrder);
  // A new last day may not lie in the past; an ongoing campaign keeps its past first day, and a
  // campaign that is over may still get its words changed as long as its period stays as it is.
  if (patch.endsOn !== undefined && patch.endsOn !== campaign.endsOn && patch.endsOn < today())
    throw fieldError('endsOn', outreachMessages.endsInPast);
  if (next.neighbourhoodIds.length === 0 && next.streets.length === 0)
    throw fieldError('neighbourhoodIds', outreachMessages.where);
  if (patch.neighbourhoodIds?.length) {
    const found = await tx
      .select({ id: neighbourhoods.id })
      .from(neighbourhoods)
      .where(and(eq(neighbourhoods.tenantId, tenantId), inArray(neighbourhoods.id, patch.neighbourhoodIds)));
    if (found.length !== new Set(patch.neighbourhoodIds).size)
      throw fieldError('neighbourhoodIds', 'not a neighbourhood of this municipality');
  }
  const placeChanged =
    patch.neighbourhoodIds !== undefined || patch.streets !== undefined || patch.filter !== undefined;
  const shifts = await tx
    .select()
    .from(outreachShifts)
    .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.campaignId, campaignId)));
  const visited = await visitsPerShift(
    tx,
    tenantId,
    shifts.map((s) => s.id),
  );
  const dropShifts = new Set<string>();

  // The period: rounds outside it go, unless visits were recorded in them.
  for (const shift of shifts) {
    if (shift.day >= next.startsOn && shift.day <= next.endsOn) continue;
    if (visited.get(shift.id))
      throw orphans(
        `visits were recorded on ${shift.day}, outside the new period: the period must include that day`,
        'visitsOutsidePeriod',
        { day: shift.day },
      );
    dropShifts.add(shift.id);
  }

  // The teams: the whole new list. A team or a member with recorded visits stays.
  const teams = await teamsOf(tx, tenantId, campaignId);
  if (patch.teams) {
    for (const [i, team] of patch.teams.entries()) {
      await requireVisitors(tx, tenantId, team.memberUserIds, `teams.${i}.memberUserIds`);
      if (team.neighbourhoodIds.some((id) => !next.neighbourhoodIds.includes(id)))
        throw fieldError(`teams.${i}.neighbourhoodIds`, 'a neighbourhood outside the campaign');
      if (team.id && !teams.some((t) => t.id === team.id))
        throw fieldError(`teams.${i}.id`, 'not a team of this campaign');
    }
    const kept = new Map(patch.teams.filter((t) => t.id).map((t) => [t.id!, t]));
    for (const team of teams) {
      const edit = kept.get(team.id);
      for (const shift of shifts.filter((s) => s.teamId === team.id)) {
        const stays = edit?.memberUserIds.includes(shift.visitorUserId);
        if (stays) continue;
        if (visited.get(shift.id))
          throw orphans(
            edit
              ? `a member who recorded visits cannot leave the team "${team.name}"`
              : `the team "${team.name}" recorded visits: it cannot be removed`,
            edit ? 'memberHasVisits' : 'teamHasVisits',
            { team: team.name },
          );
        dropShifts.add(shift.id);
      }
    }
  }

  // The place and the filter: doors that fall outside go, unless someone visited them.
  let doorsAdded = 0;
  let doorsRemoved = 0;
  if (placeChanged) {
    const found = await campaignHouseholds(tx, tenantId, next);
    const wanted = new Set(found.map((h) => h.household_id));
    const doors = await tx
      .select({
        id: outreachDoors.id,
        householdId: outreachDoors.householdId,
        windowStart: outreachDoors.windowStart,
        windowEnd: outreachDoors.windowEnd,
      })
      .from(outreachDoors)
      .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.campaignId, campaignId)));
    const leaving = doors.filter((d) => !wanted.has(d.householdId));
    if (leaving.length) {
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(distinct door_id)::int as n from outreach_visits
          where tenant_id = ${tenantId} and door_id in (${sql.join(
            leaving.map((d) => sql`${d.id}::uuid`),
            sql`, `,
          )})`),
      );
      if (Number(row?.n ?? 0) > 0)
        throw orphans(
          `${counted(Number(row!.n), 'visited door', 'visited doors')} would fall outside the campaign: keep their neighbourhood, street or filter`,
          'visitedDoorsOutside',
          { count: Number(row!.n) },
        );
      await tx.delete(outreachDoors).where(
        and(
          eq(outreachDoors.tenantId, tenantId),
          inArray(
            outreachDoors.id,
            leaving.map((d) => d.id),
          ),
        ),
      );
      doorsRemoved = leaving.length;
    }
    const have = new Set(doors.map((d) => d.householdId));
    const fresh = found.filter((h) => !have.has(h.household_id));
    // New doors get the visiting time most doors of the campaign have.
    const usual = doors[0] ?? { windowStart: 9 * 60, windowEnd: 20 * 60 };
    for (let i = 0; i < fresh.length; i += 1000) {
      await tx.insert(outreachDoors).values(
        fresh.slice(i, i + 1000).map((h) => ({
          tenantId,
          campaignId,
          householdId: h.household_id,
          addressId: h.address_id,
          neighbourhoodId: h.neighbourhood_id,
          lat: h.lat,
          lon: h.lon,
          state: h.lat == null || h.lon == null ? ('no_coordinates' as const) : ('open' as const),
          reason: h.lat == null || h.lon == null ? 'the address has no coordinates' : null,
          windowStart: usual.windowStart,
          windowEnd: usual.windowEnd,
        })),
      );
    }
    doorsAdded = fresh.length;
  }

  // Everything checked: write.
  if (dropShifts.size) {
    await releaseDoors(tx, tenantId, [...dropShifts]);
    await tx
      .delete(outreachShifts)
      .where(and(eq(outreachShifts.tenantId, tenantId), inArray(outreachShifts.id, [...dropShifts])));
  }
  if (patch.teams) {
    const keptIds = patch.teams.flatMap((t) => (t.id ? [t.id] : []));
    const removed = teams.filter((t) => !keptIds.includes(t.id)).map((t) => t.id);
    if (removed.length)
      await tx
        .delete(outreachTeams)
        .where(and(eq(outreachTeams.tenantId, tenantId), inArray(outreachTeams.id, removed)));
    for (const team of patch.teams) {
      const values = {
        name: team.name,
        organisation: team.organisation,
        partnerName: team.partnerName || null,
        managerUserId: team.managerUserId,
        neighbourhoodIds: team.neighbourhoodIds,
        memberUserIds: team.memberUserIds,
      };
      if (team.id)
        await tx
          .update(outreachTeams)
          .set(values)
          .where(and(eq(outreachTeams.tenantId, tenantId), eq(outreachTeams.id, team.id)));
      else await tx.insert(outreachTeams).values({ tenantId, campaignId, ...values });
    }
  }
  await tx
    .update(outreachCampaigns)
    .set(next)
    .where(and(eq(outreachCampaigns.tenantId, tenantId), eq(outreachCampaigns.id, campaignId)));
  const planning =
    placeChanged ||
    dropShifts.size > 0 ||
    patch.teams !== undefined ||
    patch.startsOn !== undefined ||
    patch.endsOn !== undefined ||
    (patch.visitMinutes !== undefined && patch.visitMinutes !== campaign.visitMinutes);
  await recordAudit(tx, viewer, {
    action: 'outreach.campaign_changed',
    recordType: 'outreach_campaign',
    recordId: campaignId,
    details: {
      fields: Object.keys(patch),
      doorsAdded,
      doorsRemoved,
      shiftsRemoved: dropShifts.size,
    },
  });
  const replanned = planning && campaign.plannedAt !== null;
  if (replanned) await planCampaign(tx, viewer, campaignId);
  return { id: campaignId, doorsAdded, doorsRemoved, shiftsRemoved: dropShifts.size, replanned };
}
