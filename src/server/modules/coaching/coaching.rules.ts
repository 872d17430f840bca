import { eq, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../registry/record-rules.ts';
import { coachingTrajectories } from './coaching.tables.ts';

/**
 * The record rule of talent coaching: which trajectories (and so which families) a user may see.
 * The coordinator sees every trajectory of the municipality; a coach only the families they coach;
 * anyone else none. Every read and change of a trajectory goes through this condition, and a
 * trajectory outside it answers "not found", so its existence is not revealed either.
 *
 * Coaches do not get the registry's person file through this rule: what a coach needs (first
 * names, address, languages, the child's age) comes with the trajectory itself, and what the
 * referrer wrote about the family's situation has no place in that shape (see decision 0009).
 * Referrers see their own referrals only (`referrerId = user`, in the service); steering-group
 * members see no record at all, only aggregates.
 */
export function trajectoryVisibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.roles.includes('coordinator')) return undefined;
  if (viewer.roles.includes('coach')) return eq(coachingTrajectories.coachId, viewer.userId);
  return sql`false`;
}
