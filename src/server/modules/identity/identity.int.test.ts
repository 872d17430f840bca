import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, signIn, TEST_PASSWORD } from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
  testEnv,
} from '../../../../tests/integration/harness.ts';
import type { App } from '../../http/app.ts';
import { createJobRunner } from '../../jobs/jobs.ts';
import { emailOutbox } from '../mail/mail.tables.ts';
import { LOCKOUT_AFTER_FAILURES } from './identity.service.ts';
import { sessions, users } from './identity.tables.ts';

describe.each(targets)('accounts and sessions on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  const env = testEnv();

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database, env);
    tenant = await buildTenant(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const login = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { tenant: tenant.slug, email, password } });

  /** Delivers queued mail (kept in the outbox: no SMTP in tests) and returns the newest link sent to this address. */
  async function linkSentTo(email: string) {
    await createJobRunner(t.database, env, pino({ level: 'silent' })).drain();
    const mails = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.toAddress, email))),
    );
    expect(mails.every((m) => m.status === 'kept')).toBe(true);
    const body = mails.at(-1)!.body;
    const token = /token=([\w-]+)/.exec(body)?.[1];
    expect(token).toBeTruthy();
    return token!;
  }

  it('sets an httpOnly SameSite cookie and answers the same for a wrong e-mail and a wrong password', async () => {
    const user = await buildUser(t.database, tenant.id, ['coordinator']);
    const ok = await login(user.email, TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    const wrongPassword = await login(user.email, 'not the password');
    const wrongEmail = await login('nobody@example.org', 'not the password');
    expect(wrongPassword.json()).toEqual(wrongEmail.json());
    expect(wrongPassword.statusCode).toBe(401);
  });

  it('locks an account for a while after repeated failures', async () => {
    const user = await buildUser(t.database, tenant.id, ['coach']);
    for (let i = 0; i < LOCKOUT_AFTER_FAILURES; i++) await login(user.email, 'wrong password');
    const locked = await login(user.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    await t.database.inTenant(tenant.id, (tx) =>
      tx
        .update(users)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(users.id, user.id)),
    );
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts sign-in attempts per account, so one account guessed at does not shut out the colleagues beside it', async () => {
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await login('guessed@example.org', `guess ${i}`)).statusCode);
    expect(codes).toEqual([...Array(10).fill(401), 429]);
    // Same address (a town hall signs in from one), another account: answered as usual.
    expect((await login('colleague@example.org', 'not the password')).statusCode).toBe(401);
    const user = await buildUser(t.database, tenant.id, ['coordinator']);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('signs out here, or everywhere', async () => {
    const user = await buildUser(t.database, tenant.id, ['social_worker']);
    const first = await signIn(app, tenant.slug, user.email);
    const second = await signIn(app, tenant.slug, user.email);
    const third = await signIn(app, tenant.slug, user.email);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers, payload: {} });
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: first.headers })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: second.headers })).statusCode,
    ).toBe(200);
    await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: second.headers,
      payload: { everywhere: true },
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: third.headers })).statusCode,
    ).toBe(401);
  });

  it('resets a password through a link in the outbox, once, and ends old sessions', async () => {
    const user = await buildUser(t.database, tenant.id, ['contact_agent']);
    const old = await signIn(app, tenant.slug, user.email);
    const ask = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { tenant: tenant.slug, email: user.email },
    });
    expect(ask.statusCode).toBe(202);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { tenant: tenant.slug, email: 'unknown@example.org' },
    });
    expect(unknown.statusCode).toBe(202);
    const token = await linkSentTo(user.email);
    const set = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/set-password',
        payload: { tenant: tenant.slug, token, password },
      });
    const short = await set('short');
    expect(short.statusCode).toBe(400);
    expect((await set('a brand new passphrase')).statusCode).toBe(200);
    expect((await set('another new passphrase')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: old.headers })).statusCode).toBe(
      401,
    );
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('lets an administrator invite, give and take roles, and deactivate', async () => {
    const admin = await signIn(app, tenant.slug, (await buildUser(t.database, tenant.id, ['admin'])).email);
    const invite = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: admin.headers,
      payload: { email: 'New.Person@Example.org', displayName: 'Nieuwe Collega', roles: ['home_visitor'] },
    });
    expect(invite.statusCode).toBe(201);
    const invited = invite.json();
    expect(invited).toMatchObject({
      email: 'new.person@example.org',
      invitePending: true,
      roles: ['home_visitor'],
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: admin.headers,
      payload: { email: 'new.person@example.org', displayName: 'Twice', roles: ['coach'] },
    });
    expect(again.statusCode).toBe(409);

    const token = await linkSentTo('new.person@example.org');
    await app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { tenant: tenant.slug, token, password: 'welcome to samen' },
    });
    const person = await signIn(app, tenant.slug, 'new.person@example.org', 'welcome to samen');

    const give = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${invited.id}`,
      headers: admin.headers,
      payload: { roles: ['home_visitor', 'coordinator'] },
    });
    expect(give.json().roles).toEqual(['home_visitor', 'coordinator']);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: person.headers });
    expect(me.json().actions).toContain('users.read');

    const off = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${invited.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: person.headers })).statusCode,
    ).toBe(401);
    expect((await login('new.person@example.org', 'welcome to samen')).statusCode).toBe(401);
    const left = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(sessions).where(eq(sessions.userId, invited.id)),
    );
    expect(left).toEqual([]);
  });

  it('does not let an administrator lock themselves out', async () => {
    const user = await buildUser(t.database, tenant.id, ['admin']);
    const admin = await signIn(app, tenant.slug, user.email);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(response.statusCode).toBe(409);
  });
});
