import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceSolve } from './reference-solver.testing.ts';
import { type AssignmentProblem, solveAssignment, solveSparse } from './solver.ts';

// Random problems: few costs (many ties), capacities 0..3, rows with no edge at all.
const arbProblem = fc
  .record({ rows: fc.integer({ min: 1, max: 12 }), cols: fc.integer({ min: 1, max: 8 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: cols, maxLength: cols }),
      edges: fc.uniqueArray(
        fc.record({
          row: fc.integer({ min: 0, max: rows - 1 }),
          col: fc.integer({ min: 0, max: cols - 1 }),
          cost: fc.integer({ min: 0, max: 6 }),
        }),
        { maxLength: rows * cols, selector: (e) => `${e.row}:${e.col}` },
      ),
      unassigned: fc.array(fc.integer({ min: 7, max: 12 }), { minLength: rows, maxLength: rows }),
    }),
  )
  .map(
    (p): AssignmentProblem => ({
      rows: p.rows,
      capacities: p.capacities,
      edges: p.edges,
      unassignedCost: (row) => p.unassigned[row]!,
    }),
  );

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
        const rowStart = new Int32Array(problem.rows + 1);
        for (const e of edges) rowStart[e.row + 1]! += 1;
        for (let r = 0; r < problem.rows; r++) rowStart[r + 1]! += rowStart[r]!;
        const unassigned = Float64Array.from({ length: problem.rows }, (_, r) => problem.unassignedCost(r));
        const solution = solveSparse({
          rows: problem.rows,
          capacities: Int32Array.from(problem.capacities),
          rowStart,
          cols: Int32Array.from(edges, (e) => e.col),
          costs: Float64Array.from(edges, (e) => e.cost),
          unassigned,
        });
        const { assigned, rowValue: u, colPrice: p } = solution;
        const load = new Int32Array(problem.capacities.length);
        for (const col of assigned) if (col >= 0) load[col]! += 1;
        for (const e of edges) {
          expect(e.cost + p[e.col]!).toBeGreaterThanOrEqual(u[e.row]!);
          if (assigned[e.row] === e.col) expect(e.cost + p[e.col]!).toBe(u[e.row]);
        }
        for (let r = 0; r < problem.rows; r++) {
          expect(u[r]).toBeLessThanOrEqual(unassigned[r]!);
          if (assigned[r]! < 0) expect(u[r]).toBe(unassigned[r]);
        }
        p.forEach((price, col) => {
          expect(price).toBeGreaterThanOrEqual(0);
          if (price > 0) expect(load[col]).toBe(problem.capacities[col]);
        });
      }),
      { numRuns: 500 },
    );
  });
});
