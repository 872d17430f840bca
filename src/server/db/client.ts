import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What services write with: a Drizzle handle bound to one transaction whose tenant is set. */
export type Tx = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The role the app runs as: it cannot bypass row-level security (see migration 0001). */
export const APP_ROLE = 'samen_app';

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Runs as the app role. Use inTenant/inSystem, which set the tenant for the transaction. */
  db: Db;
  /** Applies committed migrations as the owner; returns the tag of the newest one. */
  migrate(): Promise<string>;
  /** One transaction that sees and writes only the rows of this tenant. */
  inTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** One transaction in the system context: tenant creation and the job runner only. */
  inSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** One statement in its own transaction, prepared once per connection on PostgreSQL. */
  query<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /**
   * PostgreSQL only: opens the transaction of the current HTTP request with its first statement, in
   * the same round trip as BEGIN. The statement must set the tenant (session_lookup does). The
   * request's first `inTenant` for that tenant continues this transaction instead of opening one;
   * unused, it is committed when the answer is sent (see decision 0010). Undefined on PGlite,
   * whose single connection must not be held across a request.
   */
  openRequestTransaction?: (tenantId: string, firstStatement: string) => Promise<unknown[] | null>;
}

/** What the HTTP server keeps per request (made by the server factory in http/app.ts). */
export interface RequestScope {
  open?: {
    tenantId: string;
    client: pg.PoolClient;
    /** open: waiting for the handler; taken: in the handler's inTenant; done: released. */
    state: 'open' | 'taken' | 'done';
  };
  /** The answer has gone (or the connection closed): whatever is still open is finished. */
  ended: boolean;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Finishes what the request left open: commits (the session check may have slid the session's
 * expiry) and returns the connection. Called once the answer has been sent or the client left.
 */
export function endRequestScope(scope: RequestScope): void {
  scope.ended = true;
  releaseRequestTransaction(scope);
}

/** Commits and returns the request's transaction if the handler has not taken it. */
export function releaseRequestTransaction(scope: RequestScope | undefined = requestScope.getStore()): void {
  const open = scope?.open;
  if (open?.state !== 'open') return;
  open.state = 'done';
  open.client.query('commit').then(
    () => open.client.release(),
    (error: Error) => open.client.release(error),
  );
}

export function latestMigrationTag(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

function withContext(db: Db) {
  return {
    inTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
        return fn(tx);
      });
    },
    inSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.system', 'on', true)`);
        return fn(tx);
      });
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm powers the typo-tolerant name search (migration 0004).
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async migrate() {
      // One connection in PGlite: become the owner to migrate, then drop back to the app role.
      await client.exec('RESET ROLE');
      await migratePglite(drizzlePglite({ client }), { migrationsFolder });
      await client.exec(`SET ROLE ${APP_ROLE}`);
      return latestMigrationTag();
    },
    ...withContext(db),
    async close() {
      await client.close();
    },
    async query<T>(_name: string, text: string, values: unknown[]) {
      return (await client.query<T>(text, values)).rows;
    },
  };
}

export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  // Every pooled connection starts as the app role; if the role is missing the connection fails
  // rather than silently running as the owner. migrate() (a separate connection) creates it.
  // No JIT compilation: the app's statements are short, and the planner's pessimistic cost for a
  // list-driven lookup (5,000 index probes) crossed jit_above_cost, so every intake chunk compiled
  // the same query again (20-30 ms of 45).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: `-c role=${APP_ROLE} -c jit=off`,
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an
  // 'error' on the pool, which has already let go of it; unheard, it would end the process. The
  // next query takes a new connection. Only the code is written: no statement, no values.
  pool.on('error', (error: Error & { code?: string }) => {
    console.warn(`database: an idle connection was closed by the server (${error.code ?? error.name})`);
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const owner = new pg.Client({ connectionString: url });
      await owner.connect();
      try {
        // Serialise concurrent migrations from several app processes.
        await owner.query('select pg_advisory_lock(7265616)');
        await migratePg(drizzlePg({ client: owner }), { migrationsFolder });
        await owner.query('select pg_advisory_unlock(7265616)');
      } finally {
        await owner.end();
      }
      return latestMigrationTag();
    },
    // The hot path of every request: BEGIN and the tenant go in one round trip (three in all with
    // the statement and COMMIT, where Drizzle's transaction helper needs four).
    inTenant: (tenantId, fn) => {
      const open = requestScope.getStore()?.open;
      if (open?.state === 'open' && open.tenantId === tenantId) {
        open.state = 'taken';
        return finishTransaction(open.client, fn).finally(() => {
          open.state = 'done';
        });
      }
      return pooledTransaction(pool, `select set_config('app.tenant_id', '${uuid(tenantId)}', true)`, fn);
    },
    async openRequestTransaction(tenantId, firstStatement) {
      const scope = requestScope.getStore();
      if (!scope || scope.open) return null;
      const client = await pool.connect();
      let results: pg.QueryResult[];
      try {
        results = (await client.query(`begin; ${firstStatement}`)) as unknown as pg.QueryResult[];
      } catch (error) {
        await client.query('rollback').catch(() => {});
        client.release();
        throw error;
      }
      scope.open = { tenantId: uuid(tenantId), client, state: 'open' };
      // The client may have gone while we waited: nothing will use the transaction then.
      if (scope.ended) endRequestScope(scope);
      return results[1]!.rows;
    },
    inSystem: (fn) => pooledTransaction(pool, `select set_config('app.system', 'on', true)`, fn),
    async close() {
      // pool.end() resolves as soon as the pool has let go of its connections, before they have
      // closed; wait for each to be gone ('remove'), so that dropping the database right after
      // (the tests' scratch databases) ends no connection still on its way out.
      let open = pool.totalCount;
      const closed = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on('remove', () => {
          if (--open <= 0) resolve();
        });
      });
      await pool.end();
      await closed;
    },
    async query<T>(name: string, text: string, values: unknown[]) {
      return (await pool.query<T & pg.QueryResultRow>({ name, text, values })).rows;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only a well-formed uuid is ever placed in SQL text; anything else is refused before it gets there. */
function uuid(value: string): string {
  if (!UUID.test(value)) throw new Error('tenant id is not a uuid');
  return value;
}

// One Drizzle handle per pooled connection, made once: building one per transaction costs CPU on
// every request. No relational schema is needed: services use the query builder only.
const handles = new WeakMap<pg.PoolClient, Tx>();
const clients = new WeakMap<Tx, pg.PoolClient>();
function bound(client: pg.PoolClient): Tx {
  let handle = handles.get(client);
  if (!handle) {
    handle = drizzlePg({ client }) as unknown as Tx;
    handles.set(client, handle);
    clients.set(handle, client);
  }
  return handle;
}

/**
 * The PostgreSQL connection under a transaction handle, for what the query builder cannot do
 * (COPY); undefined on PGlite. Use it only inside the transaction it belongs to.
 */
export function postgresClientOf(tx: Tx): pg.PoolClient | undefined {
  return clients.get(tx);
}

async function pooledTransaction<T>(pool: pg.Pool, context: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`begin; ${context}`);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return finishTransaction(client, fn);
}

/** Runs fn in the transaction open on this connection, commits or rolls back, and releases it. */
async function finishTransaction<T>(client: pg.PoolClient, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  try {
    try {
      const result = await fn(bound(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

export function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

/**
 * A named statement inside a transaction: on PostgreSQL it is parsed and planned once per
 * connection, and no query builder runs on the hot path.
 */
export async function preparedRows<T>(tx: Tx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = clients.get(tx);
  if (client) return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  // PGlite: the transaction's own connection, under Drizzle's handle.
  const pglite = (
    tx as unknown as { session: { client: { query<R>(t: string, v: unknown[]): Promise<{ rows: R[] }> } } }
  ).session.client;
  return (await pglite.query<T>(text, values)).rows;
}

/** Rows of a raw query, the same on both drivers. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
