import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { RetentionRule } from '../../jobs/retention.ts';
import {
  coachingMeetings,
  coachingReferrals,
  coachingTrajectories,
  coachingWorries,
} from './coaching.tables.ts';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A referral that did not go ahead ("not now"): deleted a year after the decision. */
export const notTakenReferralsRetention: RetentionRule = {
  name: 'coaching.referrals_not_taken',
  description: 'Referrals decided "not now", deleted one year after the decision',
  keepDays: 365,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const removed = await tx
      .delete(coachingReferrals)
      .where(
        and(
          eq(coachingReferrals.tenantId, tenantId),
          eq(coachingReferrals.status, 'not_now'),
          lt(coachingReferrals.decidedAt, cutoff),
        ),
      )
      .returning({ id: coachingReferrals.id });
    return removed.length;
  },
};

/**
 * Two years after a trajectory ended, what was written about the family is cleared: the referrer's
 * note, the intake notes, the phone number, private meeting notes, worries and the evaluations. The
 * counts the steering group sees (dates, kinds, lengths, goal progress) stay.
 */
export const endedTrajectoriesRetention: RetentionRule = {
  name: 'coaching.ended_trajectories',
  description: 'Notes, worries and evaluations of trajectories, two years after they ended',
  keepDays: 730,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const ended = await tx
      .select({ id: coachingTrajectories.id, referralId: coachingTrajectories.referralId })
      .from(coachingTrajectories)
      .where(
        and(
          eq(coachingTrajectories.tenantId, tenantId),
          eq(coachingTrajectories.status, 'ended'),
          lt(coachingTrajectories.endedOn, isoDate(cutoff)),
          or(
            sql`${coachingTrajectories.familyEvaluation} is not null`,
            sql`${coachingTrajectories.coachEvaluation} is not null`,
          ),
        ),
      );
    if (ended.length === 0) return 0;
    const ids = ended.map((t) => t.id);
    await tx
      .update(coachingTrajectories)
      .set({ familyEvaluation: null, coachEvaluation: null, decisionReason: null })
      .where(and(eq(coachingTrajectories.tenantId, tenantId), inArray(coachingTrajectories.id, ids)));
    await tx
      .update(coachingMeetings)
      .set({ privateNote: null })
      .where(and(eq(coachingMeetings.tenantId, tenantId), inArray(coachingMeetings.trajectoryId, ids)));
    await tx
      .delete(coachingWorries)
      .where(and(eq(coachingWorries.tenantId, tenantId), inArray(coachingWorries.trajectoryId, ids)));
    await tx
      .update(coachingReferrals)
      .set({ situation: '', intakeNotes: null, phone: null })
      .where(
        and(
          eq(coachingReferrals.tenantId, tenantId),
          inArray(
            coachingReferrals.id,
            ended.map((t) => t.referralId),
          ),
        ),
      );
    return ended.length;
  },
};

export const coachingRetentionRules = [notTakenReferralsRetention, endedTrajectoriesRetention];
