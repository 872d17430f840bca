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

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();

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
  let earned = 0;
  let possible = points.language + points.distance + points.interests;
  // The family's first language counts in full; another language they speak, a little less.
  const shared = family.languages.find((l) => coach.languages.includes(l));
  if (shared) {
    earned += shared === family.languages[0] ? points.language : points.language * 0.6;
    reasons.push({ kind: 'language', language: shared });
  } else if (family.languages.length > 0) {
    reasons.push({ kind: 'no_shared_language' });
  } else {
    earned += points.language;
  }
  if (family.sharedBackground) {
    possible += points.background;
    if (coach.background && norm(coach.background) === norm(family.sharedBackground)) {
      earned += points.background;
      reasons.push({ kind: 'background' });
    }
  }
  const distance = km ?? distanceKm(family.location, coach.home);
  const reach = Math.max(coach.maxDistanceKm, 0.1);
  earned += points.distance * Math.max(0, 1 - distance / reach);
  reasons.push({ kind: 'distance', km: Math.round(distance * 10) / 10 });
  const common = family.interests.filter((i) => coach.interests.some((c) => norm(c) === norm(i)));
  if (family.interests.length === 0) earned += points.interests;
  else earned += points.interests * Math.min(1, common.length / Math.min(2, family.interests.length));
  if (common.length > 0) reasons.push({ kind: 'interest', interests: common });
  if (family.genderPreference) {
    possible += points.gender;
    if (coach.gender === family.genderPreference) {
      earned += points.gender;
      reasons.push({ kind: 'gender', gender: family.genderPreference });
    }
  }
  return {
    familyId: family.id,
    coachId: coach.id,
    score: Math.round((100 * earned) / possible),
    reasons,
  };
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
  type Pair = { col: number; proposal: CoachProposal; cost: number };
  const pairs: Pair[][] = families.map((family) => {
    const out: Pair[] = [];
    const cy = Math.floor(family.location.lat / cellLat);
    const cx = Math.floor(family.location.lon / cellLon);
    const seen: number[] = [];
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const col of grid.get(`${cy + dy}:${cx + dx}`) ?? []) seen.push(col);
    seen.sort((a, b) => a - b);
    for (const col of seen) {
      const coach = coaches[col]!;
      const km = distanceKm(family.location, coach.home);
      if (km > coach.maxDistanceKm) continue;
      const proposal = scoreCoach(family, coach, km);
      out.push({ col, proposal, cost: coachingEdgeCost(proposal) });
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
    // (3) Keep each family's cheapest coaches until their free places cover the group.
    const colIndex = new Map<number, number>();
    const cols: number[] = [];
    const edges: { row: number; col: number; cost: number }[] = [];
    rows.forEach((row, localRow) => {
      const sorted = [...pairs[row]!].sort((a, b) => a.cost - b.cost || a.col - b.col);
      let covered = 0;
      for (const p of sorted) {
        if (covered >= rows.length) break;
        covered += free[p.col]!;
        let local = colIndex.get(p.col);
        if (local === undefined) {
          local = cols.length;
          cols.push(p.col);
          colIndex.set(p.col, local);
        }
        edges.push({ row: localRow, col: local, cost: p.cost });
      }
    });
    keptPairs += edges.length;
    const solution = solveAssignment({
      rows: rows.length,
      capacities: cols.map((c) => free[c]!),
      edges,
      unassignedCost: () => unassigned,
    });
    totalCost += solution.totalCost;
    rows.forEach((row, localRow) => {
      const local = solution.assigned[localRow]!;
      if (local >= 0) assignedTo[row] = cols[local]!;
    });
  }

  const proposals: CoachProposal[] = [];
  const left: string[] = [];
  families.forEach((family, row) => {
    const col = assignedTo[row]!;
    if (col < 0) {
      left.push(family.id);
      return;
    }
    proposals.push(pairs[row]!.find((p) => p.col === col)!.proposal);
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
  return parts.length ? `${w.none}: ${parts.join('; ')}` : w.none;
}
