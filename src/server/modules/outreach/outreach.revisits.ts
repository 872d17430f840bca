import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { RevisitResult } from '../../../shared/outreach.schemas.ts';
import type { Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { type PlanDoor, type PlanShift, planGroup, shiftCoversWindow } from './outreach.planning.ts';
import { isoDay, MAX_ATTEMPTS, requireCampaign, teamForDoor, teamsOf } from './outreach.service.ts';
import { outreachCampaigns, outreachDoors, outreachShifts } from './outreach.tables.ts';

type DoorRow = typeof outreachDoors.$inferSelect;
type ShiftRow = typeof outreachShifts.$inferSelect;

/** The recurring job that plans revisits of "not home" doors, once an hour per municipality. */
export const REVISITS_JOB = 'outreach.revisits';

const nextDay = (day: string) => isoDay(new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000));

export const noComingShift = 'no shift of the team on a coming day';
export const noShiftForRetry = 'no shift covers the time to come back';

/**
 * Puts the campaign's "not home" doors back into a round: on the first day after the last try
 * (and not before the day the resident gave) that has a shift of the door's team covering the
 * time to come back, within the campaign period. Only the rounds of those days are planned again,
 * from tomorrow on (today's rounds are already on the visitors' phones); the doors already in
 * them stay in their round and are put in a new order around the revisits. A door that fits no
 * coming day is left out with its reason. Running it again changes nothing.
 */
export async function planRevisits(
  tx: Tx,
  actor: Actor,
  campaignId: string,
  now = new Date(),
): Promise<RevisitResult> {
  const tenantId = actor.tenantId;
  const campaign = await requireCampaign(tx, tenantId, campaignId, true);
  const tomorrow = nextDay(isoDay(now));
  const teams = await teamsOf(tx, tenantId, campaignId);
  const shifts = await tx
    .select()
    .from(outreachShifts)
    .where(and(eq(outreachShifts.tenantId, tenantId), eq(outreachShifts.campaignId, campaignId)))
    .orderBy(asc(outreachShifts.day), asc(outreachShifts.startMinute));
  const shiftById = new Map(shifts.map((s) => [s.id, s]));
  const coming = shifts.filter((s) => s.day >= tomorrow && s.day <= campaign.endsOn);
  const doors = await tx
    .select()
    .from(outreachDoors)
    .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.campaignId, campaignId)));
  const doorById = new Map(doors.map((d) => [d.id, d]));
  const groupOf = (shift: ShiftRow) => (teams.length === 0 ? '*' : (shift.teamId ?? '-'));

  // Which "not home" doors wait for a new try, and on which day each can first be tried.
  const waiting: { door: DoorRow; key: string; days: string[] }[] = [];
  const leftOut = new Map<string, string>();
  for (const door of doors) {
    if (door.state !== 'not_home' || door.attempts >= MAX_ATTEMPTS || door.lat == null) continue;
    const current = door.shiftId ? shiftById.get(door.shiftId) : undefined;
    const lastDay = door.lastVisitAt ? isoDay(door.lastVisitAt) : null;
    // Already in a round after the last try: nothing to do.
    if (current && (!lastDay || current.day > lastDay)) continue;
    const team = teamForDoor(teams, door.neighbourhoodId);
    if (team === undefined) continue;
    const key = team?.id ?? '*';
    let earliest = tomorrow;
    for (const day of [lastDay ? nextDay(lastDay) : null, door.retryNotBefore, campaign.startsOn])
      if (day && day > earliest) earliest = day;
    const candidates = coming.filter((s) => groupOf(s) === key && s.day >= earliest);
    if (candidates.length === 0) {
      leftOut.set(door.id, noComingShift);
      continue;
    }
    const fits = candidates.filter((s) =>
      shiftCoversWindow({ start: s.startMinute, end: s.endMinute }, door, campaign.visitMinutes),
    );
    if (fits.length === 0) {
      leftOut.set(door.id, noShiftForRetry);
      continue;
    }
    waiting.push({ door, key, days: [...new Set(fits.map((s) => s.day))] });
  }

  const placed = new Set<string>();
  const daysPlanned = new Set<string>();
  // Day by day, earliest first: a door the day cannot take moves on to its next possible day.
  const allDays = [...new Set(waiting.flatMap((w) => w.days))].sort();
  for (const day of allDays) {
    for (const key of new Set(waiting.map((w) => w.key))) {
      const revisits = waiting.filter((w) => w.key === key && !placed.has(w.door.id) && w.days.includes(day));
      if (revisits.length === 0) continue;
      const dayShifts = coming.filter((s) => s.day === day && groupOf(s) === key);
      const dayIds = new Set(dayShifts.map((s) => s.id));
      // The doors already in these rounds stay in them (pinned); only their order may change.
      const staying = doors.filter(
        (d) =>
          d.shiftId !== null &&
          dayIds.has(d.shiftId) &&
          d.lat != null &&
          (d.state === 'open' || d.state === 'not_home' || d.state === 'unplannable'),
      );
      const planShifts: PlanShift[] = dayShifts.map((s) => ({
        id: s.id,
        start: s.startMinute,
        end: s.endMinute,
        lat: s.startLat,
        lon: s.startLon,
        mode: s.mode,
      }));
      const toPlan = (withRevisits: typeof revisits): PlanDoor[] => [
        ...staying.map((d) => ({
          id: d.id,
          lat: d.lat!,
          lon: d.lon!,
          windowStart: d.windowStart,
          windowEnd: d.windowEnd,
          pinnedShiftId: d.shiftId,
        })),
        ...withRevisits.map(({ door }) => ({
          id: door.id,
          lat: door.lat!,
          lon: door.lon!,
          windowStart: door.windowStart,
          windowEnd: door.windowEnd,
          pinnedShiftId: null,
        })),
      ];
      let { plan } = planGroup(toPlan(revisits), planShifts, campaign.visitMinutes);
      // A door that was already in the round must never be pushed out by a revisit.
      if (staying.some((d) => plan.unassigned.includes(d.id))) {
        const kept = revisits.filter((w) => !plan.unassigned.includes(w.door.id));
        plan = planGroup(toPlan(kept), planShifts, campaign.visitMinutes).plan;
        if (staying.some((d) => plan.unassigned.includes(d.id))) continue;
      }
      const revisitIds = new Set(revisits.map((w) => w.door.id));
      for (const route of plan.routes) {
        for (const [index, stop] of route.stops.entries()) {
          const door = doorById.get(stop.jobId)!;
          const change: Partial<DoorRow> = { seq: index + 1, eta: Math.round(stop.start) };
          if (revisitIds.has(door.id)) {
            placed.add(door.id);
            leftOut.delete(door.id);
            Object.assign(change, {
              shiftId: route.vehicleId,
              previousShiftId: door.shiftId ?? door.previousShiftId,
              reason: null,
              pinned: false,
            });
          }
          await tx
            .update(outreachDoors)
            .set(change)
            .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.id, door.id)));
        }
      }
      if (revisits.some((w) => placed.has(w.door.id))) daysPlanned.add(day);
    }
  }
  for (const w of waiting)
    if (!placed.has(w.door.id))
      leftOut.set(w.door.id, 'the rounds are full: add a shift or widen the visiting time');
  for (const [id, reason] of leftOut) {
    const door = doorById.get(id)!;
    if (door.reason === reason && door.shiftId === null) continue;
    await tx
      .update(outreachDoors)
      .set({
        reason,
        shiftId: null,
        seq: null,
        eta: null,
        previousShiftId: door.shiftId ?? door.previousShiftId,
      })
      .where(and(eq(outreachDoors.tenantId, tenantId), eq(outreachDoors.id, id)));
  }
  const result = { planned: placed.size, waiting: leftOut.size, days: [...daysPlanned].sort() };
  if (placed.size > 0 || leftOut.size > 0)
    await recordAudit(tx, actor, {
      action: 'outreach.revisits_planned',
      recordType: 'outreach_campaign',
      recordId: campaignId,
      details: result,
    });
  return result;
}

/** The job: every running campaign of the municipality with a coming day gets its revisits planned. */
export async function planAllRevisits(tx: Tx, tenantId: string, now = new Date()): Promise<RevisitResult> {
  const actor: Actor = { tenantId, userId: null, label: 'revisit planner' };
  const tomorrow = nextDay(isoDay(now));
  const campaigns = await tx
    .select({ id: outreachCampaigns.id })
    .from(outreachCampaigns)
    .where(
      and(
        eq(outreachCampaigns.tenantId, tenantId),
        gte(outreachCampaigns.endsOn, tomorrow),
        lte(outreachCampaigns.startsOn, campaignsHorizon(now)),
      ),
    );
  const total: RevisitResult = { planned: 0, waiting: 0, days: [] };
  for (const { id } of campaigns) {
    const one = await planRevisits(tx, actor, id, now);
    total.planned += one.planned;
    total.waiting += one.waiting;
    total.days = [...new Set([...total.days, ...one.days])].sort();
  }
  return total;
}

/** Campaigns that start within a year: a campaign further away has no "not home" doors yet. */
const campaignsHorizon = (now: Date) => isoDay(new Date(now.getTime() + 366 * 86_400_000));
