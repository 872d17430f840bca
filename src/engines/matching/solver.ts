/**
 * The exact assignment solver under both matching modes (help needs, coaching families): rows
 * (needs, families) are given to columns (volunteers, coaches) with a capacity each, along
 * candidate edges with a non-negative cost, so that the total cost, counting `unassignedCost(row)`
 * for every row left without a column, is least.
 *
 * How: a minimum-cost flow by successive shortest paths, one row at a time (the augmentation step
 * of Jonker-Volgenant / the Hungarian method, on a sparse graph). Every column has a price p >= 0
 * and every placed row a value u, such that at all times
 *   - cost(row, col) + p[col] >= u[row] for every edge, with equality on the edge the row uses,
 *   - u[row] <= unassignedCost(row), with equality when the row is left unassigned,
 *   - p[col] > 0 only when the column is full.
 * Those are the linear-programming optimality conditions, so the assignment is optimal at every
 * step for the rows placed so far. Placing a new row is a Dijkstra search over reduced costs (all
 * >= 0 thanks to the prices) along alternating paths: the row takes a column, whose row moves on
 * to another column or gives up its place, and so on. It stops at the first free column or
 * unassigned option it settles, so when capacity is ample a row costs one look at its own edges.
 *
 * The prices and values are returned as well (`SparseSolution`): they are a certificate that
 * assignAll uses to prove that edges it never gave the solver could not have lowered the total.
 *
 * Edges are held in compressed rows (typed arrays), not objects, so tens of millions fit in memory.
 * Deterministic: edges of a row are taken in column order, ties in the search fall to the lower
 * column, and rows are placed in index order.
 */

export interface CandidateEdge {
  row: number;
  col: number;
  /** Non-negative; lower is better. */
  cost: number;
}

export interface AssignmentProblem {
  rows: number;
  /** How many rows each column may still take. */
  capacities: readonly number[];
  edges: readonly CandidateEdge[];
  /** The cost of leaving a row unassigned; must exceed every edge cost of that row for "as many as possible" semantics. */
  unassignedCost: (row: number) => number;
}

export interface AssignmentSolution {
  /** For every row, the column it got, or -1. */
  assigned: Int32Array;
  /** Sum of edge costs used plus the unassigned costs. */
  totalCost: number;
}

/** The same problem with the edges of row r at positions rowStart[r] .. rowStart[r + 1] - 1. */
export interface SparseProblem {
  rows: number;
  capacities: Int32Array;
  rowStart: Int32Array;
  cols: Int32Array;
  costs: Float64Array;
  unassigned: Float64Array;
  /** The order in which rows are placed (default: index order); any order gives the same total. */
  order?: Int32Array;
}

export interface SparseSolution extends AssignmentSolution {
  /** u: what each row pays in the optimum (its edge cost plus the column's price, or its unassigned cost). */
  rowValue: Float64Array;
  /** p: the price of each column; an edge left out of the problem with cost + p[col] >= u[row] could not have helped. */
  colPrice: Float64Array;
}

export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  const n = problem.rows;
  // Compressed rows, each row's edges in column order so the result does not depend on edge order.
  const rowStart = new Int32Array(n + 1);
  for (const e of problem.edges) rowStart[e.row + 1]! += 1;
  for (let r = 0; r < n; r++) rowStart[r + 1]! += rowStart[r]!;
  const order = problem.edges.map((_, k) => k);
  order.sort((a, b) => {
    const x = problem.edges[a]!;
    const y = problem.edges[b]!;
    return x.row - y.row || x.col - y.col || x.cost - y.cost;
  });
  const cols = new Int32Array(order.length);
  const costs = new Float64Array(order.length);
  order.forEach((k, at) => {
    cols[at] = problem.edges[k]!.col;
    costs[at] = problem.edges[k]!.cost;
  });
  const unassigned = new Float64Array(n);
  for (let r = 0; r < n; r++) unassigned[r] = problem.unassignedCost(r);
  const { assigned, totalCost } = solveSparse({
    rows: n,
    capacities: Int32Array.from(problem.capacities, (c) => Math.max(0, c)),
    rowStart,
    cols,
    costs,
    unassigned,
  });
  return { assigned, totalCost };
}

export function solveSparse(problem: SparseProblem): SparseSolution {
  return new SparseSolver(problem).solution();
}

/**
 * solveSparse with its state kept, so that a problem which gains edges can be solved again
 * without starting over (assignAll's proof rounds): `update` takes the rows that gained edges out
 * and places them again; everything else keeps its place, and its price and value as far as the
 * searches leave them.
 *
 * Taking a row out frees a place in a column that may have a positive price, which the
 * conditions above do not allow (p > 0 only when full). `refill` repairs that with the same
 * search run backwards from the column: a row may move into the free place from its own column
 * (which frees a place there in turn), or an unassigned row may take it, along the path of least
 * reduced cost; the search stops as soon as leaving the place free, or freeing one in a column
 * reached so far, is cheaper. Prices and values fall by as much as they rose in the forward search.
 *
 * The repair waits until the rows taken out are placed again. The forward search needs only the
 * reduced costs to be >= 0, which taking a row out does not change; a free place with a price is
 * just one more place to end at, at its price. Rows placed again mostly end in the places the
 * others left, so fewer are left to repair: where capacity is short, repairing each place at once
 * meant a backward search through the whole crowded corner for every row taken out. On the
 * clustered bench at 10,000 needs, with every round after the first warm (see solveNeeds), the
 * forward searches settle 0.5 million rows and the repairs reach 12 million, where before they
 * settled 14 million and reached 3 million, and solving takes 8-10 s instead of 18-21 s. The
 * repairs are now most of the work there, and still grow faster than the instance.
 */
export class SparseSolver {
  /** How much searching it took: rows settled by forward searches, rows reached by repairs (refill). */
  readonly work = { searches: 0, settled: 0, repairs: 0, reached: 0 };
  private problem: SparseProblem;
  private readonly assigned: Int32Array;
  private readonly u: Float64Array;
  private readonly price: Float64Array;
  private readonly load: Int32Array;
  /** The rows in each column, as linked lists: head per column, next per row. */
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  /** Rows the solver holds (placed, assigned or not): a row taken out is not reachable meanwhile. */
  private readonly placed: Uint8Array;

  // Forward search state, reset after every row through the lists of what was touched.
  private readonly dist: Float64Array;
  private readonly via: Int32Array;
  private readonly settled: Uint8Array;
  private readonly touched: number[] = [];
  private readonly settledCols: number[] = [];
  private readonly settledRows: number[] = [];
  private readonly rowDist: number[] = [];
  private readonly heap = new Heap();

  // Backward search state (refill): per row the distance and the column it would move into.
  private readonly backDist: Float64Array;
  private readonly backVia: Int32Array;
  private readonly backDone: Uint8Array;
  private readonly backTouched: number[] = [];
  /** The edges by column (rows that may move into it), built when refill first needs them. */
  private colStart: Int32Array | null = null;
  private colRows: Int32Array | null = null;
  private colCosts: Float64Array | null = null;

  /**
   * `start` gives an assignment and prices to start from instead of an empty assignment at prices
   * 0 (see adopt): any start gives the optimum; one close to it leaves little to search.
   */
  constructor(problem: SparseProblem, start?: { prices: Float64Array; assigned: Int32Array }) {
    this.problem = problem;
    const n = problem.rows;
    const m = problem.capacities.length;
    this.assigned = new Int32Array(n).fill(-1);
    this.u = new Float64Array(n);
    this.price = start ? Float64Array.from(start.prices, (p) => Math.max(0, p)) : new Float64Array(m);
    this.load = new Int32Array(m);
    this.head = new Int32Array(m).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.placed = new Uint8Array(n);
    this.dist = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    this.via = new Int32Array(m).fill(-1);
    this.settled = new Uint8Array(m);
    this.backDist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.backVia = new Int32Array(n).fill(-1);
    this.backDone = new Uint8Array(n);
    if (start) this.adopt(start.assigned);
    else for (let at = 0; at < n; at++) this.place(problem.order ? problem.order[at]! : at);
  }

  /**
   * Starts from a given assignment at the given prices: every row's value is what it pays there,
   * and the rows for which that breaks the conditions (a cheaper edge, more than staying out, a
   * column over capacity, an edge it does not have) are placed again, in index order, as in
   * `update`; then the places left free with a price are repaired. The conditions hold for the
   * rows kept, so this is exact whatever the start.
   */
  private adopt(start: Int32Array) {
    const { rows: n, rowStart, cols, costs, unassigned, capacities } = this.problem;
    const { assigned, u, price, load, head, next, placed } = this;
    const again: number[] = [];
    for (let r = 0; r < n; r++) {
      placed[r] = 1;
      const col = start[r]!;
      let pays = unassigned[r]!;
      let least = Number.POSITIVE_INFINITY;
      let found = col < 0;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const value = costs[e]! + price[cols[e]!]!;
        if (cols[e] === col && !found) {
          found = true;
          pays = value;
        } else least = Math.min(least, value);
      }
      if (!found || (col >= 0 && load[col]! >= capacities[col]!) || pays > unassigned[r]! || least < pays) {
        again.push(r);
        continue;
      }
      u[r] = pays;
      if (col < 0) continue;
      assigned[r] = col;
      load[col]! += 1;
      next[r] = head[col]!;
      head[col] = r;
    }
    for (const r of again) placed[r] = 0;
    for (const r of again) this.place(r);
    this.repairFree();
  }

  /**
   * The same rows and columns with more edges (those of the old problem among them): the rows
   * given (in the order given) are taken out and placed again; the rest keep their places, which
   * stays optimal because the edges they had before are all they have.
   */
  update(problem: SparseProblem, rows: readonly number[]) {
    // All out first, on the old edges (whose reduced costs are all >= 0), then the new edges:
    // those are only on rows that are out, so every row held keeps its conditions.
    for (const row of rows) this.takeOut(row);
    this.problem = problem;
    this.colStart = null;
    for (const row of rows) this.place(row);
    this.repairFree();
  }

  /**
   * The places left free with a price (see the class comment), column by column until none is
   * left: a repair leaves the price of a column it frees at 0, so one pass is enough unless costs
   * that are not whole numbers leave a rounding behind.
   */
  private repairFree() {
    const { capacities } = this.problem;
    for (let again = true; again; ) {
      again = false;
      for (let c = 0; c < capacities.length; c++)
        while (this.load[c]! < capacities[c]! && this.price[c]! > 0) {
          this.refill(c);
          again = true;
        }
    }
  }

  solution(): SparseSolution {
    const { rows: n, rowStart, cols, costs, unassigned } = this.problem;
    let totalCost = 0;
    for (let r = 0; r < n; r++) {
      const col = this.assigned[r]!;
      if (col < 0) {
        totalCost += unassigned[r]!;
        continue;
      }
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        if (cols[e] === col) {
          totalCost += costs[e]!;
          break;
        }
      }
    }
    return {
      assigned: this.assigned.slice(),
      totalCost,
      rowValue: this.u.slice(),
      colPrice: this.price.slice(),
    };
  }

  /** The nearest column with a free place reached so far by the forward search, and its distance. */
  private freeCol = -1;
  private freeDist = Number.POSITIVE_INFINITY;

  private relax(row: number, base: number) {
    const { rowStart, cols, costs, capacities } = this.problem;
    const { settled, assigned, price, dist, via, touched, heap, load } = this;
    for (let e = rowStart[row]!; e < rowStart[row + 1]!; e++) {
      const col = cols[e]!;
      if (settled[col] || col === assigned[row]) continue;
      const d = base + costs[e]! + price[col]!;
      if (d < dist[col]!) {
        if (dist[col] === Number.POSITIVE_INFINITY) touched.push(col);
        dist[col] = d;
        via[col] = row;
        heap.push(d, col);
        if (load[col]! < capacities[col]! && d < this.freeDist) {
          this.freeDist = d;
          this.freeCol = col;
        }
      }
    }
  }

  /** Places row r (not held by the solver) by the forward search described at the top. */
  private place(r: number) {
    const { unassigned } = this.problem;
    const { capacities: capacity } = this.problem;
    const { assigned, u, price, load, head, next, dist, via, settled, heap } = this;
    const { touched, settledCols, settledRows, rowDist } = this;
    // The new row starts with value 0: every reduced cost from it is cost + price >= 0.
    u[r] = 0;
    this.placed[r] = 1;
    let best = unassigned[r]!;
    let endRow = r;
    let endCol = -1;
    settledRows.push(r);
    rowDist.push(0);
    // An end is taken as soon as it is reached, not when it would be settled: nothing settled
    // later can be closer than it is then (Dijkstra), and where capacity is short the search
    // would otherwise go on through every node as close as the end, which may be many.
    this.freeCol = -1;
    this.freeDist = Number.POSITIVE_INFINITY;
    const reachedFree = () => {
      if (this.freeDist < best) {
        best = this.freeDist;
        endRow = -1;
        endCol = this.freeCol;
      }
    };
    this.relax(r, 0);
    reachedFree();
    while (heap.size > 0) {
      const d = heap.topKey();
      const col = heap.pop();
      if (settled[col] || d > dist[col]!) continue;
      if (d >= best) break;
      settled[col] = 1;
      settledCols.push(col);
      if (load[col]! < capacity[col]!) {
        best = d;
        endRow = -1;
        endCol = col;
        break;
      }
      // A full column: each of its rows may move on, reached at the same distance (its edge is tight).
      for (let row = head[col]!; row >= 0; row = next[row]!) {
        settledRows.push(row);
        rowDist.push(d);
        const base = d - u[row]!;
        const giveUp = base + unassigned[row]!;
        if (giveUp < best) {
          best = giveUp;
          endRow = row;
          endCol = -1;
        }
        this.relax(row, base);
        reachedFree();
      }
    }

    this.work.searches++;
    this.work.settled += settledRows.length;
    // New prices and values: whatever was settled closer than the end rises by the difference.
    for (const col of settledCols) price[col]! += best - dist[col]!;
    for (let k = 0; k < settledRows.length; k++) u[settledRows[k]!]! += best - rowDist[k]!;

    // Shift along the path back to the new row.
    let target = endCol;
    let row = endCol >= 0 ? via[endCol]! : endRow;
    if (endCol >= 0) load[endCol]! += 1;
    for (;;) {
      const from = assigned[row]!;
      if (from >= 0) unlink(head, next, from, row);
      assigned[row] = target;
      if (target >= 0) {
        next[row] = head[target]!;
        head[target] = row;
      }
      if (row === r) break;
      target = from;
      row = via[from]!;
    }

    for (const col of touched) {
      dist[col] = Number.POSITIVE_INFINITY;
      settled[col] = 0;
    }
    touched.length = 0;
    settledCols.length = 0;
    settledRows.length = 0;
    rowDist.length = 0;
    heap.clear();
  }

  /** Takes row r out of the solver; the place it frees is repaired by update() afterwards. */
  private takeOut(r: number) {
    const col = this.assigned[r]!;
    this.placed[r] = 0;
    this.assigned[r] = -1;
    if (col < 0) return;
    unlink(this.head, this.next, col, r);
    this.load[col]! -= 1;
  }

  /** The edges by column, for the backward search. */
  private byColumn() {
    if (this.colStart) return;
    const { rows: n, rowStart, cols, costs } = this.problem;
    const m = this.price.length;
    const start = new Int32Array(m + 1);
    for (let e = 0; e < rowStart[n]!; e++) start[cols[e]! + 1]! += 1;
    for (let c = 0; c < m; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, m);
    this.colRows = new Int32Array(rowStart[n]!);
    this.colCosts = new Float64Array(rowStart[n]!);
    for (let r = 0; r < n; r++) {
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const at = fill[cols[e]!]!++;
        this.colRows[at] = r;
        this.colCosts[at] = costs[e]!;
      }
    }
    this.colStart = start;
  }

  /**
   * Column c has a free place (it was full before) and maybe a positive price. Distances D run
   * backwards: a row reached at D moves into the column it was reached from, freeing its own
   * column, which is then reached at the same D (its edge is tight). Ending in a column reached
   * at D (its place stays free) costs D + its price; an unassigned row taking the path costs D.
   */
  private refill(c: number) {
    if (this.price[c] === 0) return;
    this.byColumn();
    const colStart = this.colStart!;
    const colRows = this.colRows!;
    const colCosts = this.colCosts!;
    const { assigned, u, price, load, head, next, dist, via, settled, heap, placed } = this;
    const { backDist, backVia, backDone, backTouched, settledCols } = this;
    let best = price[c]!;
    let endCol = c;
    let endRow = -1;
    const scan = (col: number, d: number) => {
      const base = d + price[col]!;
      for (let at = colStart[col]!; at < colStart[col + 1]!; at++) {
        const row = colRows[at]!;
        if (backDone[row] || !placed[row] || assigned[row] === col) continue;
        const dr = base + colCosts[at]! - u[row]!;
        if (dr < backDist[row]!) {
          if (backDist[row] === Number.POSITIVE_INFINITY) backTouched.push(row);
          backDist[row] = dr;
          backVia[row] = col;
          heap.push(dr, row);
          // An unassigned row taking the place ends the search: taken when reached (see place).
          if (assigned[row]! < 0 && dr < best) {
            best = dr;
            endRow = row;
            endCol = -1;
          }
        }
      }
    };
    // dist, via and settled of the forward search serve for the columns: via is the row that
    // leaves the column on the path (dist and settled are reset after).
    dist[c] = 0;
    settled[c] = 1;
    settledCols.push(c);
    scan(c, 0);
    while (heap.size > 0) {
      const d = heap.topKey();
      const row = heap.pop();
      if (backDone[row] || d > backDist[row]!) continue;
      if (d >= best) break;
      backDone[row] = 1;
      const col = assigned[row]!;
      if (col < 0) {
        best = d;
        endRow = row;
        endCol = -1;
        break;
      }
      if (settled[col]) continue;
      dist[col] = d;
      via[col] = row;
      settled[col] = 1;
      settledCols.push(col);
      if (d + price[col]! < best) {
        best = d + price[col]!;
        endCol = col;
        endRow = -1;
      }
      scan(col, d);
    }

    this.work.repairs++;
    this.work.reached += backTouched.length;
    // Prices fall by best - D, and the values of the rows in those columns with them, so every
    // assigned edge stays tight; the rows on the path move below, with the edges they move to.
    for (const col of settledCols) {
      const fall = best - dist[col]!;
      price[col]! -= fall;
      for (let row = head[col]!; row >= 0; row = next[row]!) u[row]! -= fall;
    }
    if (endCol !== c) {
      if (endCol >= 0) load[endCol]! -= 1;
      load[c]! += 1;
      let row = endRow >= 0 ? endRow : via[endCol]!;
      for (;;) {
        const target = backVia[row]!;
        const from = assigned[row]!;
        // Tight on the edge it moves to: D(row) = D(target) + reduced cost of that edge.
        if (from >= 0) {
          unlink(head, next, from, row);
          u[row]! += best - dist[from]!;
        }
        u[row]! -= best - backDist[row]!;
        assigned[row] = target;
        next[row] = head[target]!;
        head[target] = row;
        if (target === c) break;
        row = via[target]!;
      }
    }

    for (const col of settledCols) {
      dist[col] = Number.POSITIVE_INFINITY;
      settled[col] = 0;
    }
    for (const row of backTouched) {
      backDist[row] = Number.POSITIVE_INFINITY;
      backDone[row] = 0;
    }
    backTouched.length = 0;
    settledCols.length = 0;
    heap.clear();
  }
}

function unlink(head: Int32Array, next: Int32Array, col: number, row: number) {
  if (head[col] === row) {
    head[col] = next[row]!;
    return;
  }
  for (let at = head[col]!; at >= 0; at = next[at]!) {
    if (next[at] === row) {
      next[at] = next[row]!;
      return;
    }
  }
}

/** A binary min-heap of (key, node) in typed arrays; ties fall to the lower node so runs repeat exactly. */
class Heap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear() {
    this.size = 0;
  }

  topKey() {
    return this.keys[0]!;
  }

  private less(i: number, j: number) {
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    return a < b || (a === b && this.nodes[i]! < this.nodes[j]!);
  }

  private swap(i: number, j: number) {
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const n = this.nodes[i]!;
    this.nodes[i] = this.nodes[j]!;
    this.nodes[j] = n;
  }

  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    this.keys[i] = key;
    this.nodes[i] = node;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top and returns its node. */
  pop(): number {
    const top = this.nodes[0]!;
    this.size -= 1;
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size]!;
      this.nodes[0] = this.nodes[this.size]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.size && this.less(l, best)) best = l;
        if (r < this.size && this.less(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}
