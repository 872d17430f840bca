/**
 * For tests only: the first solver of the matching engine, a textbook minimum-cost flow (successive
 * shortest paths over object edges, source -> rows -> columns -> sink). Slow but plainly right; the
 * property tests hold the fast solver and the pruned assignAll to the same totals.
 */
import fc from 'fast-check';
import type { AssignmentProblem, AssignmentSolution, CandidateEdge, SparseProblem } from './solver.ts';

/**
 * Random problems as in help matching: costs 0..6 with many ties, capacities 0..3 (often short),
 * rows with no edge at all; each row's cost of being left out drawn from `unassigned(rows)`.
 */
export function arbAssignmentProblem(
  maxRows: number,
  unassigned: (rows: number) => fc.Arbitrary<number>,
): fc.Arbitrary<AssignmentProblem> {
  return fc
    .record({ rows: fc.integer({ min: 1, max: maxRows }), cols: fc.integer({ min: 1, max: 8 }) })
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
        unassigned: fc.array(unassigned(rows), { minLength: rows, maxLength: rows }),
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
}

/** The problem in compressed rows, with the given edges (all of its own by default). */
export function toSparse(
  problem: AssignmentProblem,
  edges: readonly CandidateEdge[] = problem.edges,
): SparseProblem {
  const sorted = [...edges].sort((a, b) => a.row - b.row || a.col - b.col);
  const rowStart = new Int32Array(problem.rows + 1);
  for (const e of sorted) rowStart[e.row + 1]! += 1;
  for (let r = 0; r < problem.rows; r++) rowStart[r + 1]! += rowStart[r]!;
  return {
    rows: problem.rows,
    capacities: Int32Array.from(problem.capacities, (c) => Math.max(0, c)),
    rowStart,
    cols: Int32Array.from(sorted, (e) => e.col),
    costs: Float64Array.from(sorted, (e) => e.cost),
    unassigned: Float64Array.from({ length: problem.rows }, (_, r) => problem.unassignedCost(r)),
  };
}

interface Edge {
  to: number;
  rev: number;
  cap: number;
  cost: number;
}

export function referenceSolve(problem: AssignmentProblem): AssignmentSolution {
  const n = problem.rows;
  const m = problem.capacities.length;
  const source = 0;
  const firstCol = 1 + n;
  const unassignedNode = 1 + n + m;
  const sink = unassignedNode + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const addEdge = (from: number, to: number, cap: number, cost: number) => {
    graph[from]!.push({ to, rev: graph[to]!.length, cap, cost });
    graph[to]!.push({ to: from, rev: graph[from]!.length - 1, cap: 0, cost: -cost });
  };
  for (let row = 0; row < n; row++) addEdge(source, 1 + row, 1, 0);
  for (const e of problem.edges) addEdge(1 + e.row, firstCol + e.col, 1, e.cost);
  for (let row = 0; row < n; row++) addEdge(1 + row, unassignedNode, 1, problem.unassignedCost(row));
  problem.capacities.forEach((free, col) => {
    if (free > 0) addEdge(firstCol + col, sink, free, 0);
  });
  addEdge(unassignedNode, sink, n, 0);

  const totalCost = minCostFlow(graph, source, sink, n);

  const assigned = new Int32Array(n).fill(-1);
  for (let row = 0; row < n; row++) {
    const used = graph[1 + row]!.find(
      (e) => e.to >= firstCol && e.to < unassignedNode && e.cap === 0 && e.cost >= 0,
    );
    if (used) assigned[row] = used.to - firstCol;
  }
  return { assigned, totalCost };
}

/** Sends `want` units from source to sink at least cost; all costs on forward edges are >= 0. */
function minCostFlow(graph: Edge[][], source: number, sink: number, want: number): number {
  const size = graph.length;
  const potential = new Array<number>(size).fill(0);
  let flow = 0;
  let cost = 0;
  while (flow < want) {
    const dist = new Array<number>(size).fill(Number.POSITIVE_INFINITY);
    const prevNode = new Array<number>(size).fill(-1);
    const prevEdge = new Array<number>(size).fill(-1);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]!) continue;
      // The sink is settled: the rest cannot give a shorter path this round.
      if (u === sink) break;
      const edges = graph[u]!;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k]!;
        if (e.cap <= 0) continue;
        const nd = d + e.cost + potential[u]! - potential[e.to]!;
        if (nd < dist[e.to]!) {
          dist[e.to] = nd;
          prevNode[e.to] = u;
          prevEdge[e.to] = k;
          heap.push(nd, e.to);
        }
      }
    }
    if (dist[sink] === Number.POSITIVE_INFINITY) break;
    // Nodes not settled before the sink get the sink's distance: reduced costs stay non-negative.
    const reach = dist[sink]!;
    for (let v = 0; v < size; v++) potential[v]! += Math.min(dist[v]!, reach);
    let push = want - flow;
    for (let v = sink; v !== source; v = prevNode[v]!)
      push = Math.min(push, graph[prevNode[v]!]![prevEdge[v]!]!.cap);
    for (let v = sink; v !== source; v = prevNode[v]!) {
      const e = graph[prevNode[v]!]![prevEdge[v]!]!;
      e.cap -= push;
      graph[v]![e.rev]!.cap += push;
      cost += push * e.cost;
    }
    flow += push;
  }
  return cost;
}

/** A binary heap of [priority, node], ties broken by node so the order never depends on chance. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size() {
    return this.keys.length;
  }
  private less(i: number, j: number) {
    return (
      this.keys[i]! < this.keys[j]! || (this.keys[i] === this.keys[j] && this.nodes[i]! < this.nodes[j]!)
    );
  }
  private swap(i: number, j: number) {
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.nodes[i], this.nodes[j]] = [this.nodes[j]!, this.nodes[i]!];
  }
  push(key: number, node: number) {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.keys[0]!, this.nodes[0]!];
    const lastKey = this.keys.pop()!;
    const lastNode = this.nodes.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.keys.length && this.less(l, best)) best = l;
        if (r < this.keys.length && this.less(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}
