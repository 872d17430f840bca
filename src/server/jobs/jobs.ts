import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import { coachingRetentionRules } from '../modules/coaching/coaching.retention.ts';
import { expireProposal, helpRetentionRules, moveOn } from '../modules/help/help.service.ts';
import {
  accountTokenRetention,
  listTenants,
  sessionRetention,
} from '../modules/identity/identity.service.ts';
import { deliverEmail, outboxRetention, smtpTransport } from '../modules/mail/mail.service.ts';
import { planAllRevisits, REVISITS_JOB } from '../modules/outreach/outreach.revisits.ts';
import { registryRetentionRules } from '../modules/registry/rights.service.ts';
import { escalateOverdue } from '../modules/signals/cases.service.ts';
import { signalsRetentionRules } from '../modules/signals/signals.retention.ts';
import { jobsRetention } from './queue.retention.ts';
import { enqueue, JobRunner } from './queue.ts';
import { registerRetentionRule, runRetentionSweep } from './retention.ts';

/** Every module's retention rules, registered once per process. */
export function registerCoreRetentionRules(): void {
  for (const rule of [
    sessionRetention,
    accountTokenRetention,
    outboxRetention,
    jobsRetention,
    ...registryRetentionRules,
    ...helpRetentionRules,
    ...signalsRetentionRules,
    ...coachingRetentionRules,
  ]) {
    registerRetentionRule(rule);
  }
}

export function createJobRunner(database: Database, env: Env, log: Logger): JobRunner {
  registerCoreRetentionRules();
  const transport = smtpTransport(env.SMTP_URL);
  return (
    new JobRunner(database, log)
      .register('mail.send', ({ tenantId, payload }) =>
        deliverEmail(database, tenantId, String(payload.messageId), transport, env.MAIL_FROM),
      )
      // Genk Helpt: an unanswered proposal expires and the request moves on to the next candidate.
      .register('help.proposal.expire', ({ tenantId, payload }) =>
        database.inTenant(tenantId, (tx) =>
          expireProposal(tx, tenantId, String(payload.matchId), env.publicUrl),
        ),
      )
      .register('help.need.next', ({ tenantId, payload }) =>
        database.inTenant(tenantId, (tx) => moveOn(tx, tenantId, String(payload.needId), env.publicUrl)),
      )
      .register('retention.sweep', async ({ tenantId, log: jobLog }) => {
        await runRetentionSweep(database, tenantId, jobLog);
      })
      .register('signals.deadlines', async ({ tenantId }) => {
        await database.inTenant(tenantId, (tx) => escalateOverdue(tx, tenantId, env.publicUrl));
      })
      // Door-to-door: "not home" doors go back into a round on a coming day.
      .register(REVISITS_JOB, async ({ tenantId }) => {
        await database.inTenant(tenantId, (tx) => planAllRevisits(tx, tenantId));
      })
  );
}

/** The nightly sweep at 02:00 UTC: one job per tenant per night, however many processes ask. */
export async function scheduleNightlyJobs(database: Database, now = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const runAt = new Date(`${day}T02:00:00.000Z`);
  for (const tenant of await listTenants(database)) {
    await database.inTenant(tenant.id, (tx) =>
      enqueue(tx, tenant.id, 'retention.sweep', {}, { runAt, singletonKey: `retention:${day}` }),
    );
    // Early-signal deadlines are watched every hour.
    const hour = now.toISOString().slice(0, 13);
    await database.inTenant(tenant.id, (tx) =>
      enqueue(tx, tenant.id, 'signals.deadlines', {}, { singletonKey: `signals-deadlines:${hour}` }),
    );
    // Revisits of "not home" doors are planned every hour.
    await database.inTenant(tenant.id, (tx) =>
      enqueue(tx, tenant.id, REVISITS_JOB, {}, { singletonKey: `outreach-revisits:${hour}` }),
    );
  }
}

/** Starts the runner and a scheduler that checks every ten minutes; returns a stop function. */
export function startJobs(runner: JobRunner, database: Database, log: Logger): () => Promise<void> {
  const tick = () =>
    scheduleNightlyJobs(database).catch((error: unknown) => log.error({ err: error }, 'scheduling failed'));
  void tick();
  const timer = setInterval(tick, 10 * 60_000);
  runner.start();
  return async () => {
    clearInterval(timer);
    await runner.stop();
  };
}
