import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEligible } from './constraints.ts';
import {
  assignAll,
  explain,
  explainNoCandidate,
  hardReasons,
  rankCandidates,
  scoreProposal,
  unassignedCost,
} from './index.ts';
import type { Need, Volunteer } from './types.ts';

const genk = { lat: 50.9655, lon: 5.5006 };

function volunteer(id: string, over: Partial<Volunteer> = {}): Volunteer {
  return {
    id,
    helpTypes: ['errands', 'company'],
    languages: ['nl'],
    home: genk,
    maxDistanceKm: 5,
    slots: [{ day: 1, start: 18 * 60, end: 21 * 60 }],
    away: [],
    screenings: ['intake'],
    capacity: 2,
    activeMatches: 0,
    helpedHouseholds: [],
    recentMatches: 0,
    ...over,
  };
}

function need(id: string, over: Partial<Need> = {}): Need {
  return {
    id,
    helpType: 'errands',
    householdId: `h-${id}`,
    location: { lat: 50.9655, lon: 5.5177 },
    // 2026-12-01 is a Tuesday (day 1).
    timing: { kind: 'moment', date: '2026-12-01', start: 19 * 60, end: 20 * 60 },
    languages: [],
    requiredScreenings: [],
    urgency: 'normal',
    ...over,
  };
}

describe('one need: the best candidates', () => {
  it('explains a proposal in plain words', () => {
    const ranking = rankCandidates(need('n1', { languages: ['tr'] }), [
      volunteer('ayse', { languages: ['nl', 'tr'] }),
      volunteer('jan'),
    ]);
    expect(ranking.proposals.map((p) => p.volunteerId)).toEqual(['ayse', 'jan']);
    expect(explain(ranking.proposals[0]!.reasons, 'nl')).toBe(
      'spreekt Turks, 1,2 km verderop, vrij op dinsdagavond, heeft nu geen andere hulpvraag',
    );
    expect(explain(ranking.proposals[0]!.reasons, 'en')).toMatch(
      /^speaks Turkish, 1\.2 km away, free on Tuesday evenings/,
    );
  });

  it('says why no one fits', () => {
    const far = { lat: 51.2, lon: 4.4 };
    const ranking = rankCandidates(need('n1', { languages: ['ar'] }), [
      volunteer('a', { languages: ['ar'], home: far }),
      volunteer('b', { helpTypes: ['company'] }),
    ]);
    expect(ranking.proposals).toEqual([]);
    expect(ranking.summary).toMatchObject({ speakers: 1, speakersInReach: 0 });
    expect(explainNoCandidate(ranking.summary, ['ar'], 'nl')).toMatch(
      /^Geen vrijwilliger past: niemand die Arabisch spreekt woont dichtbij genoeg/,
    );
  });

  it('applies each hard constraint', () => {
    const n = need('n1', { requiredScreenings: ['good_conduct_children'] });
    expect(hardReasons(n, volunteer('v')).map((r) => r.kind)).toEqual(['screening']);
    expect(hardReasons(need('n2', { helpType: 'rides' }), volunteer('v')).map((r) => r.kind)).toEqual([
      'help_type',
    ]);
    expect(hardReasons(need('n3'), volunteer('v', { activeMatches: 2 })).map((r) => r.kind)).toEqual([
      'capacity',
    ]);
    expect(
      hardReasons(need('n4'), volunteer('v', { away: [{ from: '2026-11-30', to: '2026-12-05' }] })).map(
        (r) => r.kind,
      ),
    ).toEqual(['availability']);
    expect(
      hardReasons(need('n5', { allowedVolunteerIds: ['w'] }), volunteer('v')).map((r) => r.kind),
    ).toEqual(['not_picked']);
  });

  it('prefers the volunteer who helped this household before', () => {
    const n = need('n1');
    const before = scoreProposal(n, volunteer('a', { helpedHouseholds: ['h-n1'] }));
    const stranger = scoreProposal(n, volunteer('b'));
    expect(before.score).toBeGreaterThan(stranger.score);
    expect(explain(before.reasons)).toContain('hielp dit gezin al eerder');
  });
});

// Random small instances around Genk for the properties.
const helpTypes = ['errands', 'rides', 'company'];
const arbVolunteer = (id: string) =>
  fc
    .record({
      helpTypes: fc.subarray(helpTypes, { minLength: 1 }),
      languages: fc.subarray(['nl', 'tr', 'ar', 'it'], { minLength: 1 }),
      dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      maxDistanceKm: fc.integer({ min: 1, max: 8 }),
      days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
      screened: fc.boolean(),
      capacity: fc.integer({ min: 1, max: 2 }),
      activeMatches: fc.integer({ min: 0, max: 1 }),
      recentMatches: fc.integer({ min: 0, max: 4 }),
    })
    .map(
      (r): Volunteer => ({
        id,
        helpTypes: r.helpTypes,
        languages: r.languages,
        home: { lat: genk.lat + r.dLat, lon: genk.lon + r.dLon },
        maxDistanceKm: r.maxDistanceKm,
        slots: r.days.map((day) => ({ day, start: 9 * 60, end: 21 * 60 })),
        away: [],
        screenings: r.screened ? ['intake', 'good_conduct_children'] : ['intake'],
        capacity: r.capacity,
        activeMatches: r.activeMatches,
        helpedHouseholds: [],
        recentMatches: r.recentMatches,
      }),
    );
const arbNeed = (id: string) =>
  fc
    .record({
      helpType: fc.constantFrom(...helpTypes),
      languages: fc.subarray(['nl', 'tr', 'ar', 'it'], { maxLength: 2 }),
      dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      date: fc.constantFrom('2026-11-30', '2026-12-01', '2026-12-02', '2026-12-05'),
      children: fc.boolean(),
      urgency: fc.constantFrom('low' as const, 'normal' as const, 'high' as const),
    })
    .map(
      (r): Need => ({
        id,
        helpType: r.helpType,
        householdId: `h-${id}`,
        location: { lat: genk.lat + r.dLat, lon: genk.lon + r.dLon },
        timing: { kind: 'moment', date: r.date, start: 10 * 60, end: 11 * 60 },
        languages: r.languages,
        requiredScreenings: r.children ? ['good_conduct_children'] : [],
        urgency: r.urgency,
      }),
    );
const instance = (maxNeeds: number, maxVolunteers: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxNeeds }), fc.integer({ min: 1, max: maxVolunteers }))
    .chain(([n, m]) =>
      fc.tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => arbNeed(`n${i}`))),
        fc.tuple(...Array.from({ length: m }, (_, j) => arbVolunteer(`v${j}`))),
      ),
    );

/** The least cost over every way to give each need a volunteer or none. */
function bruteForceCost(needs: Need[], volunteers: Volunteer[]): number {
  const free = volunteers.map((v) => Math.max(0, v.capacity - v.activeMatches));
  let best = Number.POSITIVE_INFINITY;
  const walk = (i: number, cost: number) => {
    if (cost >= best) return;
    if (i === needs.length) {
      best = cost;
      return;
    }
    const n = needs[i]!;
    walk(i + 1, cost + unassignedCost(needs.length, n.urgency));
    volunteers.forEach((v, j) => {
      if (free[j]! <= 0 || hardReasons(n, v).length > 0) return;
      free[j]! -= 1;
      walk(i + 1, cost + 100 - scoreProposal(n, v).score);
      free[j]! += 1;
    });
  };
  walk(0, 0);
  return best;
}

function costOf(result: ReturnType<typeof assignAll>, needs: Need[]): number {
  const unassigned = needs.filter((n) => result.unassigned.includes(n.id));
  return (
    result.proposals.reduce((sum, p) => sum + 100 - p.score, 0) +
    unassigned.reduce((sum, n) => sum + unassignedCost(needs.length, n.urgency), 0)
  );
}

describe('all open needs at once', () => {
  it('never breaks a hard constraint or a capacity', () => {
    fc.assert(
      fc.property(instance(8, 6), ([needs, volunteers]) => {
        const result = assignAll(needs, volunteers);
        const load = new Map<string, number>();
        for (const p of result.proposals) {
          const n = needs.find((x) => x.id === p.needId)!;
          const v = volunteers.find((x) => x.id === p.volunteerId)!;
          expect(hardReasons(n, v)).toEqual([]);
          load.set(v.id, (load.get(v.id) ?? 0) + 1);
        }
        for (const v of volunteers)
          expect(load.get(v.id) ?? 0).toBeLessThanOrEqual(v.capacity - v.activeMatches);
        expect(result.proposals.length + result.unassigned.length).toBe(needs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('equals brute force on small instances', () => {
    fc.assert(
      fc.property(instance(5, 4), ([needs, volunteers]) => {
        expect(costOf(assignAll(needs, volunteers), needs)).toBe(bruteForceCost(needs, volunteers));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer for the same input, in any order', () => {
    fc.assert(
      fc.property(instance(8, 6), fc.integer(), ([needs, volunteers], seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        expect(assignAll(shuffle(needs), shuffle(volunteers))).toEqual(assignAll(needs, volunteers));
      }),
      { numRuns: 100 },
    );
  });

  it('never drops a need to raise the total score', () => {
    // One volunteer, two needs: the close one scores higher, but both can be helped by two volunteers.
    const needs = [need('close'), need('far', { location: { lat: 50.99, lon: 5.5 } })];
    const volunteers = [
      volunteer('a', { capacity: 1, maxDistanceKm: 8 }),
      volunteer('b', { capacity: 1, maxDistanceKm: 8 }),
    ];
    const result = assignAll(needs, volunteers);
    expect(result.unassigned).toEqual([]);
    expect(result.proposals).toHaveLength(2);
  });

  it('keeps the urgent need when not every need can be helped', () => {
    const needs = [need('a-low', { urgency: 'low' }), need('b-high', { urgency: 'high' })];
    const result = assignAll(needs, [volunteer('v', { capacity: 1 })]);
    expect(result.proposals.map((p) => p.needId)).toEqual(['b-high']);
    expect(result.unassigned).toEqual(['a-low']);
  });
});

describe('the bulk eligibility check', () => {
  it('agrees with the explained hard constraints', () => {
    fc.assert(
      fc.property(instance(4, 4), ([needs, volunteers]) => {
        for (const n of needs) {
          for (const v of volunteers) expect(isEligible(n, v)).toBe(hardReasons(n, v).length === 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
