import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Problem, parseSolomon, planProblems, solve } from './index.ts';

/** Random small problems on a grid: a few walkers, a few dozen doors with time windows. */
const arbProblem = fc
  .record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
      minLength: 2,
      maxLength: 25,
    }),
    windows: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 20, max: 300 })), {
      minLength: 25,
      maxLength: 25,
    }),
    vehicles: fc.integer({ min: 1, max: 4 }),
    capacity: fc.integer({ min: 2, max: 10 }),
    pin: fc.boolean(),
  })
  .map(({ points, windows, vehicles, capacity, pin }): Problem => {
    const locations = [[50, 50], ...points];
    const size = locations.length;
    const distance = new Float64Array(size * size);
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++)
        distance[a * size + b] = Math.hypot(
          locations[a]![0]! - locations[b]![0]!,
          locations[a]![1]! - locations[b]![1]!,
        );
    return {
      size,
      distance,
      jobs: points.map((_, i) => ({
        id: `door-${i}`,
        location: i + 1,
        ready: windows[i]![0],
        due: windows[i]![0] + windows[i]![1],
        service: 5,
        demand: 1,
        ...(pin && i === 0 ? { pinnedTo: 'w0' } : {}),
      })),
      vehicles: Array.from({ length: vehicles }, (_, v) => ({
        id: `w${v}`,
        start: 0,
        end: 0,
        shiftStart: 0,
        shiftEnd: 600,
        capacity,
      })),
    };
  });

describe('route planner', () => {
  it('keeps every time window, capacity, shift and pin, and loses no door', () => {
    fc.assert(
      fc.property(arbProblem, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const plan = solve(problem, { seed, iterations: 300 });
        expect(planProblems(problem, plan)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same plan for the same seed', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        expect(solve(problem, { seed: 7, iterations: 200 })).toEqual(
          solve(problem, { seed: 7, iterations: 200 }),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('leaves a door unplanned, not a window broken, when it cannot be reached in time', () => {
    const size = 2;
    const distance = Float64Array.from([0, 500, 500, 0]);
    const plan = solve(
      {
        size,
        distance,
        jobs: [{ id: 'far', location: 1, ready: 0, due: 100, service: 5, demand: 1 }],
        vehicles: [{ id: 'w', start: 0, end: 0, shiftStart: 0, shiftEnd: 2000, capacity: 5 }],
      },
      { iterations: 10 },
    );
    expect(plan.unassigned).toEqual(['far']);
    expect(plan.routes).toEqual([]);
  });

  it('finds the best known distance of Solomon C101 (828.94)', () => {
    const problem = parseSolomon(readFileSync(new URL('./fixtures/C101.txt', import.meta.url), 'utf8'));
    const plan = solve(problem, { seed: 1, iterations: 3000 });
    expect(planProblems(problem, plan)).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(plan.distance).toBeLessThan(828.94 * 1.01);
  });
});
