import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, targets } from '../../../tests/integration/harness.ts';

// Only PostgreSQL has connections that a server can end; PGlite runs inside the process.
describe.runIf(targets.includes('postgres'))('the PostgreSQL pool', () => {
  it('keeps serving after the server ends its idle connections', async () => {
    const t = await openTestDatabase('postgres');
    try {
      expect(await t.database.query('warm', 'select 1 as one', [])).toEqual([{ one: 1 }]);
      const owner = new pg.Client({ connectionString: t.ownerUrl! });
      await owner.connect();
      try {
        const ended = await owner.query(
          `select pg_terminate_backend(pid) as ended from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid()`,
        );
        expect(ended.rows.length).toBeGreaterThan(0);
      } finally {
        await owner.end();
      }
      // The pool hears of it as an 'error' event; unheard, that would end the test process.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await t.database.query('again', 'select 2 as two', [])).toEqual([{ two: 2 }]);
    } finally {
      await t.drop();
    }
  });
});
