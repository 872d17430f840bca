import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildNeighbourhood,
  buildTenant,
  buildUser,
  type SignedIn,
  signIn,
  TEST_PASSWORD,
} from '../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../tests/integration/harness.ts';
import type { App } from './app.ts';

// A read over real HTTP: on PostgreSQL the session check opens the request's transaction and the
// route's query continues it (decision 0010); on PGlite nothing is held. Either way the answers
// are the same, and no connection is ever left behind, whatever the client does.
describe.each(targets)('a read keeps its session check and its query together on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let base: string;
  let user: SignedIn;
  let opened = 0;

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    const tenant = await buildTenant(t.database);
    await buildNeighbourhood(t.database, tenant.id, 'Centrum');
    await buildNeighbourhood(t.database, tenant.id, 'Bret');
    const email = (await buildUser(t.database, tenant.id, ['coordinator'])).email;
    user = await signIn(app, tenant.slug, email, TEST_PASSWORD);
    const open = t.database.openRequestTransaction;
    if (open) {
      t.database.openRequestTransaction = (...args) => {
        opened++;
        return open(...args);
      };
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const get = (url: string, cookie = user.cookie, signal = AbortSignal.timeout(10_000)) =>
    fetch(`${base}${url}`, { headers: { cookie }, signal });

  it('answers many reads at once, each with its own tenant, through one transaction each', async () => {
    opened = 0;
    const answers = await Promise.all(Array.from({ length: 30 }, () => get('/api/neighbourhoods')));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    const names = (await answers[0]!.json()).map((n: { name: string }) => n.name);
    expect(names).toEqual(['Bret', 'Centrum']);
    expect(opened).toBe(target === 'postgres' ? 30 : 0);
  });

  it('lets go of the transaction when the route never queries, when the session is unknown, and when the client leaves', async () => {
    expect((await get('/api/auth/me')).status).toBe(200);
    const [tenantPart] = user.cookie.split('.');
    expect((await get('/api/neighbourhoods', `${tenantPart}.${'x'.repeat(40)}`)).status).toBe(401);
    for (let i = 0; i < 20; i++) {
      const leaving = new AbortController();
      const request = get('/api/neighbourhoods', user.cookie, leaving.signal).catch(() => null);
      setTimeout(() => leaving.abort(), i % 5);
      await request;
    }
    // The test pool holds 10 connections: a leak of even half of these would starve what follows.
    const after = await Promise.all(Array.from({ length: 25 }, () => get('/api/neighbourhoods')));
    expect(after.every((a) => a.status === 200)).toBe(true);
    if (t.ownerUrl) {
      const owner = new pg.Client({ connectionString: t.ownerUrl });
      await owner.connect();
      try {
        await expect
          .poll(
            async () =>
              (
                await owner.query(
                  `select count(*)::int as n from pg_stat_activity
                   where datname = current_database() and state like 'idle in transaction%'`,
                )
              ).rows[0].n,
            { timeout: 5_000 },
          )
          .toBe(0);
      } finally {
        await owner.end();
      }
    }
  });
});
