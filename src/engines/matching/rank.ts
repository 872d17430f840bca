import { VolunteerIndex } from './candidates.ts';
import { hardReasons } from './constraints.ts';
import { defaultWeights, scoreProposal } from './score.ts';
import type { HardReason, Need, Proposal, Volunteer, Weights } from './types.ts';

export interface NoCandidateSummary {
  /** How many volunteers were looked at. */
  lookedAt: number;
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

/**
 * Adds a left-out volunteer's reasons to the counts. One who does not offer the kind of help counts
 * only there: the other reasons are counted among those who offer it (see explainNoCandidate).
 */
export function countBlocking(blocking: NoCandidateSummary['blocking'], reasons: readonly HardReason[]) {
  const offersNot = reasons.some((r) => r.kind === 'help_type');
  for (const reason of reasons) {
    if (offersNot && reason.kind !== 'help_type') continue;
    blocking[reason.kind] = (blocking[reason.kind] ?? 0) + 1;
  }
}

export const byScoreThenId = (a: Proposal, b: Proposal) =>
  b.score - a.score || (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0);

/**
 * Mode one: the best candidates for one need among all volunteers, best first, each explained.
 * Pass a VolunteerIndex built once when ranking many needs against the same pool: only the
 * volunteers who live within their reach of the need are then looked at (unless the reasons of
 * every excluded volunteer are asked for, which needs them all).
 */
export function rankCandidates(
  need: Need,
  pool: readonly Volunteer[] | VolunteerIndex,
  options: {
    limit?: number;
    weights?: Weights /** false skips the reasons of excluded volunteers (faster). */;
    explainExcluded?: boolean;
  } = {},
): Ranking {
  const index = pool instanceof VolunteerIndex ? pool : new VolunteerIndex(pool);
  const volunteers = index.volunteers;
  const weights = options.weights ?? defaultWeights;
  const eligible = index.eligible(need, weights);
  // Best first by score, then id; only the ones shown get their reasons spelled out.
  const order = eligible.volunteers.map((_, at) => at);
  const idOf = (at: number) => volunteers[eligible.volunteers[at]!]!.id;
  order.sort((a, b) => {
    // Written as byScoreThenId is, so that even odd scores (NaN) order the same way.
    const byScore = eligible.scores[b]! - eligible.scores[a]!;
    if (byScore) return byScore;
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const shown = options.limit ? order.slice(0, options.limit) : order;
  const proposals = shown.map((at) => scoreProposal(need, volunteers[eligible.volunteers[at]!]!, weights));

  const excluded: Ranking['excluded'] = [];
  const blocking: NoCandidateSummary['blocking'] = {};
  if (options.explainExcluded !== false) {
    const isEligible = new Uint8Array(volunteers.length);
    for (const k of eligible.volunteers) isEligible[k] = 1;
    volunteers.forEach((volunteer, k) => {
      if (isEligible[k]) return;
      const reasons = hardReasons(need, volunteer);
      excluded.push({ volunteerId: volunteer.id, reasons });
      countBlocking(blocking, reasons);
    });
    excluded.sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : 1));
  }
  let speakers: number | null = null;
  let speakersInReach: number | null = null;
  if (need.languages.length > 0) {
    const counted = index.speakers(need);
    speakers = counted.speakers;
    speakersInReach = counted.inReach;
  }
  return {
    proposals,
    excluded,
    summary: { lookedAt: volunteers.length, blocking, speakers, speakersInReach },
  };
}
