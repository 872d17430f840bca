// The route planner: pure, deterministic for a seed. See solver.ts.
export { parseSolomon } from './solomon.ts';
export { solve } from './solver.ts';
export type * from './types.ts';
export { planProblems } from './validate.ts';
