/**
 * Urgency of an early-signal case: a transparent sum of named factors, so every case can show why it
 * ranks where it does. Pure and deterministic: dates come in as ISO strings, "today" is an argument.
 */

export type SignalKind = 'energy' | 'water' | 'rent' | 'eviction_petition' | 'health_insurance' | 'other';
export type PlannedAction = 'none' | 'disconnection' | 'eviction_hearing' | 'other';

export interface UrgencySignal {
  kind: SignalKind;
  amountCents: number;
  plannedAction: PlannedAction;
  /** ISO date (yyyy-mm-dd) of the planned disconnection or hearing. */
  plannedDate: string | null;
}

export interface UrgencyInput {
  signals: UrgencySignal[];
  /** Children (under 18) in the household, when known. */
  children: number;
  /** Other known vulnerabilities staff recorded (e.g. illness, single parent, no income). */
  vulnerabilities: number;
}

export type FactorCode =
  | 'action_soon'
  | 'winter_ban'
  | 'amount'
  | 'signals'
  | 'children'
  | 'vulnerabilities'
  | 'eviction';

export interface UrgencyFactor {
  code: FactorCode;
  points: number;
  /** Values the explanation needs (days, amount in euro, counts), for translation on screen. */
  values: Record<string, string | number>;
}

export interface Urgency {
  score: number;
  /** The nearest planned disconnection or hearing, after the winter ban is taken into account. */
  effectiveActionDate: string | null;
  daysUntilAction: number | null;
  /** A disconnection or hearing within 14 days: deadlines shorten. */
  near: boolean;
  factors: UrgencyFactor[];
}

const DAY = 86_400_000;

function toUtc(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function toIso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY);
}

/** Flemish winter ban on disconnection: from 1 December up to (not including) 1 March. */
export function isInWinterBan(iso: string): boolean {
  const month = Number(iso.slice(5, 7));
  return month === 12 || month === 1 || month === 2;
}

/** The first day a disconnection planned on this date may happen: 1 March when it falls in the ban. */
export function firstAllowedDisconnection(iso: string): string {
  if (!isInWinterBan(iso)) return iso.slice(0, 10);
  const year = Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) === 12 ? 1 : 0);
  return `${year}-03-01`;
}

/** Adds working days (Monday to Friday); public holidays are not counted out. */
export function addWorkingDays(start: Date, days: number): Date {
  const result = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return result;
}

/** Points for time left: 60 when it is today or past, falling to 0 at 60 days. */
function timePoints(days: number): number {
  if (days <= 0) return 60;
  if (days >= 60) return 0;
  return Math.round(60 * (1 - days / 60));
}

/** Points for money owed: logarithmic, so EUR 100 counts and EUR 10,000 does not swamp everything. */
function amountPoints(cents: number): number {
  const euro = Math.max(0, cents) / 100;
  if (euro < 1) return 0;
  return Math.min(25, Math.round(Math.log10(euro) * 6));
}

export const NEAR_DAYS = 14;

/**
 * The nearest planned step and the day it can happen: a disconnection asked for in the winter ban
 * from 1 March on (`banned` says so). The case page and the cases list both count it this way.
 */
export function nearestAction(
  planned: readonly Pick<UrgencySignal, 'plannedAction' | 'plannedDate'>[],
): { date: string; action: PlannedAction; banned: boolean } | null {
  let nearest: { date: string; action: PlannedAction; banned: boolean } | null = null;
  for (const { plannedAction: action, plannedDate } of planned) {
    if (action === 'none' || !plannedDate) continue;
    const banned = action === 'disconnection' && isInWinterBan(plannedDate);
    const date =
      action === 'disconnection' ? firstAllowedDisconnection(plannedDate) : plannedDate.slice(0, 10);
    if (!nearest || date < nearest.date) nearest = { date, action, banned };
  }
  return nearest;
}

export function scoreUrgency(input: UrgencyInput, today: string): Urgency {
  const factors: UrgencyFactor[] = [];
  const nearest = nearestAction(input.signals);
  let daysUntilAction: number | null = null;
  if (nearest) {
    daysUntilAction = daysBetween(today, nearest.date);
    factors.push({
      code: 'action_soon',
      points: timePoints(daysUntilAction),
      values: { days: daysUntilAction, action: nearest.action, date: nearest.date },
    });
    if (nearest.banned) factors.push({ code: 'winter_ban', points: 0, values: { date: nearest.date } });
  }
  if (input.signals.some((s) => s.kind === 'eviction_petition' || s.plannedAction === 'eviction_hearing')) {
    factors.push({ code: 'eviction', points: 15, values: {} });
  }
  const totalCents = input.signals.reduce((sum, s) => sum + Math.max(0, s.amountCents), 0);
  factors.push({
    code: 'amount',
    points: amountPoints(totalCents),
    values: { euro: Math.round(totalCents / 100) },
  });
  const count = input.signals.length;
  factors.push({ code: 'signals', points: Math.min(20, Math.max(0, count - 1) * 5), values: { count } });
  const children = Math.max(0, input.children);
  factors.push({ code: 'children', points: Math.min(15, children * 5), values: { count: children } });
  const vulnerabilities = Math.max(0, input.vulnerabilities);
  factors.push({
    code: 'vulnerabilities',
    points: Math.min(15, vulnerabilities * 5),
    values: { count: vulnerabilities },
  });
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  return {
    score,
    effectiveActionDate: nearest?.date ?? null,
    daysUntilAction,
    near: daysUntilAction !== null && daysUntilAction <= NEAR_DAYS,
    factors,
  };
}

export interface DeadlineRule {
  /** Working days for the first contact attempt. */
  normal: number;
  /** Working days when a disconnection or hearing is near. */
  urgent: number;
}

/** When the first contact attempt is due. */
export function firstContactDue(received: Date, rule: DeadlineRule, near: boolean): Date {
  return addWorkingDays(received, near ? rule.urgent : rule.normal);
}

export const plusDays = (iso: string, days: number) => toIso(toUtc(iso) + days * DAY);
