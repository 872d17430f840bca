// Talent coaching matchmaking: a cohort of 150 families among 500 coaches, proven optimal against an
// independent reference (the Hungarian algorithm on the dense cost matrix, coach capacity expanded
// into slots), and a region of 44 towns (5,000 families, 15,000 coaches).
import {
  assignCohort,
  type CoachingFamily,
  type CoachProfile,
  coachHardReasons,
  coachingEdgeCost,
  coachingUnassignedCost,
  scoreCoach,
} from '../src/engines/matching/index.ts';

/** A small deterministic PRNG (mulberry32), so every run measures the same instance. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const languages = ['nl', 'tr', 'ar', 'it', 'pl', 'fr', 'ro', 'es'];
const backgrounds = ['Turks-Belgisch', 'Marokkaans-Belgisch', 'Italiaans-Belgisch', 'Pools', 'Congolees'];
const interests = ['voetbal', 'koken', 'lezen', 'muziek', 'tekenen', 'zwemmen', 'fietsen', 'natuur'];
const topics = ['communication', 'involvement', 'boundaries'];

interface Town {
  lat: number;
  lon: number;
}

export function coachingInstance(familyCount: number, coachCount: number, towns: Town[], seed = 5) {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => random() < p);
  // Within about 3 km of a town's centre.
  const place = () => {
    const town = pick(towns);
    return { lat: town.lat + (random() - 0.5) * 0.05, lon: town.lon + (random() - 0.5) * 0.08 };
  };
  const families: CoachingFamily[] = Array.from({ length: familyCount }, (_, i) => {
    const home = random() < 0.6 ? pick(languages.slice(1)) : 'nl';
    return {
      id: `f${String(i).padStart(5, '0')}`,
      location: place(),
      languages: home === 'nl' ? ['nl'] : [home, ...(random() < 0.6 ? ['nl'] : [])],
      sharedBackground: random() < 0.25 ? pick(backgrounds) : null,
      interests: some(interests, 0.2),
      genderPreference: random() < 0.15 ? pick(['female', 'male'] as const) : null,
    };
  });
  const coaches: CoachProfile[] = Array.from({ length: coachCount }, (_, i) => ({
    id: `c${String(i).padStart(5, '0')}`,
    languages: ['nl', ...some(languages.slice(1), 0.12)],
    background: random() < 0.3 ? pick(backgrounds) : null,
    interests: some(interests, 0.25),
    home: place(),
    maxDistanceKm: 2 + Math.floor(random() * 7),
    gender: pick(['female', 'male', 'female', null] as const),
    missingSessions: random() < 0.2 ? some(topics, 0.6) : [],
    screened: random() < 0.9,
    capacity: random() < 0.6 ? 1 : 2,
    activeFamilies: random() < 0.1 ? 1 : 0,
  }));
  return { families, coaches };
}

/**
 * The reference: the Hungarian algorithm (shortest augmenting paths with potentials, O(n^2 m)) on
 * the dense matrix of families x (coach slots + one "no coach" column per family). A different
 * algorithm from the engine's min-cost flow, sharing only the cost of a pair.
 */
export function hungarianReference(families: readonly CoachingFamily[], coaches: readonly CoachProfile[]) {
  const INF = 1e12;
  const n = families.length;
  const slotCoach: number[] = [];
  coaches.forEach((c, j) => {
    for (let k = 0; k < Math.max(0, c.capacity - c.activeFamilies); k++) slotCoach.push(j);
  });
  const m = slotCoach.length + n;
  const none = coachingUnassignedCost(n);
  const cost: Float64Array[] = families.map((f, i) => {
    const row = new Float64Array(m).fill(INF);
    const byCoach = new Map<number, number>();
    slotCoach.forEach((j, s) => {
      let c = byCoach.get(j);
      if (c === undefined) {
        c = coachHardReasons(f, coaches[j]!).length ? INF : coachingEdgeCost(scoreCoach(f, coaches[j]!));
        byCoach.set(j, c);
      }
      row[s] = c;
    });
    row[slotCoach.length + i] = none;
    return row;
  });
  // e-maxx formulation, 1-based: u (rows), v (columns), p (column -> row), way (path).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      const row = cost[i0 - 1]!;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = row[j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  let matched = 0;
  for (let j = 1; j <= m; j++) {
    if (p[j] === 0) continue;
    total += cost[p[j]! - 1]![j - 1]!;
    if (j <= slotCoach.length) matched++;
  }
  return { total, matched };
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

const genk: Town[] = [{ lat: 50.965, lon: 5.5 }];

/** 44 towns on a grid about 20 km apart, like the towns of a province. */
function regionTowns(): Town[] {
  const towns: Town[] = [];
  for (let row = 0; row < 7 && towns.length < 44; row++)
    for (let col = 0; col < 7 && towns.length < 44; col++)
      towns.push({ lat: 50.6 + row * 0.18, lon: 4.9 + col * 0.28 });
  return towns;
}

export function benchCoaching(): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const cohort = coachingInstance(150, 500, genk, 5);
  assignCohort(cohort.families, cohort.coaches); // warm-up (JIT)
  const runs: number[] = [];
  let result = assignCohort(cohort.families, cohort.coaches);
  for (let k = 0; k < 5; k++) {
    const [r, ms] = time(() => assignCohort(cohort.families, cohort.coaches));
    runs.push(ms);
    result = r;
  }
  runs.sort((a, b) => a - b);
  const median = runs[2]!;
  rows.push([
    'coaching: cohort 150 families x 500 coaches, exact',
    `${median.toFixed(1)} ms`,
    `median of 5; ${result.proposals.length} matched, ${result.unassigned.length} without; ${result.stats.keptPairs}/${result.stats.candidatePairs} pairs kept; target < 200 ms: ${median < 200 ? 'met' : 'MISSED'}`,
  ]);
  const [reference, refMs] = time(() => hungarianReference(cohort.families, cohort.coaches));
  const difference = result.totalCost - reference.total;
  rows.push([
    '  total cost: engine / reference',
    `${result.totalCost} / ${reference.total}`,
    `reference = Hungarian on the dense matrix (${refMs.toFixed(0)} ms, ${reference.matched} matched)`,
  ]);
  rows.push(['  difference', String(difference), `must be 0: ${difference === 0 ? 'met' : 'MISSED'}`]);

  const region = coachingInstance(5000, 15_000, regionTowns(), 11);
  const [regional, regionMs] = time(() => assignCohort(region.families, region.coaches));
  rows.push([
    'coaching: region, 44 towns, 5,000 families x 15,000 coaches',
    `${Math.round(regionMs)} ms`,
    `total cost ${regional.totalCost}; ${regional.proposals.length} matched, ${regional.unassigned.length} without; ${regional.stats.components} independent groups; ${regional.stats.keptPairs}/${regional.stats.candidatePairs} pairs kept; target < 5 s: ${regionMs < 5000 ? 'met' : 'MISSED'}`,
  ]);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of benchCoaching()) console.log(row.join('  |  '));
}
