/**
 * What the server and the web app both need to know of Genk Helpt, without the schemas beside it,
 * so the web app can use it without loading zod: the programme's name, and the rules of the hours.
 */
import { daysBetween } from './brussels.ts';

/** A municipality's name for its volunteer help ("Genk Helpt", "As Helpt"): in the app and its e-mails. */
export const helpProgrammeName = (municipality: string | null | undefined) =>
  municipality ? `${municipality} Helpt` : 'Samen Helpt';

/** The most time one volunteer gives on one day, over all their matches: 12 hours. */
export const HELP_DAY_MINUTES = 720;

/** A request's timing as far as its first day goes (the stored jsonb, or the engine's NeedTiming). */
export interface TimingDays {
  kind: string;
  date?: string;
  range?: { from: string };
}

/**
 * The first day help can be given: the moment's day, or the first day of a window or weekly help;
 * null for a timing without one. Time is logged from that day on.
 */
export function firstHelpDay(timing: TimingDays): string | null {
  return (timing.kind === 'moment' ? timing.date : timing.range?.from) ?? null;
}

/**
 * The most minutes that can be reported when closing help: 12 hours for each day from the help's
 * first day up to `today` (both counted), and at least one day's, less the minutes already logged
 * session by session on the same help.
 */
export function mostMinutesSince(timing: TimingDays, today: string, logged = 0): number {
  const first = firstHelpDay(timing) ?? today;
  return Math.max(0, HELP_DAY_MINUTES * Math.max(1, daysBetween(first, today) + 1) - logged);
}
