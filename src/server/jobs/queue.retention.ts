import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { jobs } from './jobs.tables.ts';

/** Finished jobs may carry ids of people in their payload: they go after 30 days. */
export const jobsRetention = {
  name: 'jobs.finished',
  description: 'Finished and failed background jobs, 30 days after they ended',
  keepDays: 30,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const removed = await tx
      .delete(jobs)
      .where(
        and(
          eq(jobs.tenantId, tenantId),
          inArray(jobs.status, ['done', 'failed']),
          lt(jobs.finishedAt, cutoff),
        ),
      )
      .returning({ id: jobs.id });
    return removed.length;
  },
};
