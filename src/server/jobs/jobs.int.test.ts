import { and, eq, lt } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../../tests/factories.ts';
import { openTestDatabase, type TestDatabase, targets, testEnv } from '../../../tests/integration/harness.ts';
import type { Tx } from '../db/client.ts';
import { auditLog } from '../modules/audit/audit.tables.ts';
import { sessions } from '../modules/identity/identity.tables.ts';
import { jobs } from './jobs.tables.ts';
import { createJobRunner, scheduleNightlyJobs } from './jobs.ts';
import { enqueue, JobRunner } from './queue.ts';
import {
  registerRetentionRule,
  retentionRules,
  runRetentionSweep,
  unregisterRetentionRule,
} from './retention.ts';

const silent = pino({ level: 'silent' });

describe.each(targets)('background jobs on %s', (target) => {
  let t: TestDatabase;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;

  beforeAll(async () => {
    t = await openTestDatabase(target);
    tenant = await buildTenant(t.database);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('runs a due job once, retries a failing one and records the last error', async () => {
    const seen: string[] = [];
    const runner = new JobRunner(t.database, silent)
      .register('test.ok', async ({ payload }) => {
        seen.push(String(payload.n));
      })
      .register('test.fails', async () => {
        throw new Error('not today');
      });
    await t.database.inTenant(tenant.id, async (tx) => {
      await enqueue(tx, tenant.id, 'test.ok', { n: 1 });
      await enqueue(tx, tenant.id, 'test.ok', { n: 2 }, { runAt: new Date(Date.now() + 3600_000) });
      await enqueue(tx, tenant.id, 'test.fails', {}, { maxAttempts: 1 });
    });
    await runner.drain();
    expect(seen).toEqual(['1']);
    const rows = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(jobs).where(eq(jobs.tenantId, tenant.id)),
    );
    const failed = rows.find((r) => r.name === 'test.fails');
    expect(failed).toMatchObject({ status: 'failed', lastError: 'Error: not today', attempts: 1 });
    expect(rows.find((r) => r.payload.n === 2)?.status).toBe('queued');
  });

  it('schedules the nightly sweep once per tenant per night, however often it is asked', async () => {
    const night = new Date('2026-11-24T10:00:00Z');
    await scheduleNightlyJobs(t.database, night);
    await scheduleNightlyJobs(t.database, night);
    const sweeps = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.singletonKey, 'retention:2026-11-24'))),
    );
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]!.runAt.toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });

  it('removes expired rows by a registered rule and logs the removal', async () => {
    const user = await buildUser(t.database, tenant.id, ['coach']);
    await t.database.inTenant(tenant.id, (tx) =>
      tx.insert(sessions).values([
        {
          tenantId: tenant.id,
          tokenHash: 'old-1',
          userId: user.id,
          csrfToken: 'x',
          expiresAt: new Date('2020-01-01'),
        },
        {
          tenantId: tenant.id,
          tokenHash: 'old-2',
          userId: user.id,
          csrfToken: 'x',
          expiresAt: new Date('2020-01-02'),
        },
        {
          tenantId: tenant.id,
          tokenHash: 'live',
          userId: user.id,
          csrfToken: 'x',
          expiresAt: new Date('2099-01-01'),
        },
      ]),
    );
    registerRetentionRule({
      name: 'test.expired_sessions',
      description: 'test rule',
      keepDays: 30,
      async sweep(tx: Tx, cutoff: Date) {
        const gone = await tx
          .delete(sessions)
          .where(lt(sessions.expiresAt, cutoff))
          .returning({ h: sessions.tokenHash });
        return gone.length;
      },
    });
    try {
      // Only the registered test rule: the core session rule would remove the same rows.
      const registered = retentionRules().filter((r) => r.name === 'test.expired_sessions');
      expect(registered).toHaveLength(1);
      const results = await runRetentionSweep(
        t.database,
        tenant.id,
        silent,
        new Date('2026-11-24T02:00:00Z'),
        registered,
      );
      expect(results.find((r) => r.rule === 'test.expired_sessions')?.removed).toBe(2);
    } finally {
      unregisterRetentionRule('test.expired_sessions');
    }
    const left = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ h: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, user.id)),
    );
    expect(left.map((s) => s.h)).toEqual(['live']);
    const [logged] = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.recordId, 'test.expired_sessions'))),
    );
    expect(logged).toMatchObject({
      action: 'retention.sweep',
      recordType: 'retention_rule',
      details: { removed: 2 },
    });
  });

  it('runs the nightly sweep through the queue with the core rules', async () => {
    await t.database.inTenant(tenant.id, (tx) =>
      enqueue(tx, tenant.id, 'retention.sweep', {}, { singletonKey: 'now' }),
    );
    const ran = await createJobRunner(t.database, testEnv(), silent).drain();
    expect(ran).toBeGreaterThanOrEqual(1);
    const [sweep] = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.singletonKey, 'now'))),
    );
    expect(sweep?.status).toBe('done');
  });

  // PGlite serves one process; competing workers exist only on Postgres.
  it.runIf(target === 'postgres')('never runs one job twice at once across competing workers', async () => {
    const runs = new Map<string, number>();
    let active = 0;
    let maxActive = 0;
    const handler = async ({ jobId }: { jobId: string }) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      runs.set(jobId, (runs.get(jobId) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
    };
    await t.database.inTenant(tenant.id, async (tx) => {
      for (let i = 0; i < 40; i++) await enqueue(tx, tenant.id, 'test.race', { i });
    });
    const workers = [1, 2, 3].map(() => new JobRunner(t.database, silent).register('test.race', handler));
    await Promise.all(workers.map((w) => w.drain()));
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(maxActive).toBeGreaterThan(1);
  });
});
