import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbAssignmentProblem, referenceSolve, toSparse as sparse } from './reference-solver.testing.ts';
import { type AssignmentProblem, type SparseSolution, SparseSolver } from './solver.ts';
import { solveSplit } from './split.ts';

// Leaving a row out costs more than rows x the largest cost (plus an urgency bonus), so the split applies.
const arbProblem = arbAssignmentProblem(14, (rows) =>
  fc.constantFrom(0, 3, 6).map((bonus) => 6 * rows + 1 + bonus),
);

/** The optimality conditions on every edge, capacities kept, and the total they add up to. */
function expectCertificate(problem: AssignmentProblem, solution: SparseSolution) {
  const { assigned, rowValue: u, colPrice: p } = solution;
  const load = new Int32Array(problem.capacities.length);
  let total = 0;
  assigned.forEach((col, row) => {
    if (col < 0) {
      expect(u[row]).toBe(problem.unassignedCost(row));
      total += problem.unassignedCost(row);
      return;
    }
    load[col]! += 1;
    const edge = problem.edges.find((e) => e.row === row && e.col === col);
    expect(edge).toBeDefined();
    expect(edge!.cost + p[col]!).toBe(u[row]);
    total += edge!.cost;
  });
  for (const e of problem.edges) expect(e.cost + p[e.col]!).toBeGreaterThanOrEqual(u[e.row]!);
  for (let r = 0; r < problem.rows; r++) expect(u[r]).toBeLessThanOrEqual(problem.unassignedCost(r));
  p.forEach((price, col) => {
    expect(price).toBeGreaterThanOrEqual(0);
    expect(load[col]).toBeLessThanOrEqual(Math.max(0, problem.capacities[col]!));
    if (price > 0) expect(load[col]).toBe(Math.max(0, problem.capacities[col]!));
  });
  expect(total).toBe(solution.totalCost);
}

describe('the split solver (deficient part and the rest)', () => {
  it('finds the least total, with prices that prove it on every edge', () => {
    let split = 0;
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const solution = solveSplit(sparse(problem));
        if (!solution) return;
        split++;
        expectCertificate(problem, solution);
        expect(solution.totalCost).toBe(referenceSolve(problem).totalCost);
      }),
      { numRuns: 1500 },
    );
    // Most random problems have rows that cannot all be helped: the split must have been tried on many.
    expect(split).toBeGreaterThan(500);
  }, 30_000);

  it('gives the same answer for the same input', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        expect(solveSplit(sparse(problem))).toEqual(solveSplit(sparse(problem)));
      }),
      { numRuns: 200 },
    );
  });

  it('declines when leaving a row out could pay, or nothing is short', () => {
    const cheap = sparse({
      rows: 2,
      capacities: [1],
      edges: [
        { row: 0, col: 0, cost: 5 },
        { row: 1, col: 0, cost: 0 },
      ],
      unassignedCost: () => 6,
    });
    expect(solveSplit(cheap)).toBeNull();
    const ample = sparse({
      rows: 2,
      capacities: [2],
      edges: [
        { row: 0, col: 0, cost: 1 },
        { row: 1, col: 0, cost: 2 },
      ],
      unassignedCost: () => 100,
    });
    expect(solveSplit(ample)).toBeNull();
  });
});

describe('the exact solver started from a given assignment and prices', () => {
  it('ends at the optimum with a valid certificate whatever the start', () => {
    fc.assert(
      fc.property(
        arbProblem,
        fc.array(fc.integer({ min: -1, max: 7 }), { minLength: 14, maxLength: 14 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 8, maxLength: 8 }),
        (problem, columns, prices) => {
          const m = problem.capacities.length;
          const start = {
            assigned: Int32Array.from({ length: problem.rows }, (_, r) => Math.min(columns[r]!, m - 1)),
            prices: Float64Array.from({ length: m }, (_, c) => prices[c]!),
          };
          const solution = new SparseSolver(sparse(problem), start).solution();
          expectCertificate(problem, solution);
          expect(solution.totalCost).toBe(referenceSolve(problem).totalCost);
        },
      ),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('keeps an exact start as it is', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const exact = new SparseSolver(sparse(problem)).solution();
        const again = new SparseSolver(sparse(problem), { prices: exact.colPrice, assigned: exact.assigned });
        expect(again.work.searches).toBe(0);
        expect(again.work.repairs).toBe(0);
        expect(again.solution()).toEqual(exact);
      }),
      { numRuns: 300 },
    );
  });
});
