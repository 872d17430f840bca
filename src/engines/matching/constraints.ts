import { distanceKm } from '../geo/distance.ts';
import type { DateRange, HardReason, Need, Volunteer, WeeklySlot } from './types.ts';

const DAY_MS = 86_400_000;

const weekdays = new Map<string, number>();

/** Monday = 0 ... Sunday = 6, for an ISO date (remembered: the same dates come back for every pair). */
export function weekday(isoDate: string): number {
  let day = weekdays.get(isoDate);
  if (day === undefined) {
    day = (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
    if (weekdays.size > 10_000) weekdays.clear();
    weekdays.set(isoDate, day);
  }
  return day;
}

function inRange(isoDate: string, range: DateRange): boolean {
  return isoDate >= range.from && isoDate <= range.to;
}

function isAway(volunteer: Volunteer, isoDate: string): boolean {
  return volunteer.away.some((range) => inRange(isoDate, range));
}

function covers(slot: WeeklySlot, day: number, start: number, end: number): boolean {
  return slot.day === day && slot.start <= start && slot.end >= end;
}

/** The first weekly slot in which the volunteer can do this need, or null when there is none. */
export function firstFreeSlot(volunteer: Volunteer, need: Need): WeeklySlot | null {
  const timing = need.timing;
  if (timing.kind === 'moment') {
    if (isAway(volunteer, timing.date)) return null;
    const day = weekday(timing.date);
    return volunteer.slots.find((slot) => covers(slot, day, timing.start, timing.end)) ?? null;
  }
  if (timing.kind === 'window') {
    // Any day of the window (at most eight weeks looked at) on which the volunteer has a slot.
    const first = Date.parse(`${timing.range.from}T00:00:00Z`);
    const last = Math.min(Date.parse(`${timing.range.to}T00:00:00Z`), first + 56 * DAY_MS);
    for (let t = first; t <= last; t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (isAway(volunteer, date)) continue;
      const slot = volunteer.slots.find((s) => s.day === weekday(date));
      if (slot) return slot;
    }
    return null;
  }
  // Recurring: every slot of the need must fit in one of the volunteer's, and the volunteer must not
  // be away when it starts.
  if (isAway(volunteer, timing.range.from)) return null;
  let first: WeeklySlot | null = null;
  for (const wanted of timing.slots) {
    const slot = volunteer.slots.find((s) => covers(s, wanted.day, wanted.start, wanted.end));
    if (!slot) return null;
    first ??= wanted;
  }
  return first;
}

/** A one-off helper is not asked for weekly help, nor a weekly helper for a one-off errand. */
function commitmentFits(need: Need, volunteer: Volunteer): boolean {
  const commitment = volunteer.commitment ?? 'both';
  if (commitment === 'both') return true;
  return need.timing.kind === 'recurring' ? commitment === 'recurring' : commitment === 'one_off';
}

function hasMeans(need: Need, volunteer: Volunteer): boolean {
  const required = need.requiredMeans;
  return !required?.length || required.some((m) => volunteer.means?.includes(m));
}

/** Every hard constraint the volunteer breaks for this need; empty means the volunteer may take it. */
export function hardReasons(need: Need, volunteer: Volunteer): HardReason[] {
  const reasons: HardReason[] = [];
  if (need.allowedVolunteerIds && !need.allowedVolunteerIds.includes(volunteer.id)) {
    reasons.push({ kind: 'not_picked' });
  }
  if (!volunteer.helpTypes.includes(need.helpType))
    reasons.push({ kind: 'help_type', helpType: need.helpType });
  const missing = need.requiredScreenings.filter((s) => !volunteer.screenings.includes(s));
  if (missing.length > 0) reasons.push({ kind: 'screening', missing });
  if (volunteer.activeMatches >= volunteer.capacity) reasons.push({ kind: 'capacity' });
  const km = distanceKm(volunteer.home, need.location);
  if (km > volunteer.maxDistanceKm) reasons.push({ kind: 'distance', km, maxKm: volunteer.maxDistanceKm });
  if (!firstFreeSlot(volunteer, need)) reasons.push({ kind: 'availability' });
  if (!commitmentFits(need, volunteer)) reasons.push({ kind: 'commitment' });
  if (!hasMeans(need, volunteer)) reasons.push({ kind: 'means', required: need.requiredMeans! });
  if (need.excludedVolunteerIds?.includes(volunteer.id)) reasons.push({ kind: 'asked_before' });
  return reasons;
}

/** The same rules as hardReasons(), cheapest first and stopping at the first: for the bulk solver. */
export function isEligible(need: Need, volunteer: Volunteer): boolean {
  if (!volunteer.helpTypes.includes(need.helpType)) return false;
  if (volunteer.activeMatches >= volunteer.capacity) return false;
  if (need.allowedVolunteerIds && !need.allowedVolunteerIds.includes(volunteer.id)) return false;
  if (!commitmentFits(need, volunteer) || !hasMeans(need, volunteer)) return false;
  if (need.excludedVolunteerIds?.includes(volunteer.id)) return false;
  for (const screening of need.requiredScreenings)
    if (!volunteer.screenings.includes(screening)) return false;
  // A degree of latitude is about 111 km: a cheap bound before the exact distance.
  if (Math.abs(volunteer.home.lat - need.location.lat) * 111 > volunteer.maxDistanceKm) return false;
  if (distanceKm(volunteer.home, need.location) > volunteer.maxDistanceKm) return false;
  return firstFreeSlot(volunteer, need) !== null;
}
