// The matching engine: pure, deterministic, no I/O. See assign.ts (all needs at once) and
// rank.ts (one need); constraints.ts holds the hard rules, score.ts the soft ones.
export { type Assignment, assignAll, type NeedsSolution, solveNeeds, unassignedCost } from './assign.ts';
export { VolunteerIndex } from './candidates.ts';
export * from './coaching.ts';
export { hardReasons } from './constraints.ts';
export { explain, explainNoCandidate } from './explain.ts';
export { type NoCandidateSummary, type Ranking, rankCandidates } from './rank.ts';
export { defaultWeights, scoreProposal } from './score.ts';
export {
  type AssignmentProblem,
  type AssignmentSolution,
  type CandidateEdge,
  solveAssignment,
} from './solver.ts';
export type * from './types.ts';
