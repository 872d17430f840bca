import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, signIn } from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import type { Tx } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { type AuditEvent, recordAudit, verifyAuditChain } from './audit.service.ts';

/**
 * The trail's mechanics (rollback, chaining) are tested with actions no code writes, so that no
 * other entry can match them; they are cast here rather than listed in src/shared/audit-actions.ts,
 * which holds what the server writes and what the audit page must have words for.
 */
const testOnly = <T extends keyof AuditEvent>(_field: T, value: string) => value as AuditEvent[T];

describe.each(targets)('audit trail on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const actor = () => ({ tenantId: tenant.id, userId: null, label: 'test', requestId: 'req-1' });

  /** Runs SQL as the owner of the tables, as an attacker with database access would. */
  async function asOwner(statement: string) {
    if (t.ownerUrl) {
      const client = new pg.Client({ connectionString: t.ownerUrl });
      await client.connect();
      await client.query(statement);
      await client.end();
    } else {
      // PGlite: one connection; step out of the app role for this statement only.
      await t.database.db.transaction(async (tx: Tx) => {
        await tx.execute(sql`reset role`);
        await tx.execute(sql.raw(statement));
        await tx.execute(sql`set role samen_app`);
      });
    }
  }

  it('writes the entry in the same transaction as the change: a rolled-back change leaves none', async () => {
    await expect(
      t.database.inTenant(tenant.id, async (tx) => {
        await recordAudit(tx, actor(), { action: testOnly('action', 'test.rolled_back') });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const admin = await signIn(app, tenant.slug, (await buildUser(t.database, tenant.id, ['admin'])).email);
    const list = await app.inject({ method: 'GET', url: '/api/audit?action=test.', headers: admin.headers });
    expect(list.json().entries).toEqual([]);
  });

  it('chains entries and finds the first edited one', async () => {
    for (let i = 0; i < 5; i++) {
      await t.database.inTenant(tenant.id, (tx) =>
        recordAudit(tx, actor(), {
          action: testOnly('action', 'test.step'),
          recordType: testOnly('recordType', 'thing'),
          recordId: String(i),
          details: { i },
        }),
      );
    }
    const intact = await verifyAuditChain(t.database, tenant.id);
    expect(intact.firstBreak).toBeNull();
    expect(intact.entries).toBeGreaterThanOrEqual(5);
    const target = intact.entries - 2;
    await asOwner(
      `update audit_log set actor_label = 'someone else' where tenant_id = '${tenant.id}' and seq = ${target}`,
    );
    const edited = await verifyAuditChain(t.database, tenant.id);
    expect(edited.firstBreak).toEqual({ seq: target, reason: 'edited' });
    await asOwner(`delete from audit_log where tenant_id = '${tenant.id}' and seq = ${target - 1}`);
    const removed = await verifyAuditChain(t.database, tenant.id);
    expect(removed.firstBreak).toEqual({ seq: target - 1, reason: 'missing' });
  });

  it('lets an administrator filter the trail by action, record and actor, newest first', async () => {
    const user = await buildUser(t.database, tenant.id, ['admin']);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password: 'not the password' },
    });
    expect(wrong.statusCode).not.toBe(200);
    const admin = await signIn(app, tenant.slug, user.email);
    // A known action is that action alone; anything else is a prefix.
    const ofUser = (action: string) =>
      app.inject({
        method: 'GET',
        url: `/api/audit?action=${action}&recordId=${user.id}`,
        headers: admin.headers,
      });
    expect((await ofUser('auth.login')).json().entries.map((e: { action: string }) => e.action)).toEqual([
      'auth.login',
    ]);
    expect((await ofUser('auth.')).json().entries.map((e: { action: string }) => e.action)).toEqual([
      'auth.login',
      'auth.login_failed',
    ]);
    // A prefix is taken as written: `_` and `%` are letters, not wildcards.
    for (const wild of ['auth_', '%25', 'auth.login%25failed', '_uth.'])
      expect((await ofUser(wild)).json().entries, wild).toEqual([]);
    const logins = await app.inject({
      method: 'GET',
      url: `/api/audit?action=auth.login&actorId=${user.id}`,
      headers: admin.headers,
    });
    expect(logins.statusCode).toBe(200);
    const entries = logins.json().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'auth.login',
      recordType: 'user',
      recordId: user.id,
      actorId: user.id,
    });
    expect(entries[0].requestId).toEqual(expect.any(String));
    const page = await app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: admin.headers });
    const [first, second] = page.json().entries;
    expect(first.seq).toBeGreaterThan(second.seq);
    expect(page.json().nextBeforeSeq).toBe(second.seq);
    const bad = await app.inject({ method: 'GET', url: '/api/audit?limit=5000', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
  });
});
