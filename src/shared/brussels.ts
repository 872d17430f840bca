/**
 * The date (yyyy-mm-dd) and the minute of the day (0..1439) of a moment in the city's time zone,
 * Europe/Brussels: "in the past" is judged by the clock on the wall in Genk, not by UTC (just after
 * midnight in Brussels it is still yesterday in UTC). `Intl` knows the summer-time rules; no library.
 */
export function brusselsNow(at: Date = new Date()): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** The day in Brussels `days` days from now (0: today), yyyy-mm-dd: a form's default date. */
export function brusselsDay(days = 0, from: Date = new Date()): string {
  // Calendar days on the date itself: adding 24-hour spans would skip or repeat a day near
  // midnight when the clocks change.
  const day = new Date(`${brusselsNow(from).date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The first day in Brussels at least `afterDays` days from `from` that falls on `weekday` (Monday =
 * 0 … Sunday = 6), yyyy-mm-dd: "next Tuesday" for demo requests and tests.
 */
export function brusselsWeekday(weekday: number, afterDays = 1, from: Date = new Date()): string {
  for (let ahead = afterDays; ; ahead++) {
    const date = brusselsDay(ahead, from);
    if ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7 === weekday) return date;
  }
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}
