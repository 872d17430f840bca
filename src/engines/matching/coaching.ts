/**
 * Talent coaching: which volunteer coach for which family. Pure, deterministic, no I/O.
 *
 * Hard rules (a coach who breaks one is never proposed): the required training sessions are done,
 * the screening is done, there is room (capacity), and the family lives within the coach's reach.
 * Soft rules (they make one coach a better fit than another): a shared language, the shared
 * self-described background when the family asked for it, distance, shared interests, and the
 * gender the family asked for, if it asked. All cohort families are assigned at once by the exact
 * solver in solver.ts; candidates are pruned only in ways that cannot change the optimum.
 */
import { distanceKm } from '../geo/distance.ts';
import type { Language } from './explain.ts';
import { languageName } from './explain.ts';
import { solveAssignment } from './solver.ts';
import type { Point } from './types.ts';

export interface CoachingFamily {
  id: string;
  location: Point;
  /** Languages the family speaks at home (ISO 639-1), the one spoken most first. */
  languages: readonly string[];
  /** The background the family asked its coach to share, in its own words; null when it did not ask. */
  sharedBackground: string | null;
  interests: readonly string[];
  /** The coach's gender the family asked for; null when it has no preference. */
  genderPreference: 'female' | 'male' | null;
}

export interface CoachProfile {
  id: string;
  languages: readonly string[];
  /** Self-described, optional, used only for matchmaking and only with the coach's consent. */
  background: string | null;
  interests: readonly string[];
  home: Point;
  maxDistanceKm: number;
  gender: 'female' | 'male' | 'other' | null;
  /** Required training sessions not yet attended (empty: trained). */
  missingSessions: readonly string[];
  screened: boolean;
  capacity: number;
  activeFamilies: number;
}

export type CoachHardReason =
  | { kind: 'not_trained'; missing: readonly string[] }
  | { kind: 'not_screened' }
  | { kind: 'capacity' }
  | { kind: 'distance'; km: number; maxKm: number };

export type CoachSoftReason =
  | { kind: 'language'; language: string }
  | { kind: 'no_shared_language' }
  | { kind: 'background' }
  | { kind: 'distance'; km: number }
  | { kind: 'interest'; interests: readonly string[] }
  | { kind: 'gender'; gender: 'female' | 'male' };

export interface CoachProposal {
  familyId: string;
  coachId: string;
  /** 0..100, higher is a better fit. */
  score: number;
  reasons: CoachSoftReason[];
}

const points = { language: 40, background: 20, distance: 20, interests: 10, gender: 10 } as const;

// Backgrounds and interests are compared without case or accents. The same few words recur across
// thousands of pairs, so each is normalised once (a small cache, emptied when it grows).
const normalised = new Map<string, string>();
function norm(s: string): string {
  let out = normalised.get(s);
  if (out === undefined) {
    if (normalised.size > 10_000) normalised.clear();
    out = s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .trim()
      .toLowerCase();
    normalised.set(s, out);
  }
  return out;
}

export function coachHardReasons(family: CoachingFamily, coach: CoachProfile): CoachHardReason[] {
  const reasons: CoachHardReason[] = [];
  if (coach.missingSessions.length > 0) reasons.push({ kind: 'not_trained', missing: coach.missingSessions });
  if (!coach.screened) reasons.push({ kind: 'not_screened' });
  if (coach.activeFamilies >= coach.capacity) reasons.push({ kind: 'capacity' });
  const km = distanceKm(family.location, coach.home);
  if (km > coach.maxDistanceKm) reasons.push({ kind: 'distance', km, maxKm: coach.maxDistanceKm });
  return reasons;
}

export function coachEligible(family: CoachingFamily, coach: CoachProfile): boolean {
  return (
    coach.missingSessions.length === 0 &&
    coach.screened &&
    coach.activeFamilies < coach.capacity &&
    distanceKm(family.location, coach.home) <= coach.maxDistanceKm
  );
}

/** The soft rules: a score out of 100 over the rules that apply to this family, and the reasons. */
export function scoreCoach(family: CoachingFamily, coach: CoachProfile, km?: number): CoachProposal {
  const reasons: CoachSoftReason[] = [];
  const shared = family.languages.find((l) => coach.languages.includes(l));
  if (shared) reasons.push({ kind: 'language', language: shared });
  else if (family.languages.length > 0) reasons.push({ kind: 'no_shared_language' });
  const sameBackground =
    !!family.sharedBackground &&
    !!coach.background &&
    norm(coach.background) === norm(family.sharedBackground);
  if (sameBackground) reasons.push({ kind: 'background' });
  const distance = km ?? distanceKm(family.location, coach.home);
  reasons.push({ kind: 'distance', km: Math.round(distance * 10) / 10 });
  const common = family.interests.filter((i) => coach.interests.some((c) => norm(c) === norm(i)));
  if (common.length > 0) reasons.push({ kind: 'interest', interests: common });
  if (family.genderPreference && coach.gender === family.genderPreference)
    reasons.push({ kind: 'gender', gender: family.genderPreference });
  return {
    familyId: family.id,
    coachId: coach.id,
    score: scoreValue(family, coach, distance, sameBackground, common.length),
    reasons,
  };
}

/**
 * The score alone, for the thousands of pairs of a cohort: the same arithmetic as scoreCoach (which
 * calls it), without building the reasons.
 */
function scoreValue(
  family: CoachingFamily,
  coach: CoachProfile,
  km: number,
  sameBackground: boolean,
  commonInterests: number,
): number {
  let earned = 0;
  let possible = points.language + points.distance + points.interests;
  // The family's first language counts in full; another language they speak, a little less.
  const shared = family.languages.find((l) => coach.languages.includes(l));
  if (shared) earned += shared === family.languages[0] ? points.language : points.language * 0.6;
  else if (family.languages.length === 0) earned += points.language;
  if (family.sharedBackground) {
    possible += points.background;
    if (sameBackground) earned += points.background;
  }
  earned += points.distance * Math.max(0, 1 - km / Math.max(coach.maxDistanceKm, 0.1));
  if (family.interests.length === 0) earned += points.interests;
  else earned += points.interests * Math.min(1, commonInterests / Math.min(2, family.interests.length));
  if (family.genderPreference) {
    possible += points.gender;
    if (coach.gender === family.genderPreference) earned += points.gender;
  }
  return Math.round((100 * earned) / possible);
}

const byScoreThenCoach = (a: CoachProposal, b: CoachProposal) =>
  b.score - a.score || (a.coachId < b.coachId ? -1 : a.coachId > b.coachId ? 1 : 0);

export interface CoachRanking {
  proposals: CoachProposal[];
  /** Coaches blocked by each hard rule (one coach may count under several). */
  blocking: Partial<Record<CoachHardReason['kind'], number>>;
}

/** The coaches who may take this family, best first, each explained; and what blocks the others. */
export function rankCoaches(
  family: CoachingFamily,
  coaches: readonly CoachProfile[],
  options: { limit?: number } = {},
): CoachRanking {
  const proposals: CoachProposal[] = [];
  const blocking: CoachRanking['blocking'] = {};
  for (const coach of coaches) {
    const hard = coachHardReasons(family, coach);
    if (hard.length === 0) proposals.push(scoreCoach(family, coach));
    for (const reason of hard) blocking[reason.kind] = (blocking[reason.kind] ?? 0) + 1;
  }
  proposals.sort(byScoreThenCoach);
  return { proposals: options.limit ? proposals.slice(0, options.limit) : proposals, blocking };
}

/**
 * The cost of leaving a family without a coach: above 100 x the number of families, so that no
 * trade of scores makes leaving a family out pay (as many families as possible get a coach).
 */
export function coachingUnassignedCost(familyCount: number): number {
  return 100 * familyCount + 1;
}

/** The cost of one family-coach pair as the solver sees it: lower is better. */
export const coachingEdgeCost = (proposal: CoachProposal) => 100 - proposal.score;

export interface CohortAssignment {
  proposals: CoachProposal[];
  unassigned: string[];
  /** Sum of pair costs and unassigned costs: the solver's objective, proven least. */
  totalCost: number;
  totalScore: number;
  /** Pairs the solver looked at after pruning, and independent groups solved apart. */
  stats: { candidatePairs: number; keptPairs: number; components: number };
}

/**
 * Assigns a cohort's families to coaches within their free capacity: first as many families as
 * possible, then the best total fit, exactly. Three reductions keep it fast without changing the
 * optimum: (1) only coaches within reach are looked at (a spatial grid; outside the reach a coach
 * cannot be matched), (2) families that share no candidate coach, directly or through others, are
 * solved apart (independent groups), (3) in a group of n families, each family keeps only its
 * cheapest coaches whose free places add up to n: another family can fill at most n - 1 of them,
 * so an optimal assignment never needs a dearer coach.
 */
export function assignCohort(
  familiesIn: readonly CoachingFamily[],
  coachesIn: readonly CoachProfile[],
): CohortAssignment {
  const families = [...familiesIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const coaches = [...coachesIn]
    .filter((c) => c.missingSessions.length === 0 && c.screened && c.capacity - c.activeFamilies > 0)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const free = coaches.map((c) => c.capacity - c.activeFamilies);

  // (1) Candidates within reach, through a grid of cells as wide as the longest reach.
  const maxReach = coaches.reduce((m, c) => Math.max(m, c.maxDistanceKm), 0.1);
  const cellLat = maxReach / 111;
  const meanLat = families.length ? families.reduce((s, f) => s + f.location.lat, 0) / families.length : 0;
  const cellLon = maxReach / (111 * Math.max(0.2, Math.cos((meanLat * Math.PI) / 180)));
  const key = (lat: number, lon: number) => `${Math.floor(lat / cellLat)}:${Math.floor(lon / cellLon)}`;
  const grid = new Map<string, number[]>();
  coaches.forEach((c, col) => {
    const k = key(c.home.lat, c.home.lon);
    const list = grid.get(k);
    if (list) list.push(col);
    else grid.set(k, [col]);
  });
  type Pair = { col: number; cost: number; km: number };
  // Backgrounds and interests normalised once per coach and family, not once per pair.
  const coachBackground = coaches.map((c) => (c.background ? norm(c.background) : null));
  const coachInterests = coaches.map((c) => c.interests.map(norm));
  const pairs: Pair[][] = families.map((family) => {
    const out: Pair[] = [];
    const familyBackground = family.sharedBackground ? norm(family.sharedBackground) : null;
    const familyInterests = family.interests.map(norm);
    const cy = Math.floor(family.location.lat / cellLat);
    const cx = Math.floor(family.location.lon / cellLon);
    let count = 0;
    const cells: number[][] = [];
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const cell = grid.get(`${cy + dy}:${cx + dx}`);
        if (cell) {
          cells.push(cell);
          count += cell.length;
        }
      }
    // Ascending coach order (a native numeric sort), so equal costs fall to the lower coach.
    const seen = new Int32Array(count);
    let at = 0;
    for (const cell of cells) for (const col of cell) seen[at++] = col;
    seen.sort();
    for (const col of seen) {
      const coach = coaches[col]!;
      const km = distanceKm(family.location, coach.home);
      if (km > coach.maxDistanceKm) continue;
      const sameBackground = familyBackground !== null && coachBackground[col] === familyBackground;
      let common = 0;
      for (const interest of familyInterests) if (coachInterests[col]!.includes(interest)) common++;
      out.push({ col, cost: 100 - scoreValue(family, coach, km, sameBackground, common), km });
    }
    return out;
  });
  const candidatePairs = pairs.reduce((s, p) => s + p.length, 0);

  // (2) Independent groups: union-find over families (0..n-1) and coaches (n..n+m-1).
  const n = families.length;
  const parent = Array.from({ length: n + coaches.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  pairs.forEach((list, row) => {
    for (const p of list) {
      const a = find(row);
      const b = find(n + p.col);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const groups = new Map<number, number[]>();
  for (let row = 0; row < n; row++) {
    const root = find(row);
    const g = groups.get(root);
    if (g) g.push(row);
    else groups.set(root, [row]);
  }

  const assignedTo = new Int32Array(n).fill(-1);
  let totalCost = 0;
  let keptPairs = 0;
  const unassigned = coachingUnassignedCost(n);
  for (const rows of groups.values()) {
    // (3) Each family's candidates, cheapest first; a family needs at most those whose free places
    // cover the group (another family can fill at most n - 1 of them). (4) Start from fewer and
    // let the dual check below add any pair that could still improve the total.
    const sorted = rows.map((row) => byCostThenCoach(pairs[row]!));
    const limit = sorted.map((list) => {
      let covered = 0;
      let k = 0;
      while (k < list.length && covered < rows.length) covered += free[list[k++]!.col]!;
      return k;
    });
    const start = sorted.map((list, i) => {
      let covered = 0;
      let k = 0;
      while (k < limit[i]! && covered < Math.min(rows.length, INITIAL_COVER))
        covered += free[list[k++]!.col]!;
      return k;
    });
    const kept = sorted.map((list, i) => new Set(list.slice(0, start[i]).map((p) => p.col)));
    for (let round = 0; ; round++) {
      const colIndex = new Map<number, number>();
      const cols: number[] = [];
      const edges: { row: number; col: number; cost: number }[] = [];
      sorted.forEach((list, localRow) => {
        for (const p of list) {
          if (!kept[localRow]!.has(p.col)) continue;
          let local = colIndex.get(p.col);
          if (local === undefined) {
            local = cols.length;
            cols.push(p.col);
            colIndex.set(p.col, local);
          }
          edges.push({ row: localRow, col: local, cost: p.cost });
        }
      });
      const solution = solveAssignment({
        rows: rows.length,
        capacities: cols.map((c) => free[c]!),
        edges,
        unassignedCost: () => unassigned,
      });
      const missing =
        round < 50
          ? improvingPairs(sorted, limit, kept, edges, cols, colIndex, solution.assigned, free, unassigned)
          : [];
      if (missing === null || round >= 50) {
        // No certificate (should not happen): fall back to every pair that may matter.
        sorted.forEach((list, i) => {
          for (const p of list.slice(0, limit[i])) kept[i]!.add(p.col);
        });
        if (round < 50) continue;
      }
      if (missing && missing.length > 0 && round < 50) {
        for (const [i, col] of missing) kept[i]!.add(col);
        continue;
      }
      keptPairs += edges.length;
      totalCost += solution.totalCost;
      rows.forEach((row, localRow) => {
        const local = solution.assigned[localRow]!;
        if (local >= 0) assignedTo[row] = cols[local]!;
      });
      break;
    }
  }

  const proposals: CoachProposal[] = [];
  const left: string[] = [];
  families.forEach((family, row) => {
    const col = assignedTo[row]!;
    if (col < 0) {
      left.push(family.id);
      return;
    }
    proposals.push(scoreCoach(family, coaches[col]!, pairs[row]!.find((p) => p.col === col)!.km));
  });
  proposals.sort(byScoreThenCoach);
  return {
    proposals,
    unassigned: left,
    totalCost,
    totalScore: proposals.reduce((s, p) => s + p.score, 0),
    stats: { candidatePairs, keptPairs, components: groups.size },
  };
}

/** Pairs in coach order, sorted by cost (whole numbers 0..100) keeping that order: a counting sort. */
function byCostThenCoach<P extends { cost: number }>(pairs: readonly P[]): P[] {
  const starts = new Int32Array(102);
  for (const p of pairs) starts[p.cost + 1]!++;
  for (let c = 1; c < 102; c++) starts[c]! += starts[c - 1]!;
  const out = new Array<P>(pairs.length);
  for (const p of pairs) out[starts[p.cost]!++] = p;
  return out;
}

/** How many free places the first solve gives each family, before the dual check adds pairs. */
const INITIAL_COVER = 4;

/**
 * The optimality certificate of a solve on a subset of the pairs. Potentials are the shortest
 * distances in the residual graph of the solution (Bellman-Ford from a virtual root; there is no
 * negative cycle because the solution is optimal for the subset). A left-out pair whose reduced
 * cost is negative could improve the total: those are returned, to be added and solved again. When
 * none is negative, the potentials prove the solution optimal for every pair (LP duality). Null
 * when no certificate could be computed.
 */
function improvingPairs(
  sorted: { col: number; cost: number }[][],
  limit: number[],
  kept: Set<number>[],
  edges: { row: number; col: number; cost: number }[],
  cols: number[],
  colIndex: Map<number, number>,
  assigned: Int32Array,
  free: number[],
  unassigned: number,
): [number, number][] | null {
  const R = sorted.length;
  const C = cols.length;
  const U = R + C + 1;
  const T = U + 1;
  const from: number[] = [];
  const to: number[] = [];
  const cost: number[] = [];
  const arc = (a: number, b: number, c: number) => {
    from.push(a);
    to.push(b);
    cost.push(c);
  };
  const used = new Int32Array(C);
  let none = 0;
  for (let i = 0; i < R; i++) {
    arc(1 + i, 0, 0);
    if (assigned[i]! >= 0) {
      used[assigned[i]!]!++;
      arc(1 + i, U, unassigned);
    } else {
      none++;
      arc(U, 1 + i, -unassigned);
    }
  }
  for (const e of edges) {
    if (assigned[e.row] === e.col) arc(1 + R + e.col, 1 + e.row, -e.cost);
    else arc(1 + e.row, 1 + R + e.col, e.cost);
  }
  for (let j = 0; j < C; j++) {
    if (used[j]! < free[cols[j]!]!) arc(1 + R + j, T, 0);
    if (used[j]! > 0) arc(T, 1 + R + j, 0);
  }
  if (none < R) arc(U, T, 0);
  if (none > 0) arc(T, U, 0);
  const dist = new Float64Array(T + 1);
  let changed = true;
  for (let pass = 0; changed; pass++) {
    if (pass > T + 1) return null;
    changed = false;
    for (let k = 0; k < from.length; k++) {
      const d = dist[from[k]!]! + cost[k]!;
      if (d < dist[to[k]!]!) {
        dist[to[k]!] = d;
        changed = true;
      }
    }
  }
  const out: [number, number][] = [];
  sorted.forEach((list, i) => {
    for (let k = 0; k < limit[i]!; k++) {
      const p = list[k]!;
      if (kept[i]!.has(p.col)) continue;
      const local = colIndex.get(p.col);
      // A coach not in the subset can take the potential of the sink (its edge to the sink is free).
      const target = local === undefined ? dist[T]! : dist[1 + R + local]!;
      if (p.cost + dist[1 + i]! - target < 0) out.push([i, p.col]);
    }
  });
  return out;
}

// ---------------------------------------------------------------- words

const words = {
  nl: {
    speaks: (l: string) => `spreekt ${l}`,
    noSharedLanguage: 'spreekt geen taal van het gezin',
    background: 'deelt de achtergrond die het gezin vroeg',
    away: (km: string) => `${km} km verderop`,
    interest: (list: string) => `deelt interesse in ${list}`,
    gender: { female: 'een vrouw, zoals het gezin vroeg', male: 'een man, zoals het gezin vroeg' },
    none: 'Geen coach past',
    blocked: {
      not_trained: 'heeft de vereiste vormingen nog niet gevolgd',
      not_screened: 'is nog niet gescreend',
      capacity: 'heeft geen plaats meer',
      distance: 'woont te ver',
    } as Record<CoachHardReason['kind'], string>,
  },
  en: {
    speaks: (l: string) => `speaks ${l}`,
    noSharedLanguage: "speaks none of the family's languages",
    background: 'shares the background the family asked for',
    away: (km: string) => `${km} km away`,
    interest: (list: string) => `shares an interest in ${list}`,
    gender: { female: 'a woman, as the family asked', male: 'a man, as the family asked' },
    none: 'No coach fits',
    blocked: {
      not_trained: 'has not yet followed the required training sessions',
      not_screened: 'is not screened yet',
      capacity: 'has no room left',
      distance: 'lives too far away',
    } as Record<CoachHardReason['kind'], string>,
  },
  fr: {
    speaks: (l: string) => `parle ${l}`,
    noSharedLanguage: 'ne parle aucune langue de la famille',
    background: "partage l'origine que la famille a demandée",
    away: (km: string) => `à ${km} km`,
    interest: (list: string) => `partage un intérêt pour ${list}`,
    gender: {
      female: 'une femme, comme la famille le souhaitait',
      male: 'un homme, comme la famille le souhaitait',
    },
    none: 'Aucun coach ne convient',
    blocked: {
      not_trained: "n'a pas encore suivi les formations requises",
      not_screened: "n'est pas encore vérifié",
      capacity: "n'a plus de place",
      distance: 'habite trop loin',
    } as Record<CoachHardReason['kind'], string>,
  },
};

/** A proposal's reasons in plain words: "spreekt Turks, 1,2 km verderop, deelt interesse in voetbal". */
export function explainCoach(reasons: readonly CoachSoftReason[], language: Language = 'nl'): string {
  const w = words[language];
  const km = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'language':
          return w.speaks(languageName(reason.language, language));
        case 'no_shared_language':
          return w.noSharedLanguage;
        case 'background':
          return w.background;
        case 'distance':
          return w.away(km.format(reason.km));
        case 'interest':
          return w.interest(reason.interests.join(', '));
        case 'gender':
          return w.gender[reason.gender];
        default:
          return '';
      }
    })
    .filter(Boolean)
    .join(', ');
}

/** One hard reason in words: why this coach cannot be matched. */
export function explainCoachBlock(kind: CoachHardReason['kind'], language: Language = 'nl'): string {
  return words[language].blocked[kind];
}

/** Why a family has no candidate: "Geen coach past: 3× heeft geen plaats meer; 1× woont te ver". */
export function explainNoCoach(blocking: CoachRanking['blocking'], language: Language = 'nl'): string {
  const w = words[language];
  const counted = Object.entries(blocking).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const parts = counted.map(([kind, count]) => `${count}× ${w.blocked[kind as CoachHardReason['kind']]}`);
  // French sets a space before the colon and the semicolon.
  return parts.length
    ? language === 'fr'
      ? `${w.none} : ${parts.join(' ; ')}`
      : `${w.none}: ${parts.join('; ')}`
    : w.none;
}
