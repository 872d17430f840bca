import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shownCounts } from './help.figures.ts';

describe("what Genk Helpt's figures show of one row", () => {
  it('withholds a count that the others shown would give back', () => {
    // 9 requests, 8 with a volunteer: one still waiting, so "with a volunteer" goes.
    expect(shownCounts({ needs: 9, matched: 8, within: 8, noMatch: 0 })).toEqual({
      needs: 9,
      matched: null,
      matchedWithin48h: null,
      noMatch: null,
    });
    // 20 requests, 10 with a volunteer and 9 with none: the one left would be told.
    expect(shownCounts({ needs: 20, matched: 10, within: 5, noMatch: 9 })).toMatchObject({
      matched: 10,
      matchedWithin48h: 5,
      noMatch: null,
    });
    expect(shownCounts({ needs: 20, matched: 10, within: 10, noMatch: 5 })).toEqual({
      needs: 20,
      matched: 10,
      matchedWithin48h: 10,
      noMatch: 5,
    });
  });

  it('never leaves a difference of 1 to 4 between the counts it shows, nor under them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((needs) =>
          fc.integer({ min: 0, max: needs }).chain((matched) =>
            fc.record({
              needs: fc.constant(needs),
              matched: fc.constant(matched),
              within: fc.integer({ min: 0, max: matched }),
              noMatch: fc.integer({ min: 0, max: needs - matched }),
            }),
          ),
        ),
        (counts) => {
          const shown = shownCounts(counts);
          const small = (n: number) => n > 0 && n < 5;
          for (const value of Object.values(shown))
            if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
          const { needs, matched, matchedWithin48h: within, noMatch } = shown;
          const differences: (number | null)[] = [
            needs !== null && matched !== null ? needs - matched : null,
            needs !== null && within !== null ? needs - within : null,
            needs !== null && noMatch !== null ? needs - noMatch : null,
            matched !== null && within !== null ? matched - within : null,
            needs !== null && matched !== null && noMatch !== null ? needs - matched - noMatch : null,
            needs !== null && within !== null && noMatch !== null ? needs - within - noMatch : null,
          ];
          for (const difference of differences)
            if (difference !== null) expect(small(difference)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
