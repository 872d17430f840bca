/**
 * The assignment problem of solver.ts in two independent parts, when leaving a row unassigned
 * costs more than any number of edges can save (the help-matching case: see unassignedCost in
 * assign.ts). Why: where capacity is short, every search of the one-row-at-a-time solver
 * (SparseSolver) walks the whole crowded corner to find whom to leave out, so its work grows with
 * the square of the corner (the full clustered bench of issue 4: 500 s of solving).
 *
 * The reasoning:
 *  - if every unassigned cost exceeds rows x the largest edge cost, the optimum helps as many rows
 *    as possible: a path that helps one more row gains its unassigned cost and loses less;
 *  - take a maximum matching (Hopcroft-Karp, with column capacities) and the rows and columns
 *    reachable from its unassigned rows along alternating paths: the deficient part (as in the
 *    Dulmage-Mendelsohn decomposition). Its rows have edges only to its columns; in every maximum
 *    matching its columns are full with its rows, and every other row is assigned, outside it. So
 *    the optimum is the optimum of each part alone, edges between them unused;
 *  - outside, every row is assigned and the searches of SparseSolver end at a spare place: as usual;
 *  - in the deficient part every place is filled and the question is who goes without. "Out" is
 *    made one more column, with a place for each row that must go without: every column then ends
 *    full, which is what lets an ε-scaling auction (Bertsekas) work, its prices carrying over from
 *    one phase to the next. The auction stops at ε = a quarter of a cost unit: close, not exact.
 *    SparseSolver then starts from its assignment and prices (see its `start`), places again only
 *    the rows the rounding leaves unhappy, and returns an exact optimum with exact prices;
 *  - the two certificates (prices and values, see solver.ts) together are checked on every edge:
 *    edges from outside rows into the deficient part must hold too, which the parts do not promise.
 *    If any check fails, or the condition above does not hold, or there is no deficient part, the
 *    split returns null and the caller solves whole.
 *
 * Deterministic: every step takes rows and columns in index order and breaks ties by index.
 */
import { type SparseProblem, type SparseSolution, SparseSolver } from './solver.ts';

export interface SplitSolution extends SparseSolution {
  /** Rows and columns of the deficient part; bids of its auction. */
  deficientRows: number;
  deficientCols: number;
  bids: number;
  /** The searching of both parts' SparseSolvers (see SparseSolver.work). */
  work: SparseSolver['work'];
}

const UNREACHED = 0x7fffffff;

export function solveSplit(problem: SparseProblem): SplitSolution | null {
  const { rows: n, capacities, rowStart, cols, costs, unassigned } = problem;
  const m = capacities.length;
  const edgeCount = rowStart[n]!;
  let maxCost = 0;
  let minCost = 0;
  for (let e = 0; e < edgeCount; e++) {
    maxCost = Math.max(maxCost, costs[e]!);
    minCost = Math.min(minCost, costs[e]!);
  }
  let minUnassigned = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) minUnassigned = Math.min(minUnassigned, unassigned[r]!);
  if (minCost < 0 || !(minUnassigned > n * maxCost)) return null;

  const layer = deficientLayers(problem);
  // The deficient part: the reach of the last search, which found no augmenting path.
  const deficientRow = new Uint8Array(n);
  const deficientCol = new Uint8Array(m);
  let rowsA = 0;
  for (let r = 0; r < n; r++) {
    if (layer[r] === UNREACHED) continue;
    deficientRow[r] = 1;
    rowsA++;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) deficientCol[cols[e]!] = 1;
  }
  if (rowsA === 0) return null;

  const assigned = new Int32Array(n).fill(-1);
  const u = new Float64Array(n);
  const price = new Float64Array(m);
  const work = { searches: 0, settled: 0, repairs: 0, reached: 0 };
  const solvePart = (
    inPart: (r: number) => boolean,
    colInPart: (c: number) => boolean,
    deficient: boolean,
  ) => {
    const rowIds: number[] = [];
    for (let r = 0; r < n; r++) if (inPart(r)) rowIds.push(r);
    const colIds: number[] = [];
    const colLocal = new Int32Array(m).fill(-1);
    for (let c = 0; c < m; c++) if (colInPart(c)) colLocal[c] = colIds.push(c) - 1;
    // Typed arrays as long as all the edges, cut to the part's: no array of millions of numbers.
    const start = new Int32Array(rowIds.length + 1);
    const partCols = new Int32Array(edgeCount);
    const partCosts = new Float64Array(edgeCount);
    let edges = 0;
    for (let at = 0; at < rowIds.length; at++) {
      const r = rowIds[at]!;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const c = colLocal[cols[e]!]!;
        if (c < 0) continue;
        partCols[edges] = c;
        partCosts[edges++] = costs[e]!;
      }
      start[at + 1] = edges;
    }
    const part: SparseProblem = {
      rows: rowIds.length,
      capacities: Int32Array.from(colIds, (c) => Math.max(0, capacities[c]!)),
      rowStart: start,
      cols: partCols.slice(0, edges),
      costs: partCosts.slice(0, edges),
      unassigned: Float64Array.from(rowIds, (r) => unassigned[r]!),
    };
    let bids = 0;
    let solver: SparseSolver;
    if (deficient) {
      const auction = auctionOut(part);
      if (!auction) return -1;
      bids = auction.bids;
      solver = new SparseSolver(part, { prices: auction.prices, assigned: auction.assigned });
    } else {
      let order: Int32Array | undefined;
      if (problem.order) {
        const local = new Int32Array(n).fill(-1);
        rowIds.forEach((r, at) => {
          local[r] = at;
        });
        order = Int32Array.from(Array.from(problem.order).filter(inPart), (r) => local[r]!);
      }
      solver = new SparseSolver(order ? { ...part, order } : part);
    }
    work.searches += solver.work.searches;
    work.settled += solver.work.settled;
    work.repairs += solver.work.repairs;
    work.reached += solver.work.reached;
    const solution = solver.solution();
    rowIds.forEach((r, at) => {
      const c = solution.assigned[at]!;
      assigned[r] = c >= 0 ? colIds[c]! : -1;
      u[r] = solution.rowValue[at]!;
    });
    colIds.forEach((c, at) => {
      price[c] = solution.colPrice[at]!;
    });
    return bids;
  };
  solvePart(
    (r) => !deficientRow[r],
    (c) => !deficientCol[c],
    false,
  );
  let colsA = 0;
  for (let c = 0; c < m; c++) if (deficientCol[c] && capacities[c]! > 0) colsA++;
  const bids = solvePart(
    (r) => deficientRow[r] === 1,
    (c) => deficientCol[c] === 1 && capacities[c]! > 0,
    true,
  );
  if (bids < 0) return null;
  // Columns without a free place: any price will do (they are full); the least that covers their edges.
  for (let r = 0; r < n; r++) {
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const c = cols[e]!;
      if (capacities[c]! <= 0) price[c] = Math.max(price[c]!, u[r]! - costs[e]!);
    }
  }

  // The certificate, checked on every edge; and the total.
  const load = new Int32Array(m);
  let totalCost = 0;
  for (let r = 0; r < n; r++) {
    const col = assigned[r]!;
    if (u[r]! > unassigned[r]!) return null;
    if (col < 0) {
      if (u[r] !== unassigned[r]) return null;
      totalCost += unassigned[r]!;
    } else load[col]! += 1;
    let tight = col < 0;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const reduced = costs[e]! + price[cols[e]!]! - u[r]!;
      if (reduced < 0) return null;
      if (cols[e] === col && reduced === 0 && !tight) {
        tight = true;
        totalCost += costs[e]!;
      }
    }
    if (!tight) return null;
  }
  for (let c = 0; c < m; c++) {
    if (price[c]! < 0 || load[c]! > Math.max(0, capacities[c]!)) return null;
    if (price[c]! > 0 && load[c]! < capacities[c]!) return null;
  }
  return {
    assigned,
    totalCost,
    rowValue: u,
    colPrice: price,
    deficientRows: rowsA,
    deficientCols: colsA,
    bids,
    work,
  };
}

/**
 * Hopcroft-Karp with column capacities: a breadth-first search from all unassigned rows at once
 * gives each row its layer, then depth-first searches along the layers find disjoint shortest
 * augmenting paths, until a search finds none. Returns the layers of that last search: the rows it
 * reached (from unassigned rows with edges) have a layer, the rest UNREACHED.
 */
function deficientLayers(problem: SparseProblem): Int32Array {
  const { rows: n, capacities, rowStart, cols } = problem;
  const m = capacities.length;
  // Places: column c owns places placeStart[c] .. placeStart[c + 1] - 1, each holding a row or -1.
  const placeStart = new Int32Array(m + 1);
  for (let c = 0; c < m; c++) placeStart[c + 1] = placeStart[c]! + Math.max(0, capacities[c]!);
  const holder = new Int32Array(placeStart[m]!).fill(-1);
  const placeOf = new Int32Array(n).fill(-1);
  const placeCol = new Int32Array(placeStart[m]!);
  for (let c = 0; c < m; c++) placeCol.fill(c, placeStart[c]!, placeStart[c + 1]!);
  const freeFrom = placeStart.slice(0, m);
  // A greedy start: each row the first place left along its edges.
  for (let r = 0; r < n; r++) {
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const c = cols[e]!;
      if (freeFrom[c]! < placeStart[c + 1]!) {
        const place = freeFrom[c]!++;
        holder[place] = r;
        placeOf[r] = place;
        break;
      }
    }
  }

  // Hopcroft-Karp: a breadth-first search from all unassigned rows at once gives each row its
  // layer, then depth-first searches along the layers find disjoint shortest augmenting paths.
  const layer = new Int32Array(n);
  const colSeen = new Int32Array(m);
  const queue = new Int32Array(n);
  const edgeAt = new Int32Array(n);
  const slotAt = new Int32Array(n);
  const into = new Int32Array(n);
  const stack = new Int32Array(n);
  let phases = 0;
  for (;;) {
    phases++;
    let tail = 0;
    for (let r = 0; r < n; r++) {
      if (placeOf[r]! < 0 && rowStart[r + 1]! > rowStart[r]!) {
        layer[r] = 0;
        queue[tail++] = r;
      } else layer[r] = UNREACHED;
    }
    let limit = UNREACHED;
    for (let at = 0; at < tail; at++) {
      const r = queue[at]!;
      if (layer[r]! >= limit) break;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const c = cols[e]!;
        if (colSeen[c] === phases) continue;
        colSeen[c] = phases;
        for (let place = placeStart[c]!; place < placeStart[c + 1]!; place++) {
          const other = holder[place]!;
          if (other < 0) limit = Math.min(limit, layer[r]! + 1);
          else if (layer[other] === UNREACHED) {
            layer[other] = layer[r]! + 1;
            queue[tail++] = other;
          }
        }
      }
    }
    if (limit === UNREACHED) break;
    for (let at = 0; at < tail; at++) {
      edgeAt[queue[at]!] = rowStart[queue[at]!]!;
      slotAt[queue[at]!] = 0;
    }
    for (let at = 0; at < tail; at++) {
      const start = queue[at]!;
      if (layer[start] !== 0 || placeOf[start]! >= 0) continue;
      let depth = 0;
      stack[depth++] = start;
      while (depth > 0) {
        const r = stack[depth - 1]!;
        let next = -1;
        let free = -1;
        while (edgeAt[r]! < rowStart[r + 1]!) {
          const c = cols[edgeAt[r]!]!;
          const place = placeStart[c]! + slotAt[r]!;
          if (place >= placeStart[c + 1]!) {
            edgeAt[r]!++;
            slotAt[r] = 0;
            continue;
          }
          slotAt[r]!++;
          const other = holder[place]!;
          if (other < 0) {
            free = place;
            break;
          }
          if (other !== r && layer[other] === layer[r]! + 1) {
            into[r] = place;
            next = other;
            break;
          }
        }
        if (free >= 0) {
          // Augment: each row on the stack moves into the place of the row above it.
          into[r] = free;
          for (let k = depth - 1; k >= 0; k--) {
            const row = stack[k]!;
            const place = into[row]!;
            holder[place] = row;
            placeOf[row] = place;
            layer[row] = UNREACHED;
          }
          depth = 0;
        } else if (next >= 0) stack[depth++] = next;
        else {
          layer[r] = UNREACHED;
          depth--;
        }
      }
    }
  }

  return layer;
}

/** How much ε shrinks from one phase of the auction to the next. */
const SCALE = 8;
/**
 * The auction counts in quarters of a unit of cost, so it ends within a quarter per row: prices
 * in quarters stay exact in floating point, and so do the solver's sums after it. Every bid
 * leaves the bidder ε above its next option, so each row the auction moved last is placed again
 * by SparseSolver; with ε a quarter instead of a whole unit those searches walk much less of a
 * crowded corner (clustered bench at 20,000 needs: split rounds 0.7-1.1 s instead of 1.1-2.2 s,
 * 14 s in all instead of 17 s; in sixteenths, more bids and no faster).
 */
const AUCTION_UNITS = 4;

/**
 * Prices and an assignment for the deficient part (every column can be filled, so is full at the
 * optimum; the rows left over go without) by an ε-scaling forward auction: rows bid for places, a
 * column's places each keep the price of the last bid on them, and "out" is one more object with a
 * place for each row that must go without. Every object then ends each phase full, so the prices
 * of one phase are a fair start for the next; without "out" as an object, prices of a crowded
 * corner shot past the unassigned cost in the first phase and never came back (they only rise).
 * Staying out costs unassigned - the least unassigned cost: the same for every assignment up to a
 * constant, and it keeps the numbers small (the auction's work grows with the range of prices).
 * Rows keep their places from one phase to the next while they are still within ε of their best
 * option: starting every phase with all rows out took 45 million bids on a tenth of the clustered
 * bench, many ties making long price wars. Ends at ε = 1 in its units (see AUCTION_UNITS).
 * Returns the prices in the problem's terms ("out" at 0) and the assignment (-1 for out).
 */
function auctionOut(
  problem: SparseProblem,
): { prices: Float64Array; assigned: Int32Array; bids: number } | null {
  const { rows: n, capacities, rowStart, cols, costs: given, unassigned } = problem;
  const m = capacities.length;
  const OUT = m;
  const K = AUCTION_UNITS;
  const cost = given.map((c) => c * K);
  let places = 0;
  for (let c = 0; c < m; c++) places += capacities[c]!;
  const outPlaces = n - places;
  if (outPlaces < 0) return null;
  let least = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) least = Math.min(least, unassigned[r]!);
  let maxCost = 1;
  for (let e = 0; e < rowStart[n]!; e++) maxCost = Math.max(maxCost, cost[e]!);
  const outCost = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    outCost[r] = (unassigned[r]! - least) * K;
    maxCost = Math.max(maxCost, outCost[r]!);
  }

  // Places: column c owns placeStart[c] .. placeStart[c + 1] - 1; "out" owns the rest, kept in a heap.
  const placeStart = new Int32Array(m + 2);
  for (let c = 0; c < m; c++) placeStart[c + 1] = placeStart[c]! + capacities[c]!;
  placeStart[m + 1] = placeStart[m]! + outPlaces;
  const placePrice = new Float64Array(placeStart[m + 1]!);
  const holder = new Int32Array(placeStart[m + 1]!).fill(-1);
  const cheapest = Int32Array.from({ length: m }, (_, c) => placeStart[c]!);
  /** The price of each object's cheapest place: what a bid must beat. */
  const objectPrice = new Float64Array(m + 1);
  // "out": a min-heap of its places by price (ties by place), so the cheapest is at outHeap[0].
  const outHeap = Int32Array.from({ length: outPlaces }, (_, k) => placeStart[m]! + k);
  const below = (a: number, b: number) => {
    const pa = placePrice[outHeap[a]!]!;
    const pb = placePrice[outHeap[b]!]!;
    return pa < pb || (pa === pb && outHeap[a]! < outHeap[b]!);
  };
  const siftDown = () => {
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      if (l >= outPlaces) break;
      const child = l + 1 < outPlaces && below(l + 1, l) ? l + 1 : l;
      if (below(i, child)) break;
      const t = outHeap[i]!;
      outHeap[i] = outHeap[child]!;
      outHeap[child] = t;
      i = child;
    }
  };
  const object = new Int32Array(n).fill(-1);
  const rowPlace = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let epsilon = 1;
  while (epsilon * SCALE < maxCost) epsilon *= SCALE;
  let bids = 0;
  for (;;) {
    let head = 0;
    let size = 0;
    for (let r = 0; r < n; r++) {
      const place = rowPlace[r]!;
      if (place >= 0) {
        // What it pays is the price of its own place, which may be above its object's cheapest.
        let own = outCost[r]! + placePrice[place]!;
        let best = outPlaces > 0 ? outCost[r]! + objectPrice[OUT]! : Number.POSITIVE_INFINITY;
        for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
          const col = cols[e]!;
          if (capacities[col]! <= 0) continue;
          if (col === object[r]) own = cost[e]! + placePrice[place]!;
          best = Math.min(best, cost[e]! + objectPrice[col]!);
        }
        if (own <= best + epsilon) continue;
        holder[place] = -1;
        rowPlace[r] = -1;
      }
      queue[size++] = r;
    }
    while (size > 0) {
      const row = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      // The best and second-best object: "out" first, then the columns (a later one only if cheaper).
      let best = outPlaces > 0 ? outCost[row]! + objectPrice[OUT]! : Number.POSITIVE_INFINITY;
      let bestObject = outPlaces > 0 ? OUT : -1;
      let second = Number.POSITIVE_INFINITY;
      for (let e = rowStart[row]!; e < rowStart[row + 1]!; e++) {
        const col = cols[e]!;
        if (capacities[col]! <= 0) continue;
        const value = cost[e]! + objectPrice[col]!;
        if (value < best) {
          if (col !== bestObject) second = best;
          best = value;
          bestObject = col;
        } else if (value < second && col !== bestObject) second = value;
      }
      if (bestObject < 0) return null;
      bids++;
      // The bid: as high as keeps this object at most ε worse than the next one.
      const raise = second === Number.POSITIVE_INFINITY ? epsilon : second - best + epsilon;
      let place: number;
      if (bestObject === OUT) {
        place = outHeap[0]!;
        placePrice[place] = objectPrice[OUT]! + raise;
        siftDown();
        objectPrice[OUT] = placePrice[outHeap[0]!]!;
      } else {
        place = cheapest[bestObject]!;
        placePrice[place] = objectPrice[bestObject]! + raise;
        let low = placeStart[bestObject]!;
        for (let at = low + 1; at < placeStart[bestObject + 1]!; at++)
          if (placePrice[at]! < placePrice[low]!) low = at;
        cheapest[bestObject] = low;
        objectPrice[bestObject] = placePrice[low]!;
      }
      const bumped = holder[place]!;
      holder[place] = row;
      rowPlace[row] = place;
      object[row] = bestObject;
      if (bumped >= 0) {
        rowPlace[bumped] = -1;
        let tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = bumped;
        size++;
      }
    }
    if (epsilon === 1) break;
    epsilon = Math.max(1, Math.floor(epsilon / SCALE));
  }
  const prices = new Float64Array(m);
  for (let c = 0; c < m; c++) prices[c] = Math.max(0, (objectPrice[c]! - objectPrice[OUT]!) / K + least);
  const assigned = Int32Array.from(object, (o) => (o === OUT ? -1 : o));
  return { prices, assigned, bids };
}
