import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbAssignmentProblem, referenceSolve, toSparse as sparse } from './reference-solver.testing.ts';
import {
  type AssignmentProblem,
  type CandidateEdge,
  type SparseSolution,
  SparseSolver,
  solveAssignment,
  solveSparse,
} from './solver.ts';

// Few costs (many ties), and leaving a row out costs a little more than any edge.
const arbProblem = arbAssignmentProblem(12, () => fc.integer({ min: 7, max: 12 }));

function check(problem: AssignmentProblem, assigned: Int32Array, totalCost: number) {
  const load = new Map<number, number>();
  let cost = 0;
  assigned.forEach((col, row) => {
    if (col < 0) {
      cost += problem.unassignedCost(row);
      return;
    }
    const edge = problem.edges.find((e) => e.row === row && e.col === col);
    expect(edge).toBeDefined();
    cost += edge!.cost;
    load.set(col, (load.get(col) ?? 0) + 1);
  });
  for (const [col, used] of load) expect(used).toBeLessThanOrEqual(problem.capacities[col]!);
  expect(cost).toBe(totalCost);
}

/** The linear-programming optimality conditions, over the given edges, and a consistent total. */
function expectCertificate(
  problem: AssignmentProblem,
  edges: readonly CandidateEdge[],
  solution: SparseSolution,
) {
  const { assigned, rowValue: u, colPrice: p } = solution;
  const load = new Int32Array(problem.capacities.length);
  for (const col of assigned) if (col >= 0) load[col]! += 1;
  for (const e of edges) {
    expect(e.cost + p[e.col]!).toBeGreaterThanOrEqual(u[e.row]!);
    if (assigned[e.row] === e.col) expect(e.cost + p[e.col]!).toBe(u[e.row]);
  }
  for (let r = 0; r < problem.rows; r++) {
    expect(u[r]).toBeLessThanOrEqual(problem.unassignedCost(r));
    if (assigned[r]! < 0) expect(u[r]).toBe(problem.unassignedCost(r));
    else expect(edges.some((e) => e.row === r && e.col === assigned[r])).toBe(true);
  }
  p.forEach((price, col) => {
    expect(price).toBeGreaterThanOrEqual(0);
    if (price > 0) expect(load[col]).toBe(Math.max(0, problem.capacities[col]!));
  });
  check(problem, assigned, solution.totalCost);
}

describe('the assignment solver', () => {
  it('finds the same least total as the textbook min-cost flow', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const fast = solveAssignment(problem);
        check(problem, fast.assigned, fast.totalCost);
        expect(fast.totalCost).toBe(referenceSolve(problem).totalCost);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on the order of the edges', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const reversed = { ...problem, edges: [...problem.edges].reverse() };
        expect(solveAssignment(reversed)).toEqual(solveAssignment(problem));
      }),
      { numRuns: 200 },
    );
  });

  it('returns prices that prove the optimum', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const edges = [...problem.edges].sort((a, b) => a.row - b.row || a.col - b.col);
        const solution = solveSparse(sparse(problem, edges));
        expectCertificate(problem, edges, solution);
      }),
      { numRuns: 500 },
    );
  });

  it('solves again after rows gain edges, keeping the rest (warm start), to the same optimum', () => {
    fc.assert(
      fc.property(
        arbProblem,
        fc.array(fc.boolean(), { minLength: 144, maxLength: 144 }),
        fc.array(fc.boolean(), { minLength: 144, maxLength: 144 }),
        (problem, keepFirst, keepSecond) => {
          // Three stages: some edges, more edges, all edges; each stage's new edges go to few rows.
          const first = problem.edges.filter((_, k) => keepFirst[k % 144]);
          const second = problem.edges.filter((e, k) => keepFirst[k % 144] || keepSecond[e.row]);
          const solver = new SparseSolver(sparse(problem, first));
          expectCertificate(problem, first, solver.solution());
          const gained = (before: readonly CandidateEdge[], after: readonly CandidateEdge[]) =>
            [...new Set(after.filter((e) => !before.includes(e)).map((e) => e.row))].sort((a, b) => a - b);
          solver.update(sparse(problem, second), gained(first, second));
          expectCertificate(problem, second, solver.solution());
          solver.update(sparse(problem, problem.edges), gained(second, problem.edges));
          const warm = solver.solution();
          expectCertificate(problem, problem.edges, warm);
          expect(warm.totalCost).toBe(referenceSolve(problem).totalCost);
        },
      ),
      { numRuns: 500 },
    );
    // Three solves and the reference per run: more time than the default on a busy machine.
  }, 30_000);

  it('solves again when every row gains edges, repairing the places they leave only after placing them all', () => {
    fc.assert(
      fc.property(arbProblem, fc.array(fc.boolean(), { minLength: 144, maxLength: 144 }), (problem, keep) => {
        // assignAll re-places every row that gained pairs however many they are: here all rows.
        const first = problem.edges.filter((_, k) => keep[k % 144]);
        const solver = new SparseSolver(sparse(problem, first));
        const rows = Array.from({ length: problem.rows }, (_, r) => r);
        solver.update(sparse(problem, problem.edges), rows);
        const warm = solver.solution();
        expectCertificate(problem, problem.edges, warm);
        expect(warm.totalCost).toBe(referenceSolve(problem).totalCost);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});
