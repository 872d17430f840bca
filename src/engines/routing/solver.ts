import { type Travel, travelOf } from './travel.ts';
import type { Plan, Problem, Route, SolveOptions } from './types.ts';

/**
 * A vehicle routing solver with time windows: greedy insertion to start, then ruin and recreate in
 * the manner of SISR (Christiaens & Vanden Berghe, 2020: remove strings of neighbouring visits from
 * a few routes, put them back at their cheapest feasible places with "blinks") under simulated
 * annealing. Pure and deterministic for a given seed and iteration count.
 */

const UNASSIGNED_PENALTY = 1e6;

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Model {
  n: number;
  v: number;
  travel: Travel;
  loc: Int32Array;
  ready: Float64Array;
  due: Float64Array;
  service: Float64Array;
  demand: Float64Array;
  pinned: Int32Array;
  vStart: Int32Array;
  vEnd: Int32Array;
  vShiftStart: Float64Array;
  vShiftEnd: Float64Array;
  vCap: Float64Array;
  /** For each job, the nearest other jobs, nearest first. */
  neighbours: Int32Array[];
  /** Large problems look only at routes that hold a job's neighbours (plus empty routes). */
  granular: boolean;
  /** The scale of distances, for the annealing temperature. */
  typicalHop: number;
}

const NEIGHBOURS = 40;
const GRANULAR_NEIGHBOURS = 20;

function buildModel(problem: Problem): Model {
  const n = problem.jobs.length;
  const v = problem.vehicles.length;
  const vehicleIndex = new Map(problem.vehicles.map((vehicle, i) => [vehicle.id, i]));
  const loc = Int32Array.from(problem.jobs, (j) => j.location);
  const travel = travelOf(problem);
  const neighbours = travel.nearest(loc, Math.min(NEIGHBOURS, Math.max(0, n - 1)));
  let hops = 0;
  for (let j = 0; j < n; j++)
    if (neighbours[j]!.length > 0) hops += travel.distance(loc[j]!, loc[neighbours[j]![0]!]!);
  return {
    n,
    v,
    travel,
    loc,
    ready: Float64Array.from(problem.jobs, (j) => j.ready),
    due: Float64Array.from(problem.jobs, (j) => j.due),
    service: Float64Array.from(problem.jobs, (j) => j.service),
    demand: Float64Array.from(problem.jobs, (j) => j.demand),
    pinned: Int32Array.from(problem.jobs, (j) =>
      j.pinnedTo === undefined ? -1 : (vehicleIndex.get(j.pinnedTo) ?? -2),
    ),
    vStart: Int32Array.from(problem.vehicles, (x) => x.start),
    vEnd: Int32Array.from(problem.vehicles, (x) => x.end),
    vShiftStart: Float64Array.from(problem.vehicles, (x) => x.shiftStart),
    vShiftEnd: Float64Array.from(problem.vehicles, (x) => x.shiftEnd),
    vCap: Float64Array.from(problem.vehicles, (x) => x.capacity),
    neighbours,
    granular: n * v > 20_000,
    typicalHop: n > 0 ? hops / n : 1,
  };
}

/** One route with its schedule: earliest and latest feasible start of each visit. */
interface RouteState {
  jobs: number[];
  earliest: number[];
  latest: number[];
  load: number;
  cost: number;
}

function annotate(m: Model, vehicle: number, jobs: number[]): RouteState {
  const k = jobs.length;
  const earliest = new Array<number>(k);
  const latest = new Array<number>(k);
  let place = m.vStart[vehicle]!;
  let time = m.vShiftStart[vehicle]!;
  let cost = 0;
  let load = 0;
  for (let i = 0; i < k; i++) {
    const j = jobs[i]!;
    const at = m.loc[j]!;
    cost += m.travel.distance(place, at);
    time = Math.max(m.ready[j]!, time + m.travel.duration(vehicle, place, at));
    earliest[i] = time;
    time += m.service[j]!;
    place = at;
    load += m.demand[j]!;
  }
  cost += m.travel.distance(place, m.vEnd[vehicle]!);
  let next = m.vShiftEnd[vehicle]!;
  let nextPlace = m.vEnd[vehicle]!;
  for (let i = k - 1; i >= 0; i--) {
    const j = jobs[i]!;
    const at = m.loc[j]!;
    next = Math.min(m.due[j]!, next - m.travel.duration(vehicle, at, nextPlace) - m.service[j]!);
    latest[i] = next;
    nextPlace = at;
  }
  return { jobs, earliest, latest, load, cost };
}

function feasible(state: RouteState): boolean {
  for (let i = 0; i < state.jobs.length; i++) if (state.earliest[i]! > state.latest[i]! + 1e-9) return false;
  return true;
}

interface Solution {
  routes: RouteState[];
  unassigned: number[];
  cost: number;
  /** The route of each job, or -1, and its position in that route. */
  where: Int32Array;
  pos: Int32Array;
}

function place(solution: Solution, m: Model, r: number, jobs: number[]) {
  solution.routes[r] = annotate(m, r, jobs);
  for (let i = 0; i < jobs.length; i++) {
    solution.where[jobs[i]!] = r;
    solution.pos[jobs[i]!] = i;
  }
}

function total(routes: RouteState[], unassigned: number[]): number {
  let cost = unassigned.length * UNASSIGNED_PENALTY;
  for (const r of routes) cost += r.cost;
  return cost;
}

/** The cheapest feasible place for job j, skipping each place with chance `blink`. */
function bestInsertion(
  m: Model,
  solution: Solution,
  j: number,
  random: () => number,
  blink: number,
): { route: number; at: number; delta: number } | null {
  const routes = solution.routes;
  let best: { route: number; at: number; delta: number } | null = null;
  const at = m.loc[j]!;
  const tryPlace = (r: number, i: number) => {
    const route = routes[r]!;
    const k = route.jobs.length;
    const prevPlace = i === 0 ? m.vStart[r]! : m.loc[route.jobs[i - 1]!]!;
    const nextPlace = i === k ? m.vEnd[r]! : m.loc[route.jobs[i]!]!;
    const delta =
      m.travel.distance(prevPlace, at) +
      m.travel.distance(at, nextPlace) -
      m.travel.distance(prevPlace, nextPlace);
    if (best && delta >= best.delta) return;
    const prevDone = i === 0 ? m.vShiftStart[r]! : route.earliest[i - 1]! + m.service[route.jobs[i - 1]!]!;
    const start = Math.max(m.ready[j]!, prevDone + m.travel.duration(r, prevPlace, at));
    if (start > m.due[j]!) return;
    const arriveNext = start + m.service[j]! + m.travel.duration(r, at, nextPlace);
    const limit = i === k ? m.vShiftEnd[r]! : route.latest[i]!;
    if (i === k ? arriveNext > limit : Math.max(m.ready[route.jobs[i]!]!, arriveNext) > limit) return;
    if (blink > 0 && random() < blink) return;
    best = { route: r, at: i, delta };
  };
  const allowed = (r: number) =>
    (m.pinned[j]! < 0 || m.pinned[j] === r) && routes[r]!.load + m.demand[j]! <= m.vCap[r]!;
  if (!m.granular) {
    for (let r = 0; r < routes.length; r++) {
      if (!allowed(r)) continue;
      for (let i = 0; i <= routes[r]!.jobs.length; i++) tryPlace(r, i);
    }
    return best;
  }
  // Granular: only next to the nearest planned jobs (before or after each), and in empty routes.
  const near = m.neighbours[j]!;
  for (let g = 0; g < near.length && g < GRANULAR_NEIGHBOURS; g++) {
    const r = solution.where[near[g]!]!;
    if (r < 0 || !allowed(r)) continue;
    const i = solution.pos[near[g]!]!;
    tryPlace(r, i);
    tryPlace(r, i + 1);
  }
  if (m.pinned[j]! >= 0 && allowed(m.pinned[j]!)) {
    const r = m.pinned[j]!;
    for (let i = 0; i <= routes[r]!.jobs.length; i++) tryPlace(r, i);
  }
  for (let r = 0; r < routes.length; r++) if (routes[r]!.jobs.length === 0 && allowed(r)) tryPlace(r, 0);
  return best;
}

function insertAll(m: Model, solution: Solution, pending: number[], random: () => number, blink: number) {
  for (const j of pending) {
    const spot = bestInsertion(m, solution, j, random, blink);
    if (!spot) {
      solution.unassigned.push(j);
      solution.where[j] = -1;
      continue;
    }
    const jobs = solution.routes[spot.route]!.jobs.slice();
    jobs.splice(spot.at, 0, j);
    place(solution, m, spot.route, jobs);
  }
  solution.cost = total(solution.routes, solution.unassigned);
}

function orderForRecreate(m: Model, jobs: number[], random: () => number): number[] {
  const pick = random();
  const key =
    pick < 0.4
      ? () => random()
      : pick < 0.8
        ? (j: number) => -m.demand[j]!
        : pick < 0.95
          ? (j: number) => -m.travel.distance(m.vStart[0]!, m.loc[j]!)
          : (j: number) => m.travel.distance(m.vStart[0]!, m.loc[j]!);
  return jobs
    .map((j) => ({ j, k: key(j) }))
    .sort((a, b) => a.k - b.k || a.j - b.j)
    .map((x) => x.j);
}

/** SISR's ruin: strings of consecutive visits near a random seed visit, from a few routes. */
function ruin(
  m: Model,
  solution: Solution,
  random: () => number,
  averageRemoved: number,
  maxString: number,
): number[] {
  const where = solution.where;
  const nonEmpty = solution.routes.filter((r) => r.jobs.length > 0);
  if (nonEmpty.length === 0) return [];
  const averageLength = nonEmpty.reduce((s, r) => s + r.jobs.length, 0) / nonEmpty.length;
  const stringMax = Math.min(maxString, averageLength);
  const routesMax = (4 * averageRemoved) / (1 + stringMax) - 1;
  const routesToRuin = Math.floor(random() * routesMax) + 1;
  const seed = Math.floor(random() * m.n);
  const removed: number[] = [];
  const ruined = new Set<number>();
  for (const c of [seed, ...m.neighbours[seed]!]) {
    if (ruined.size >= routesToRuin) break;
    const r = where[c]!;
    if (r < 0 || ruined.has(r)) continue;
    const jobs = solution.routes[r]!.jobs;
    const length = Math.max(1, Math.floor(random() * Math.min(jobs.length, stringMax)) + 1);
    const position = jobs.indexOf(c);
    const first = Math.max(0, Math.min(jobs.length - length, position - Math.floor(random() * length)));
    const taken = jobs.slice(first, first + length);
    removed.push(...taken);
    const kept = jobs.slice(0, first).concat(jobs.slice(first + length));
    place(solution, m, r, kept);
    for (const j of taken) where[j] = -1;
    ruined.add(r);
  }
  return removed;
}

function cloneSolution(s: Solution): Solution {
  return {
    routes: s.routes.slice(),
    unassigned: s.unassigned.slice(),
    cost: s.cost,
    where: s.where.slice(),
    pos: s.pos.slice(),
  };
}

export function solve(problem: Problem, options: SolveOptions = {}): Plan {
  const m = buildModel(problem);
  const random = prng(options.seed ?? 1);
  const iterations = options.iterations ?? 20_000;
  const deadline = options.timeBudgetMs ? performance.now() + options.timeBudgetMs : Number.POSITIVE_INFINITY;

  // Start: every visit put at its cheapest place, hardest (latest-closing) windows first.
  const empty: Solution = {
    routes: Array.from({ length: m.v }, (_, r) => annotate(m, r, [])),
    unassigned: [],
    cost: 0,
    where: new Int32Array(m.n).fill(-1),
    pos: new Int32Array(m.n),
  };
  const order = Array.from({ length: m.n }, (_, j) => j).sort((a, b) => m.due[a]! - m.due[b]! || a - b);
  insertAll(m, empty, order, random, 0);
  let current = empty;
  let best = cloneSolution(current);

  // SISR's temperatures (100 to 1) are for Solomon, whose nearest neighbours are about 5 apart.
  const scale = m.typicalHop / 5;
  const t0 = 100 * scale;
  const tf = 1 * scale;
  for (let it = 0; it < iterations; it++) {
    if ((it & 255) === 0 && performance.now() > deadline) break;
    const temperature = t0 * (tf / t0) ** (it / iterations);
    const candidate = cloneSolution(current);
    const removed = ruin(m, candidate, random, 10, 10);
    // Unplanned jobs get another chance a few at a time (all of them each round costs too much
    // when hundreds cannot fit), those near the ruined routes first.
    const retry: number[] = [];
    const keep: number[] = [];
    const budget = Math.max(8, 2 * removed.length);
    const offset = candidate.unassigned.length > 0 ? Math.floor(random() * candidate.unassigned.length) : 0;
    for (let i = 0; i < candidate.unassigned.length; i++) {
      const j = candidate.unassigned[(i + offset) % candidate.unassigned.length]!;
      (retry.length < budget ? retry : keep).push(j);
    }
    const pending = orderForRecreate(m, [...retry, ...removed], random);
    candidate.unassigned = keep;
    insertAll(m, candidate, pending, random, 0.01);
    if (candidate.cost < current.cost - temperature * Math.log(random())) {
      current = candidate;
      if (current.cost < best.cost - 1e-9) best = cloneSolution(current);
    }
  }
  return toPlan(problem, m, best);
}

function toPlan(problem: Problem, m: Model, solution: Solution): Plan {
  const routes: Route[] = [];
  solution.routes.forEach((state, r) => {
    if (state.jobs.length === 0) return;
    if (!feasible(state)) throw new Error('internal error: an infeasible route was kept');
    let place = m.vStart[r]!;
    let time = m.vShiftStart[r]!;
    const stops = state.jobs.map((j) => {
      const arrival = time + m.travel.duration(r, place, m.loc[j]!);
      const start = Math.max(arrival, m.ready[j]!);
      time = start + m.service[j]!;
      place = m.loc[j]!;
      return { jobId: problem.jobs[j]!.id, arrival, start, departure: time };
    });
    routes.push({
      vehicleId: problem.vehicles[r]!.id,
      stops,
      distance: state.cost,
      end: time + m.travel.duration(r, place, m.vEnd[r]!),
    });
  });
  return {
    routes,
    unassigned: solution.unassigned.map((j) => problem.jobs[j]!.id).sort(),
    distance: routes.reduce((s, r) => s + r.distance, 0),
  };
}
