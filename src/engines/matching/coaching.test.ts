import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignCohort,
  type CoachingFamily,
  type CoachProfile,
  coachHardReasons,
  coachingEdgeCost,
  coachingUnassignedCost,
  explainCoach,
  explainNoCoach,
  rankCoaches,
  scoreCoach,
} from './index.ts';

const genk = { lat: 50.965, lon: 5.5 };
const near = (dLat: number, dLon = 0) => ({ lat: genk.lat + dLat, lon: genk.lon + dLon });

const family = (over: Partial<CoachingFamily> = {}): CoachingFamily => ({
  id: 'f1',
  location: genk,
  languages: ['tr'],
  sharedBackground: null,
  interests: [],
  genderPreference: null,
  ...over,
});

const coach = (over: Partial<CoachProfile> = {}): CoachProfile => ({
  id: 'c1',
  languages: ['nl'],
  background: null,
  interests: [],
  home: near(0.01),
  maxDistanceKm: 5,
  gender: null,
  missingSessions: [],
  screened: true,
  capacity: 2,
  activeFamilies: 0,
  ...over,
});

describe('coaching matchmaking rules', () => {
  it('never proposes an untrained, unscreened, full or far-away coach, and says why', () => {
    const f = family();
    expect(coachHardReasons(f, coach({ missingSessions: ['boundaries'] }))[0]).toMatchObject({
      kind: 'not_trained',
    });
    expect(coachHardReasons(f, coach({ screened: false })).map((r) => r.kind)).toEqual(['not_screened']);
    expect(coachHardReasons(f, coach({ capacity: 1, activeFamilies: 1 })).map((r) => r.kind)).toEqual([
      'capacity',
    ]);
    expect(coachHardReasons(f, coach({ home: near(0.2) })).map((r) => r.kind)).toEqual(['distance']);
    const ranking = rankCoaches(f, [coach({ id: 'a', screened: false }), coach({ id: 'b', capacity: 0 })]);
    expect(ranking.proposals).toEqual([]);
    expect(explainNoCoach(ranking.blocking, 'nl')).toBe(
      'Geen coach past: 1× is nog niet gescreend; 1× heeft geen plaats meer',
    );
  });

  it('prefers a shared language, then the background asked for, nearness, interests and gender', () => {
    const f = family({
      sharedBackground: 'Turks-Belgisch',
      interests: ['voetbal'],
      genderPreference: 'female',
    });
    const turkish = coach({ id: 'tr', languages: ['nl', 'tr'], home: near(0.03) });
    const dutch = coach({ id: 'nl', home: near(0.001) });
    expect(rankCoaches(f, [dutch, turkish]).proposals[0]!.coachId).toBe('tr');
    const same = coach({
      id: 'bg',
      languages: ['tr'],
      background: 'turks-belgisch ',
      interests: ['Voetbal'],
      gender: 'female',
    });
    const best = scoreCoach(f, same);
    expect(best.reasons.map((r) => r.kind)).toEqual([
      'language',
      'background',
      'distance',
      'interest',
      'gender',
    ]);
    expect(explainCoach(best.reasons, 'nl')).toMatch(
      /^spreekt Turks, deelt de achtergrond die het gezin vroeg, 1,1 km verderop, deelt interesse in voetbal, een vrouw, zoals het gezin vroeg$/,
    );
    expect(explainCoach(best.reasons, 'en')).toContain('speaks Turkish');
    expect(explainCoach(best.reasons, 'fr')).toContain('parle turc');
  });

  it('assigns a cohort within capacities, as many families as possible', () => {
    const families = [family({ id: 'a' }), family({ id: 'b', languages: ['nl'] }), family({ id: 'c' })];
    const coaches = [coach({ id: 'x', languages: ['tr'], capacity: 1 }), coach({ id: 'y', capacity: 1 })];
    const result = assignCohort(families, coaches);
    expect(result.proposals).toHaveLength(2);
    expect(result.unassigned).toHaveLength(1);
    const byFamily = new Map(result.proposals.map((p) => [p.familyId, p.coachId]));
    expect(byFamily.get('b')).toBe('y');
  });

  it('is exact: the pruned solve costs the same as trying every assignment (small cases)', () => {
    const arb = fc.record({
      families: fc.array(
        fc.record({
          lat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
          tr: fc.boolean(),
          interest: fc.constantFrom('voetbal', 'koken', 'lezen'),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      coaches: fc.array(
        fc.record({
          lat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
          tr: fc.boolean(),
          interest: fc.constantFrom('voetbal', 'koken', 'lezen'),
          capacity: fc.integer({ min: 0, max: 2 }),
          reach: fc.integer({ min: 1, max: 6 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ families: fs, coaches: cs }) => {
        const families = fs.map((f, i) =>
          family({
            id: `f${i}`,
            location: near(f.lat),
            languages: f.tr ? ['tr'] : ['nl'],
            interests: [f.interest],
          }),
        );
        const coaches = cs.map((c, i) =>
          coach({
            id: `c${i}`,
            home: near(c.lat),
            languages: c.tr ? ['tr', 'nl'] : ['nl'],
            interests: [c.interest],
            capacity: c.capacity,
            maxDistanceKm: c.reach,
          }),
        );
        const result = assignCohort(families, coaches);
        // Brute force over every way to give each family a coach or none.
        const cost = (f: CoachingFamily, c: CoachProfile) =>
          coachHardReasons(f, c).length ? null : coachingEdgeCost(scoreCoach(f, c));
        const left = coaches.map((c) => c.capacity);
        const none = coachingUnassignedCost(families.length);
        let best = Number.POSITIVE_INFINITY;
        const walk = (i: number, total: number) => {
          if (i === families.length) {
            best = Math.min(best, total);
            return;
          }
          walk(i + 1, total + none);
          coaches.forEach((c, j) => {
            const edge = cost(families[i]!, c);
            if (edge === null || left[j]! <= 0) return;
            left[j]!--;
            walk(i + 1, total + edge);
            left[j]!++;
          });
        };
        walk(0, 0);
        expect(result.totalCost).toBe(best);
      }),
      { numRuns: 200 },
    );
  });
});
