import { afterEach, describe, expect, it, vi } from 'vitest';
import { brusselsDay, brusselsNow, brusselsWeekday } from './brussels.ts';
import { birthDateSchema } from './registry.schemas.ts';

describe('brusselsNow', () => {
  it('gives the date and minute on the wall in Brussels, in winter and in summer', () => {
    // Winter, UTC+1: 23:30 UTC on 14 January is 00:30 on 15 January in Genk.
    expect(brusselsNow(new Date('2026-01-14T23:30:00Z'))).toEqual({ date: '2026-01-15', minute: 30 });
    // Summer, UTC+2: 22:15 UTC on 30 June is 00:15 on 1 July.
    expect(brusselsNow(new Date('2026-06-30T22:15:00Z'))).toEqual({ date: '2026-07-01', minute: 15 });
    expect(brusselsNow(new Date('2026-06-30T08:00:00Z'))).toEqual({ date: '2026-06-30', minute: 600 });
  });
});

describe('brusselsDay', () => {
  it('counts days from the day on the wall in Brussels, across the change to summer time', () => {
    // 23:30 UTC on 14 January is already 15 January in Genk.
    expect(brusselsDay(0, new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-15');
    expect(brusselsDay(13, new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-28');
    // 28 March 2026, noon: the clocks go forward that night; two weeks on is still a noon day.
    expect(brusselsDay(14, new Date('2026-03-28T11:00:00Z'))).toBe('2026-04-11');
    // 23:30 in Genk on 28 March, the night the clocks go forward: tomorrow is the 29th, not the 30th.
    expect(brusselsDay(1, new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-29');
  });
});

describe('brusselsWeekday', () => {
  it('finds the next weekday from the day in Brussels', () => {
    // 00:30 on Friday 15 January 2027 in Genk, still Thursday in UTC: next Monday is the 18th.
    const friday = new Date('2027-01-14T23:30:00Z');
    expect(brusselsWeekday(0, 1, friday)).toBe('2027-01-18');
    // Friday itself counts from zero days on; from one day on, the next Friday.
    expect(brusselsWeekday(4, 0, friday)).toBe('2027-01-15');
    expect(brusselsWeekday(4, 1, friday)).toBe('2027-01-22');
  });
});

describe('a birth date "in the future"', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes a baby born just after midnight in Genk, while UTC still says it is yesterday', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-14T23:30:00Z')); // 00:30 on 15 January in Genk
    expect(birthDateSchema.safeParse('2026-01-15').success).toBe(true);
    expect(birthDateSchema.safeParse('2026-01-16').success).toBe(false);
  });
});
