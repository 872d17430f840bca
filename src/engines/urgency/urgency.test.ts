import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  firstAllowedDisconnection,
  isInWinterBan,
  plusDays,
  scoreUrgency,
  type UrgencyInput,
  type UrgencySignal,
} from './urgency.ts';

const TODAY = '2026-10-01';
const isoDate = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => plusDays('2025-06-01', offset));
const signal: fc.Arbitrary<UrgencySignal> = fc.record({
  kind: fc.constantFrom('energy', 'water', 'rent', 'eviction_petition', 'health_insurance', 'other'),
  amountCents: fc.integer({ min: 0, max: 5_000_000 }),
  plannedAction: fc.constantFrom('none', 'disconnection', 'eviction_hearing', 'other'),
  plannedDate: fc.option(isoDate, { nil: null }),
});
const input: fc.Arbitrary<UrgencyInput> = fc.record({
  signals: fc.array(signal, { minLength: 1, maxLength: 6 }),
  children: fc.integer({ min: 0, max: 8 }),
  vulnerabilities: fc.integer({ min: 0, max: 5 }),
});

describe('urgency score', () => {
  it('is the sum of its explained factors, never negative, and deterministic', () => {
    fc.assert(
      fc.property(input, (value) => {
        const result = scoreUrgency(value, TODAY);
        expect(result.score).toBe(result.factors.reduce((sum, f) => sum + f.points, 0));
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(scoreUrgency(value, TODAY)).toEqual(result);
      }),
    );
  });

  it('never falls when more is owed, more children live there or more vulnerabilities are known', () => {
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (value, extra, more) => {
          const base = scoreUrgency(value, TODAY).score;
          const [first, ...rest] = value.signals;
          const richer = {
            ...value,
            signals: [{ ...first!, amountCents: first!.amountCents + extra }, ...rest],
          };
          expect(scoreUrgency(richer, TODAY).score).toBeGreaterThanOrEqual(base);
          expect(
            scoreUrgency({ ...value, children: value.children + more }, TODAY).score,
          ).toBeGreaterThanOrEqual(base);
          expect(
            scoreUrgency({ ...value, vulnerabilities: value.vulnerabilities + more }, TODAY).score,
          ).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });

  it('never falls when another signal arrives', () => {
    fc.assert(
      fc.property(input, signal, (value, another) => {
        const base = scoreUrgency(value, TODAY).score;
        expect(
          scoreUrgency({ ...value, signals: [...value.signals, another] }, TODAY).score,
        ).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('ranks a hearing that comes sooner at least as high', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 100_000 }),
        (date, later, cents) => {
          const at = (plannedDate: string) =>
            scoreUrgency(
              {
                signals: [
                  { kind: 'rent', amountCents: cents, plannedAction: 'eviction_hearing', plannedDate },
                ],
                children: 0,
                vulnerabilities: 0,
              },
              TODAY,
            ).score;
          expect(at(date)).toBeGreaterThanOrEqual(at(plusDays(date, later)));
        },
      ),
    );
  });

  it('never counts a disconnection inside the winter ban before 1 March', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const allowed = firstAllowedDisconnection(date);
        expect(isInWinterBan(allowed)).toBe(false);
        expect(allowed >= date.slice(0, 10)).toBe(true);
        const result = scoreUrgency(
          {
            signals: [
              { kind: 'energy', amountCents: 10_000, plannedAction: 'disconnection', plannedDate: date },
            ],
            children: 0,
            vulnerabilities: 0,
          },
          TODAY,
        );
        expect(result.effectiveActionDate).toBe(allowed);
        expect(result.factors.some((f) => f.code === 'winter_ban')).toBe(isInWinterBan(date));
      }),
    );
  });

  it('knows the ban runs from 1 December up to 1 March', () => {
    expect(isInWinterBan('2026-11-30')).toBe(false);
    expect(isInWinterBan('2026-12-01')).toBe(true);
    expect(isInWinterBan('2027-02-28')).toBe(true);
    expect(isInWinterBan('2027-03-01')).toBe(false);
    expect(firstAllowedDisconnection('2026-12-15')).toBe('2027-03-01');
    expect(firstAllowedDisconnection('2027-01-15')).toBe('2027-03-01');
  });

  it('counts working days only', () => {
    // Friday 2 October 2026 plus 1 working day is Monday 5 October.
    expect(addWorkingDays(new Date('2026-10-02T09:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-10-05');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 30 }), (offset, days) => {
        const start = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000);
        const end = addWorkingDays(start, days);
        expect([0, 6]).not.toContain(end.getUTCDay());
        const spanned = Math.round((end.getTime() - start.getTime()) / 86_400_000);
        expect(spanned).toBeGreaterThanOrEqual(days);
        expect(spanned).toBeLessThanOrEqual(days + Math.ceil(days / 5) * 2 + 2);
      }),
    );
  });
});
