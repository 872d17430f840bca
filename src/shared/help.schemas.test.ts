import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dateRangeSchema,
  helpMessages,
  needTimingSchema,
  publicNeedInputSchema,
  requesterSchema,
  volunteerProfileInputSchema,
  weekdayInRange,
} from './help.schemas.ts';

/** The fields and messages of a failed parse, "path: message". */
function problems(
  schema: { safeParse(value: unknown): { success: boolean; error?: unknown } },
  value: unknown,
) {
  const result = schema.safeParse(value) as {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
  return result.success
    ? []
    : result.error!.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

/** Pretend the wall clock says this (a UTC instant). */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

/** A volunteer's profile that passes, to change one field at a time. */
const aProfile = {
  phone: null,
  helpTypes: ['errands'],
  languages: ['nl'],
  homeAreaId: '00000000-0000-4000-8000-000000000000',
  maxDistanceKm: 5,
  commitment: 'both',
  slots: [],
  away: [],
  means: ['bike'],
  capacity: 2,
  wantsCoaching: false,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a moment in the past', () => {
  it('refuses yesterday just after midnight in Brussels, while UTC still says it is yesterday', () => {
    at('2026-01-14T23:30:00Z'); // 00:30 on 15 January in Genk
    expect(problems(needTimingSchema, { kind: 'moment', date: '2026-01-14', start: 600, end: 660 })).toEqual([
      `date: ${helpMessages.inPast}`,
    ]);
    expect(problems(needTimingSchema, { kind: 'moment', date: '2026-01-15', start: 600, end: 660 })).toEqual(
      [],
    );
  });

  it('refuses a start earlier today, accepts one now or later', () => {
    at('2026-06-30T08:00:00Z'); // 10:00 in Genk
    const today = (start: number) => ({ kind: 'moment', date: '2026-06-30', start, end: start + 60 });
    expect(problems(needTimingSchema, today(9 * 60 + 59))).toEqual([`start: ${helpMessages.timeInPast}`]);
    expect(problems(needTimingSchema, today(0))).toEqual([`start: ${helpMessages.timeInPast}`]);
    expect(problems(needTimingSchema, today(600))).toEqual([]);
    expect(problems(needTimingSchema, today(14 * 60))).toEqual([]);
    // Tomorrow, any hour.
    expect(problems(needTimingSchema, { kind: 'moment', date: '2026-07-01', start: 0, end: 60 })).toEqual([]);
  });

  it('refuses a window or a weekly request that ended yesterday in Brussels', () => {
    at('2026-01-14T23:30:00Z'); // 15 January in Genk
    const ended = { from: '2026-01-10', to: '2026-01-14' };
    expect(problems(needTimingSchema, { kind: 'window', range: ended })).toEqual([
      `range.to: ${helpMessages.inPast}`,
    ]);
    expect(
      problems(needTimingSchema, {
        kind: 'recurring',
        slots: [{ day: 1, start: 600, end: 660 }],
        range: ended,
      }),
    ).toEqual([`range.to: ${helpMessages.inPast}`]);
    expect(
      problems(needTimingSchema, { kind: 'window', range: { from: '2026-01-10', to: '2026-01-15' } }),
    ).toEqual([]);
  });
});

describe('a date range', () => {
  it('spans at most one year, told beside the last day', () => {
    expect(problems(dateRangeSchema, { from: '2026-03-10', to: '2027-03-10' })).toEqual([]);
    expect(problems(dateRangeSchema, { from: '2026-03-10', to: '2027-03-11' })).toEqual([
      `to: ${helpMessages.rangeTooLong}`,
    ]);
    expect(problems(dateRangeSchema, { from: '2026-03-10', to: '2062-03-10' })).toEqual([
      `to: ${helpMessages.rangeTooLong}`,
    ]);
    // From 29 February, a year later ends on 28 February.
    expect(problems(dateRangeSchema, { from: '2028-02-29', to: '2029-02-28' })).toEqual([]);
    expect(problems(dateRangeSchema, { from: '2028-02-29', to: '2029-03-01' })).toEqual([
      `to: ${helpMessages.rangeTooLong}`,
    ]);
    // The order is still checked first.
    expect(problems(dateRangeSchema, { from: '2026-03-10', to: '2026-03-09' })).toEqual([
      `to: ${helpMessages.rangeOrder}`,
    ]);
  });

  it('limits windows, weekly requests and time away alike', () => {
    at('2026-01-14T12:00:00Z');
    const long = { from: '2026-02-01', to: '2027-06-01' };
    expect(problems(needTimingSchema, { kind: 'window', range: long })).toEqual([
      `range.to: ${helpMessages.rangeTooLong}`,
    ]);
    expect(
      problems(needTimingSchema, {
        kind: 'recurring',
        slots: [{ day: 1, start: 600, end: 660 }],
        range: long,
      }),
    ).toEqual([`range.to: ${helpMessages.rangeTooLong}`]);
    const profile = { ...aProfile, away: [long] };
    expect(problems(volunteerProfileInputSchema, profile)).toEqual([
      `away.0.to: ${helpMessages.rangeTooLong}`,
    ]);
    expect(
      problems(volunteerProfileInputSchema, { ...profile, away: [{ from: '2026-02-01', to: '2026-03-01' }] }),
    ).toEqual([]);
  });
});

describe('when help can take place', () => {
  it('finds a weekday (0 = Monday) between the first and last day, both included', () => {
    // 2026-12-07 is a Monday, 2026-12-11 a Friday.
    const monToFri = { from: '2026-12-07', to: '2026-12-11' };
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => weekdayInRange(day, monToFri))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    // Friday to Monday wraps over the weekend.
    const friToMon = { from: '2026-12-11', to: '2026-12-14' };
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => weekdayInRange(day, friToMon))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(weekdayInRange(3, { from: '2026-12-07', to: '2026-12-07' })).toBe(false);
    expect(weekdayInRange(3, { from: '2026-12-07', to: '2026-12-13' })).toBe(true);
  });

  it('refuses weekly help whose days never fall within its dates, beside the days', () => {
    at('2026-12-04T10:00:00Z');
    const weekly = (day: number) => ({
      kind: 'recurring',
      slots: [{ day, start: 600, end: 660 }],
      range: { from: '2026-12-07', to: '2026-12-08' },
    });
    expect(problems(needTimingSchema, weekly(4))).toEqual([`slots.0.day: ${helpMessages.noDayInRange}`]);
    expect(problems(needTimingSchema, weekly(1))).toEqual([]);
    // Each day is named: the volunteer must be free on every one.
    const twoDays = { ...weekly(0), slots: [weekly(0).slots[0], { day: 4, start: 600, end: 660 }] };
    expect(problems(needTimingSchema, twoDays)).toEqual([`slots.1.day: ${helpMessages.noDayInRange}`]);
  });

  it('counts from today when the first day has gone by', () => {
    at('2026-12-04T10:00:00Z'); // a Friday
    const weekly = (day: number) => ({
      kind: 'recurring',
      slots: [{ day, start: 600, end: 660 }],
      range: { from: '2026-11-30', to: '2026-12-05' },
    });
    expect(problems(needTimingSchema, weekly(1))).toEqual([`slots.0.day: ${helpMessages.noDayInRange}`]);
    expect(problems(needTimingSchema, weekly(5))).toEqual([]);
  });

  it('takes a window or weekly help starting at most a year ahead', () => {
    at('2026-12-04T10:00:00Z');
    const window = (from: string, to: string) => ({ kind: 'window', range: { from, to } });
    expect(problems(needTimingSchema, window('2027-12-04', '2027-12-10'))).toEqual([]);
    expect(problems(needTimingSchema, window('2099-01-01', '2099-02-01'))).toEqual([
      `range.from: ${helpMessages.tooFarAhead}`,
    ]);
  });

  it('takes one moment at most a year ahead', () => {
    at('2026-12-04T10:00:00Z');
    const on = (date: string) => ({ kind: 'moment', date, start: 600, end: 660 });
    expect(problems(needTimingSchema, on('2027-12-04'))).toEqual([]);
    expect(problems(needTimingSchema, on('2027-12-05'))).toEqual([`date: ${helpMessages.tooFarAhead}`]);
    expect(problems(needTimingSchema, on('2099-05-01'))).toEqual([`date: ${helpMessages.tooFarAhead}`]);
  });
});

describe('phone numbers', () => {
  const profile = aProfile;

  it('refuses a number nobody could ring, wherever one is asked', () => {
    expect(problems(requesterSchema, { name: 'Meneer K.', phone: 'abc' })).toEqual([
      `phone: ${helpMessages.phoneShort}`,
    ]);
    expect(problems(volunteerProfileInputSchema, { ...profile, phone: ' 12 ' })).toEqual([
      `phone: ${helpMessages.phoneShort}`,
    ]);
    expect(problems(publicNeedInputSchema.shape.phone, '0470')).toEqual([`: ${helpMessages.phoneShort}`]);
  });

  it('leaves an optional number out, and takes a whole one', () => {
    expect(problems(requesterSchema, { name: 'Meneer K.' })).toEqual([]);
    expect(problems(requesterSchema, { name: 'Meneer K.', phone: '089 00 00 00' })).toEqual([]);
    expect(problems(volunteerProfileInputSchema, { ...profile, phone: null })).toEqual([]);
    expect(problems(volunteerProfileInputSchema, { ...profile, phone: '+32 470 12 34 56' })).toEqual([]);
  });
});
