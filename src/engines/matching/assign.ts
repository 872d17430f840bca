import { VolunteerIndex } from './candidates.ts';
import { byScoreThenId } from './rank.ts';
import { defaultWeights, scoreProposal } from './score.ts';
import { type SparseProblem, type SparseSolution, SparseSolver } from './solver.ts';
import { solveSplit } from './split.ts';
import type { Need, Proposal, Urgency, Volunteer, Weights } from './types.ts';

export interface Assignment {
  proposals: Proposal[];
  unassigned: string[];
  /** Sum of the scores of the proposals. */
  totalScore: number;
}

const urgencyBonus: Record<Urgency, number> = { low: 0, normal: 50, high: 100 };

/**
 * The cost of leaving a need without a volunteer. Above 100 x the number of needs, so that no
 * trade of scores can make dropping a need pay (the most any set of assignments can lose in score
 * is 100 per need); among needs that cannot all be helped, the more urgent are kept.
 */
export function unassignedCost(needCount: number, urgency: Urgency): number {
  return 100 * needCount + 1 + urgencyBonus[urgency];
}

/** How many candidates each need starts with; the proof step adds more where they are needed. */
const FIRST_CANDIDATES = 4;
/**
 * How many improving pairs a need may gain in the first round of the proof step; twice as many
 * each round after, up to MAX_ADDED_CAP. Where capacity is short, the needs of a crowded corner all
 * find the same few nearest free volunteers; growing the share lets the corner reach the free
 * volunteers farther out in a few rounds instead of a few volunteers per round.
 */
const MAX_ADDED = 4;
const MAX_ADDED_CAP = 64;
/**
 * A round after the first solves warm (SparseSolver.update) when at most this share of the rows
 * gained pairs, and otherwise anew, split in two where capacity is short (solveSplit). Warm, each
 * row placed again costs a search and, where capacity is short, the repair of the place it left
 * walks the crowded corner; anew, a round costs about the same however few rows gained. On the
 * clustered bench at 20,000 needs (with the auction still in whole units of cost) a split round
 * took 2.3-2.9 s, a warm one 0.9 s for 1,317 rows (6.6%) and 0.2-0.6 s for 350-400; at 1% the
 * rounds with 384 and 399 rows went split: 24 s in all, against 20 s at 10%.
 */
const WARM_SHARE = 1 / 10;

export interface NeedsSolution {
  /** Needs and volunteers ordered by id: the rows and columns of `problem`. */
  needs: Need[];
  volunteers: Volunteer[];
  /** The candidate pairs the last solve had, with the result on them. */
  problem: SparseProblem;
  assigned: Int32Array;
  totalCost: number;
  /** Rounds of solving (1 when the first candidates were enough), pairs added by the proof step, and needs it had to check in full. */
  rounds: number;
  added: number;
  checked: number;
  /**
   * The solvers' searching, over all rounds (see SparseSolver.work), the rounds solved split in
   * two and the bids of their auctions (see solveSplit).
   */
  work: SparseSolver['work'] & { bids: number; splits: number };
  /** Milliseconds spent finding first candidates, solving, and proving (all rounds). */
  ms: { candidates: number; solve: number; proof: number };
}

/**
 * All open needs at once, as an exact minimum-cost assignment without building every eligible pair:
 *  1. each need starts with its best few candidates from the volunteer index (VolunteerIndex.best),
 *     which also tells the least cost of any pair it left out (`threshold`);
 *  2. the solver finds the optimum on those pairs, with prices p per volunteer and a value u per need;
 *  3. proof: a left-out pair (need, volunteer) could only improve the total if cost + p < u. Prices
 *     are never negative, so a need whose u is at most its threshold needs no look; for the others
 *     the index finds the few eligible volunteers with the least cost + p below u
 *     (VolunteerIndex.improving), without listing every one that is below;
 *  4. if there are any, the most improving few of each need join the candidates and the solver
 *     runs again, placing only the needs that gained pairs anew; when
 *     there are none, the prices prove the assignment optimal over every eligible pair, not just
 *     the candidates;
 *  5. a need found with fewer improving pairs than it may gain is proven: all of them joined. It
 *     stays proven in the next round unless its u rose or a volunteer who may now improve on it
 *     had their price fall (see unprove), so after the first rounds the proof step looks again at
 *     only the needs around the prices that moved. On the clustered bench at 50,000 needs that
 *     cut the needs checked in full from 796,380 to 336,617 and the proof from 87 s to 58 s.
 */
export function solveNeeds(
  needsIn: readonly Need[],
  volunteersIn: readonly Volunteer[],
  options: { weights?: Weights; candidates?: number } = {},
): NeedsSolution {
  const weights = options.weights ?? defaultWeights;
  const ms = { candidates: 0, solve: 0, proof: 0 };
  let clock = performance.now();
  const lap = (part: keyof typeof ms) => {
    const now = performance.now();
    ms[part] += now - clock;
    clock = now;
  };
  const needs = [...needsIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const volunteers = [...volunteersIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new VolunteerIndex(volunteers);
  const n = needs.length;

  const threshold = new Float64Array(n);
  // Neighbours one after the other (see localOrder); each row's result is its own, so any order gives the same.
  const local = index.localOrder(needs);
  const first = new PairList();
  for (const row of local) {
    const best = index.best(needs[row]!, options.candidates ?? FIRST_CANDIDATES, weights);
    for (let at = 0; at < best.volunteers.length; at++)
      first.push(row, best.volunteers[at]!, 100 - best.scores[at]!);
    threshold[row] = best.threshold;
  }
  const unassigned = Float64Array.from(needs, (need) => unassignedCost(n, need.urgency));
  const capacities = Int32Array.from(volunteers, (v) => Math.max(0, v.capacity - v.activeMatches));
  // Rows that cost most to leave out are placed first: when capacity is short they take their
  // places early, and the searches of later rows stop sooner.
  const order = Int32Array.from(needs.keys()).sort((a, b) => unassigned[b]! - unassigned[a]! || a - b);
  // The candidate pairs, in compressed rows: the first few, then each round what the proof added.
  const empty = { rowStart: new Int32Array(n + 1), cols: new Int32Array(0), costs: new Float64Array(0) };
  let problem = withAdded({ rows: n, capacities, unassigned, order, ...empty }, first);

  lap('candidates');
  let rounds = 0;
  let added = 0;
  let checked = 0;
  let solver: SparseSolver | null = null;
  // The last split solution and its problem: a warm round starts from it (see SparseSolver's start).
  let split: { problem: SparseProblem; solution: SparseSolution } | null = null;
  const work = { searches: 0, settled: 0, repairs: 0, reached: 0, bids: 0, splits: 0 };
  const none = { searches: 0, settled: 0, repairs: 0, reached: 0 };
  const count = (after: SparseSolver['work'], before: SparseSolver['work'] = none) => {
    work.searches += after.searches - before.searches;
    work.settled += after.settled - before.settled;
    work.repairs += after.repairs - before.repairs;
    work.reached += after.reached - before.reached;
  };
  let gained: number[] = [];
  // The pairs the proof step adds for the next round.
  const adding = new PairList();
  // Needs whose left-out pairs are proven not to improve on the current prices (step 5 above).
  const proven = new Uint8Array(n);
  const queries = index.queries(needs);
  let before: SparseSolution | null = null;
  for (;;) {
    rounds++;
    if (adding.length > 0) problem = withAdded(problem, adding);
    adding.clear();
    let solution: SparseSolution | null = null;
    const warm = (solver !== null || split !== null) && gained.length <= WARM_SHARE * n;
    if (!warm) {
      const whole = solveSplit(problem);
      if (whole) {
        work.bids += whole.bids;
        work.splits++;
        count(whole.work);
        solver = null;
        split = { problem, solution: whole };
        solution = whole;
      }
    }
    if (!solution) {
      if (split) {
        // Exact already, so the start is taken whole: no search, no repair.
        const { assigned, colPrice: prices } = split.solution;
        solver = new SparseSolver(split.problem, { prices, assigned });
        count(solver.work);
        split = null;
      }
      // Only the rows that gained pairs are placed again (warm start): the rest keep prices that
      // are already close to the end, so the forward searches stay short.
      if (solver) {
        const before = { ...solver.work };
        solver.update(problem, gained);
        count(solver.work, before);
      } else {
        solver = new SparseSolver(problem);
        count(solver.work);
      }
      solution = solver.solution();
    }
    gained = [];
    lap('solve');
    if (before) unprove(proven, before, solution, index, needs, queries, weights);
    // Every round's solution has arrays of its own, which no later round changes.
    before = solution;
    const priced = index.pricedOrder(solution.colPrice, weights);
    const share = Math.min(MAX_ADDED_CAP, MAX_ADDED * 2 ** (rounds - 1));
    let found = 0;
    for (const row of local) {
      const need = needs[row]!;
      const value = solution.rowValue[row]!;
      if (value <= threshold[row]!) {
        proven[row] = 1;
        continue;
      }
      if (proven[row]) continue;
      checked++;
      // Only the most improving few join: enough for the next round to move, without flooding the
      // solver with pairs that a few rows in a crowded corner all share.
      const most = index.improving(need, value, priced, weights, share);
      for (let at = 0; at < most.volunteers.length; at++) {
        adding.push(row, most.volunteers[at]!, most.costs[at]!);
      }
      if (most.volunteers.length > 0) gained.push(row);
      // Fewer than the share: every improving pair joins, so the rest cannot improve.
      proven[row] = most.volunteers.length < share ? 1 : 0;
      found += most.volunteers.length;
    }
    // The warm start places the rows in the order given: keep it the order of rows.
    gained.sort((a, b) => a - b);
    added += found;
    lap('proof');
    if (found === 0)
      return {
        needs,
        volunteers,
        problem,
        assigned: solution.assigned,
        totalCost: solution.totalCost,
        rounds,
        added,
        checked,
        work,
        ms,
      };
  }
}

/**
 * Keeps a need proven from one round's prices to the next only where that stays true: a left-out
 * pair had cost + p >= u, so it still has if u did not rise and p did not fall; of the volunteers
 * whose price fell, only those who now make a pair below u unprove the need (unflagImproved looks
 * at exactly those). Where capacity is short the rounds after the first few move only a few
 * prices, so the proof step looks again at only the needs around them.
 */
function unprove(
  proven: Uint8Array,
  before: SparseSolution,
  after: SparseSolution,
  index: VolunteerIndex,
  needs: readonly Need[],
  queries: ReturnType<VolunteerIndex['queries']>,
  weights: Weights,
) {
  for (let row = 0; row < proven.length; row++)
    if (after.rowValue[row]! > before.rowValue[row]!) proven[row] = 0;
  const fallen: number[] = [];
  for (let col = 0; col < after.colPrice.length; col++)
    if (after.colPrice[col]! < before.colPrice[col]!) fallen.push(col);
  if (fallen.length > 0)
    index.unflagImproved(needs, queries, proven, fallen, after.colPrice, after.rowValue, weights);
}

/** Pairs the proof step found, in the order found, in typed arrays that grow by doubling. */
class PairList {
  length = 0;
  rows = new Int32Array(1024);
  cols = new Int32Array(1024);
  costs = new Float64Array(1024);

  push(row: number, col: number, cost: number) {
    if (this.length === this.rows.length) {
      const grow = <T extends Int32Array | Float64Array>(from: T, to: T) => {
        to.set(from);
        return to;
      };
      this.rows = grow(this.rows, new Int32Array(2 * this.length));
      this.cols = grow(this.cols, new Int32Array(2 * this.length));
      this.costs = grow(this.costs, new Float64Array(2 * this.length));
    }
    this.rows[this.length] = row;
    this.cols[this.length] = col;
    this.costs[this.length] = cost;
    this.length++;
  }

  /** Empty again, keeping the space for the next round. */
  clear() {
    this.length = 0;
  }
}

/**
 * The problem with the pairs added: each row's pairs as before, then its new ones in the order
 * they were found. Straight from one set of typed arrays to the next: the millions of pairs of a
 * crowded corner held as a JavaScript array per row took twice the memory and the garbage
 * collector's time.
 */
function withAdded(problem: SparseProblem, added: PairList): SparseProblem {
  const { rows, rowStart: oldStart, cols: oldCols, costs: oldCosts } = problem;
  const rowStart = new Int32Array(rows + 1);
  for (let at = 0; at < added.length; at++) rowStart[added.rows[at]! + 1]! += 1;
  for (let r = 0; r < rows; r++)
    rowStart[r + 1] = rowStart[r]! + rowStart[r + 1]! + oldStart[r + 1]! - oldStart[r]!;
  const cols = new Int32Array(rowStart[rows]!);
  const costs = new Float64Array(rowStart[rows]!);
  // Where each row's next new pair goes: after the pairs it had.
  const next = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const from = oldStart[r]!;
    const to = oldStart[r + 1]!;
    cols.set(oldCols.subarray(from, to), rowStart[r]!);
    costs.set(oldCosts.subarray(from, to), rowStart[r]!);
    next[r] = rowStart[r]! + to - from;
  }
  for (let at = 0; at < added.length; at++) {
    const r = added.rows[at]!;
    cols[next[r]!] = added.cols[at]!;
    costs[next[r]!] = added.costs[at]!;
    next[r]!++;
  }
  return { ...problem, rowStart, cols, costs };
}

/**
 * Mode two: all open needs at once. Assigns needs to volunteers within their free capacity so
 * that first as many needs as possible are helped, then the more urgent ones, then the total fit
 * is highest: an exact minimum-cost assignment (see solveNeeds for how it avoids every pair).
 * Deterministic: inputs are ordered by id, ties fall to the lower id.
 */
export function assignAll(
  needsIn: readonly Need[],
  volunteersIn: readonly Volunteer[],
  options: { weights?: Weights } = {},
): Assignment {
  const { needs, volunteers, assigned } = solveNeeds(needsIn, volunteersIn, options);
  const proposals: Proposal[] = [];
  const unassignedIds: string[] = [];
  needs.forEach((need, row) => {
    const col = assigned[row]!;
    if (col >= 0) proposals.push(scoreProposal(need, volunteers[col]!, options.weights ?? defaultWeights));
    else unassignedIds.push(need.id);
  });
  proposals.sort(byScoreThenId);
  return {
    proposals,
    unassigned: unassignedIds,
    totalScore: proposals.reduce((sum, p) => sum + p.score, 0),
  };
}
