import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNeighbourhood, buildTenant, buildUser, signIn } from '../../../tests/factories.ts';
import {
  createTestApp,
  dbError,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../tests/integration/harness.ts';
import type { App } from '../http/app.ts';
import { users } from '../modules/identity/identity.tables.ts';
import { neighbourhoods } from '../modules/registry/registry.tables.ts';
import { rowsOf } from './client.ts';

describe.each(targets)('tenant isolation on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let a: Awaited<ReturnType<typeof buildTenant>>;
  let b: Awaited<ReturnType<typeof buildTenant>>;
  let adminA: { id: string; email: string };
  let adminB: { id: string; email: string };

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    a = await buildTenant(t.database, 'Alpha');
    b = await buildTenant(t.database, 'Beta');
    adminA = await buildUser(t.database, a.id, ['admin']);
    adminB = await buildUser(t.database, b.id, ['admin']);
    await buildNeighbourhood(t.database, a.id, 'Noord');
    await buildNeighbourhood(t.database, b.id, 'Zuid');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('runs as a role that can neither bypass row-level security nor act as superuser', async () => {
    const [role] = await t.database.inTenant(a.id, async (tx) =>
      rowsOf<{ rolsuper: boolean; rolbypassrls: boolean; name: string }>(
        await tx.execute(
          sql`select rolsuper, rolbypassrls, current_user as name from pg_roles where rolname = current_user`,
        ),
      ),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, name: 'samen_app' });
  });

  it('puts tenant_id first in every primary key and forces row-level security on every table', async () => {
    const tables = await t.database.inTenant(a.id, async (tx) =>
      rowsOf<{ table: string; first_key: string; rls: boolean; forced: boolean }>(
        await tx.execute(sql`
          select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
                 (select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                  where i.indrelid = c.oid and i.indisprimary) as first_key
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`),
      ),
    );
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const table of tables) {
      expect(table, table.table).toMatchObject({ rls: true, forced: true });
      expect(table.first_key, table.table).toBe(table.table === 'tenants' ? 'id' : 'tenant_id');
    }
  });

  it('sees nothing when no tenant is set', async () => {
    const seen = await t.database.db.transaction(async (tx) => tx.select().from(users));
    expect(seen).toEqual([]);
    const seenAsA = await t.database.inTenant(a.id, (tx) => tx.select().from(users));
    expect(seenAsA.map((u) => u.id)).toEqual([adminA.id]);
  });

  it('never reads, changes or writes another tenant’s rows through SQL', async () => {
    const read = await t.database.inTenant(a.id, (tx) =>
      tx.select().from(neighbourhoods).where(eq(neighbourhoods.tenantId, b.id)),
    );
    expect(read).toEqual([]);
    const changed = await t.database.inTenant(a.id, (tx) =>
      tx
        .update(users)
        .set({ displayName: 'hijacked' })
        .where(and(eq(users.tenantId, b.id), eq(users.id, adminB.id)))
        .returning({ id: users.id }),
    );
    expect(changed).toEqual([]);
    const removed = await t.database.inTenant(a.id, (tx) =>
      tx.delete(users).where(eq(users.tenantId, b.id)).returning({ id: users.id }),
    );
    expect(removed).toEqual([]);
    expect(
      await dbError(
        t.database.inTenant(a.id, (tx) =>
          tx.insert(users).values({ tenantId: b.id, email: 'intruder@example.org', displayName: 'Intruder' }),
        ),
      ),
    ).toMatch(/row-level security/);
    const [stillThere] = await t.database.inTenant(b.id, (tx) =>
      tx.select().from(users).where(eq(users.id, adminB.id)),
    );
    expect(stillThere?.displayName).not.toBe('hijacked');
  });

  it('keeps the audit trail append-only for the app', async () => {
    expect(
      await dbError(t.database.inTenant(a.id, (tx) => tx.execute(sql`update audit_log set action = 'x'`))),
    ).toMatch(/permission denied/);
    expect(await dbError(t.database.inTenant(a.id, (tx) => tx.execute(sql`delete from audit_log`)))).toMatch(
      /permission denied/,
    );
  });

  it('never shows another municipality through the API', async () => {
    const asA = await signIn(app, a.slug, adminA.email);
    const list = await app.inject({ method: 'GET', url: '/api/neighbourhoods', headers: asA.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((n: { name: string }) => n.name)).toEqual(['Noord']);
    const people = await app.inject({ method: 'GET', url: '/api/admin/users', headers: asA.headers });
    expect(people.json().map((u: { id: string }) => u.id)).toEqual([adminA.id]);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${adminB.id}`,
      headers: asA.headers,
      payload: { active: false },
    });
    expect(change.statusCode).toBe(404);
    const forged = await app.inject({
      method: 'GET',
      url: '/api/neighbourhoods',
      headers: { cookie: asA.cookie.replace(a.id, b.id) },
    });
    expect(forged.statusCode).toBe(401);
  });

  // PGlite has one in-process connection and no network login, so this case exists on Postgres only.
  it.runIf(target === 'postgres')('keeps the app role out even when it connects directly', async () => {
    const client = new pg.Client({ connectionString: t.ownerUrl!, options: '-c role=samen_app' });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as n from users');
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
