/**
 * The server's clock. Services that reason about "how long ago" (the coaching alerts: no meeting
 * for 30 days, a trajectory ending within 60 days) ask this clock instead of `new Date()`, so a
 * demo or a browser test can move time forward. Only the dev route `POST /api/dev/clock` moves it,
 * and that route exists only in demo mode outside production (see system.routes.ts); in
 * production the offset is always zero. The offset is per process and is not stored.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's date in the city's time zone, yyyy-mm-dd. */
export function today(at: Date = now()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The date `days` after (or before, when negative) an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { daysBetween } from '../shared/brussels.ts';

export function setClockOffsetDays(days: number): void {
  offsetMs = days * 86_400_000;
}

export function clockOffsetDays(): number {
  return offsetMs / 86_400_000;
}
