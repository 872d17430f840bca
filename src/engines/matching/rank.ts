import { distanceKm } from '../geo/distance.ts';
import { hardReasons, isEligible } from './constraints.ts';
import { defaultWeights, scoreProposal } from './score.ts';
import type { HardReason, Need, Proposal, Volunteer, Weights } from './types.ts';

export interface NoCandidateSummary {
  /** Volunteers blocked by each hard constraint (a volunteer may count under several). */
  blocking: Partial<Record<HardReason['kind'], number>>;
  /** When the household speaks given languages: how many volunteers speak one, and of those how many are in reach. */
  speakers: number | null;
  speakersInReach: number | null;
}

export interface Ranking {
  proposals: Proposal[];
  excluded: { volunteerId: string; reasons: HardReason[] }[];
  summary: NoCandidateSummary;
}

export const byScoreThenId = (a: Proposal, b: Proposal) =>
  b.score - a.score || (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0);

/** Mode one: the best candidates for one need among all volunteers, best first, each explained. */
export function rankCandidates(
  need: Need,
  volunteers: readonly Volunteer[],
  options: {
    limit?: number;
    weights?: Weights /** false skips the reasons of excluded volunteers (faster). */;
    explainExcluded?: boolean;
  } = {},
): Ranking {
  const proposals: Proposal[] = [];
  const excluded: Ranking['excluded'] = [];
  const blocking: NoCandidateSummary['blocking'] = {};
  for (const volunteer of volunteers) {
    // The quick check first; the reasons are spelled out only for volunteers who cannot take it.
    if (isEligible(need, volunteer)) {
      proposals.push(scoreProposal(need, volunteer, options.weights ?? defaultWeights));
      continue;
    }
    if (options.explainExcluded === false) continue;
    const reasons = hardReasons(need, volunteer);
    excluded.push({ volunteerId: volunteer.id, reasons });
    for (const reason of reasons) blocking[reason.kind] = (blocking[reason.kind] ?? 0) + 1;
  }
  proposals.sort(byScoreThenId);
  excluded.sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : 1));
  let speakers: number | null = null;
  let speakersInReach: number | null = null;
  if (need.languages.length > 0) {
    const speaking = volunteers.filter((v) => need.languages.some((l) => v.languages.includes(l)));
    speakers = speaking.length;
    speakersInReach = speaking.filter((v) => distanceKm(v.home, need.location) <= v.maxDistanceKm).length;
  }
  return {
    proposals: options.limit ? proposals.slice(0, options.limit) : proposals,
    excluded,
    summary: { blocking, speakers, speakersInReach },
  };
}
