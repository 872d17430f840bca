import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, openPglite, openPostgres } from '../../src/server/db/client.ts';
import { createScratchDatabase } from '../../src/server/db/scratch.ts';
import { type Env, loadEnv } from '../../src/server/env.ts';
import { type App, buildApp } from '../../src/server/http/app.ts';

export type Target = 'pglite' | 'postgres';

/** PGlite always; the machine's PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const targets: Target[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** The owner's connection string (Postgres only): to prove what the app role cannot do. */
  ownerUrl: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a Postgres database with a random name. */
export async function openTestDatabase(target: Target): Promise<TestDatabase> {
  if (target === 'pglite') {
    const database = await openPglite(undefined);
    await database.migrate();
    return { database, ownerUrl: null, drop: () => database.close() };
  }
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'samen_test');
  const database = await openPostgres(scratch.url, 10);
  await database.migrate();
  return {
    database,
    ownerUrl: scratch.url,
    async drop() {
      await database.close();
      await scratch.drop();
    },
  };
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'samen-test-')),
    LOG_LEVEL: 'silent',
    DEMO: 'on',
    ...overrides,
  });
}

export async function createTestApp(database: Database, env: Env = testEnv()): Promise<App> {
  const app = await buildApp({ env, database, migration: 'test', webDir: null, logger: false });
  await app.ready();
  return app;
}

/** The database's own message behind Drizzle's "Failed query" wrapper. */
export async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'no error';
}
