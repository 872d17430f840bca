import { isEligible } from './constraints.ts';
import { byScoreThenId } from './rank.ts';
import { defaultWeights, scoreProposal } from './score.ts';
import { type CandidateEdge, solveAssignment } from './solver.ts';
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

/**
 * Mode two: all open needs at once. Assigns needs to volunteers within their free capacity so
 * that first as many needs as possible are helped, then the more urgent ones, then the total fit
 * is highest: an exact minimum-cost flow (successive shortest paths with potentials).
 * Deterministic: inputs are ordered by id, ties fall to the lower id.
 */
export function assignAll(
  needsIn: readonly Need[],
  volunteersIn: readonly Volunteer[],
  options: { weights?: Weights } = {},
): Assignment {
  const needs = [...needsIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const volunteers = [...volunteersIn].sort((a, b) => (a.id < b.id ? -1 : 1));
  const scored = new Map<number, Proposal>();
  const edges: CandidateEdge[] = [];
  needs.forEach((need, row) => {
    volunteers.forEach((volunteer, col) => {
      if (!isEligible(need, volunteer)) return;
      const proposal = scoreProposal(need, volunteer, options.weights ?? defaultWeights);
      scored.set(row * volunteers.length + col, proposal);
      edges.push({ row, col, cost: 100 - proposal.score });
    });
  });
  const solution = solveAssignment({
    rows: needs.length,
    capacities: volunteers.map((v) => Math.max(0, v.capacity - v.activeMatches)),
    edges,
    unassignedCost: (row) => unassignedCost(needs.length, needs[row]!.urgency),
  });

  const proposals: Proposal[] = [];
  const unassigned: string[] = [];
  needs.forEach((need, row) => {
    const col = solution.assigned[row]!;
    if (col >= 0) proposals.push(scored.get(row * volunteers.length + col)!);
    else unassigned.push(need.id);
  });
  proposals.sort(byScoreThenId);
  return { proposals, unassigned, totalScore: proposals.reduce((sum, p) => sum + p.score, 0) };
}
