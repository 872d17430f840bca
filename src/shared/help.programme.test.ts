import { describe, expect, it } from 'vitest';
import { firstHelpDay, helpProgrammeName, mostMinutesSince } from './help.programme.ts';

describe('the rules of Genk Helpt shared by the server and the web app', () => {
  it('names the programme after its municipality', () => {
    expect(helpProgrammeName('Genk')).toBe('Genk Helpt');
    expect(helpProgrammeName(null)).toBe('Samen Helpt');
  });

  it("takes a moment's day, or the first day of a window or weekly help", () => {
    expect(firstHelpDay({ kind: 'moment', date: '2026-12-08' })).toBe('2026-12-08');
    expect(firstHelpDay({ kind: 'window', range: { from: '2026-12-01' } })).toBe('2026-12-01');
    expect(firstHelpDay({ kind: 'recurring', range: { from: '2026-11-30' } })).toBe('2026-11-30');
    expect(firstHelpDay({ kind: 'moment' })).toBeNull();
  });

  it('allows 12 hours for each day from the first day up to today, and one day at least', () => {
    expect(mostMinutesSince({ kind: 'moment', date: '2026-12-04' }, '2026-12-04')).toBe(720);
    expect(mostMinutesSince({ kind: 'window', range: { from: '2026-12-01' } }, '2026-12-04')).toBe(4 * 720);
    // Help whose first day is still to come (the form is shown early): one day's time, not less.
    expect(mostMinutesSince({ kind: 'moment', date: '2026-12-10' }, '2026-12-04')).toBe(720);
    expect(mostMinutesSince({ kind: 'moment' }, '2026-12-04')).toBe(720);
    // Sessions logged on the same help count against the limit.
    expect(mostMinutesSince({ kind: 'moment', date: '2026-12-04' }, '2026-12-04', 700)).toBe(20);
    expect(mostMinutesSince({ kind: 'moment', date: '2026-12-04' }, '2026-12-04', 800)).toBe(0);
  });
});
