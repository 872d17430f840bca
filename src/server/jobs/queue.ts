import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { errorSummary } from '../log.ts';
import { jobs } from './jobs.tables.ts';

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key per tenant; enqueueing it again does nothing. */
  singletonKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction, so it exists exactly when the change that asks for it does. */
export async function enqueue(
  tx: Tx,
  tenantId: string,
  name: string,
  payload: Record<string, unknown> = {},
  options: EnqueueOptions = {},
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      tenantId,
      name,
      payload,
      runAt: options.runAt ?? new Date(),
      singletonKey: options.singletonKey ?? null,
      maxAttempts: options.maxAttempts ?? 5,
    })
    .onConflictDoNothing();
}

export interface JobContext {
  database: Database;
  tenantId: string;
  jobId: string;
  payload: Record<string, unknown>;
  log: Logger;
}
export type JobHandler = (ctx: JobContext) => Promise<void>;

interface ClaimedJob {
  tenant_id: string;
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const LEASE_SECONDS = 300;

/**
 * Runs due jobs from the jobs table. Several processes may run one each: a job is claimed with
 * FOR UPDATE SKIP LOCKED and a lease, so no job runs twice at once; a job whose process died is
 * claimed again when its lease ends.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly pollMs = 1000,
  ) {}

  register(name: string, handler: JobHandler): this {
    this.handlers.set(name, handler);
    return this;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.log.error({ err: error }, 'job runner failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.pollMs);
        });
    }, delay);
  }

  /** Runs due jobs until none is left; returns how many ran. */
  async drain(limit = 100): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const job = await this.claim();
      if (!job) break;
      await this.runOne(job);
      ran += 1;
    }
    return ran;
  }

  private async claim(): Promise<ClaimedJob | null> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return null;
    return this.database.inSystem(async (tx) => {
      const result = await tx.execute(sql`
        update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
               locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
        where (tenant_id, id) = (
          select tenant_id, id from jobs
          where name in (${sql.join(
            names.map((n) => sql`${n}`),
            sql`, `,
          )})
            and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
          order by run_at
          limit 1
          for update skip locked
        )
        returning tenant_id, id, name, payload, attempts, max_attempts`);
      return rowsOf<ClaimedJob>(result)[0] ?? null;
    });
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    const where = and(eq(jobs.tenantId, job.tenant_id), eq(jobs.id, job.id));
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler({
        database: this.database,
        tenantId: job.tenant_id,
        jobId: job.id,
        payload: job.payload,
        log: this.log.child({ job: job.name, jobId: job.id }),
      });
      await this.database.inSystem((tx) =>
        tx.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedUntil: null }).where(where),
      );
    } catch (error) {
      const message = errorSummary(error);
      const final = job.attempts >= job.max_attempts;
      // Back off exponentially: 10 s, 20 s, 40 s, ...
      const retryAt = new Date(Date.now() + 10_000 * 2 ** (job.attempts - 1));
      this.log.warn({ job: job.name, jobId: job.id, attempt: job.attempts, final }, 'job failed');
      await this.database.inSystem((tx) =>
        tx
          .update(jobs)
          .set(
            final
              ? {
                  status: 'failed',
                  lastError: message.slice(0, 500),
                  finishedAt: new Date(),
                  lockedUntil: null,
                }
              : { status: 'queued', lastError: message.slice(0, 500), runAt: retryAt, lockedUntil: null },
          )
          .where(where),
      );
    }
  }
}
