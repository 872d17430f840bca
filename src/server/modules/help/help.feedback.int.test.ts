import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  buildWinterslag,
  type SignedIn,
  signIn,
} from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import { brusselsWeekday } from '../../../shared/brussels.ts';
import type { Role } from '../../../shared/permissions.ts';
import { daysBetween, setClockOffsetDays, today } from '../../clock.ts';
import type { App } from '../../http/app.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { timelineEntries } from '../registry/registry.tables.ts';
import { helpRetentionRules } from './help.service.ts';
import { helpFeedbackLinks, helpMatches, helpNeeds } from './help.tables.ts';

/** The family's own feedback through a single-use link: made, read, answered once, refused after. */
describe.each(targets)('Genk Helpt feedback link on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let otherTenant: Awaited<ReturnType<typeof buildTenant>>;
  const staff = new Map<Role, SignedIn>();
  let volunteer: { id: string; session: SignedIn };
  let mailedHousehold: string;
  let offlineHousehold: string;
  let address = 0;

  const send = (
    session: SignedIn | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    body?: unknown,
  ) =>
    app.inject({
      method,
      url,
      // Each public call from its own address, so the routes' rate limit does not decide the tests.
      remoteAddress: session ? undefined : `10.0.0.${++address}`,
      headers: {
        ...(session?.headers ?? {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const as = (role: Role) => staff.get(role)!;
  const fieldsOf = (response: { json(): { error: { details: { field: string }[] } } }) =>
    response.json().error.details.map((d) => d.field);

  async function household(name: string, contacts: { channel: string; value: string }[]) {
    const place = await send(as('social_worker'), 'POST', '/api/addresses', {
      street: 'Stalenstraat',
      houseNumber: '14',
      postcode: '3600',
      municipality: 'Genk',
      lon: 5.476,
      lat: 50.966,
    });
    const person = await send(as('social_worker'), 'POST', '/api/persons', {
      givenName: 'Ayşe',
      familyName: name,
      languages: ['nl'],
      contacts,
    });
    expect(person.statusCode, person.body).toBe(201);
    const created = await send(as('social_worker'), 'POST', '/api/households', {
      name,
      addressId: place.json().id,
      members: [{ personId: person.json().id, relation: 'reference_person' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  /** A request for the household, accepted by the volunteer and reported done by them. */
  async function doneNeed(householdId: string) {
    const day = brusselsWeekday(1);
    const posted = await send(as('social_worker'), 'POST', '/api/help/needs', {
      householdId,
      helpType: 'errands',
      description: 'Boodschappen bij de supermarkt, lijstje ligt klaar',
      timing: { kind: 'moment', date: day, start: 600, end: 660 },
      languages: ['nl'],
      consentGiven: true,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const needId = posted.json().id as string;
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [volunteer.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [match] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ id: helpMatches.id }).from(helpMatches).where(eq(helpMatches.needId, needId)),
    );
    const matchId = match!.id;
    expect(
      (await send(volunteer.session, 'POST', `/api/help/matches/${matchId}/accept`, {})).statusCode,
    ).toBe(200);
    // Reported done on the day itself: the volunteer cannot before.
    setClockOffsetDays(daysBetween(today(), day));
    const done = await send(volunteer.session, 'POST', `/api/help/matches/${matchId}/complete`, {
      minutes: 60,
      rating: 5,
    }).finally(() => setClockOffsetDays(0));
    expect(done.statusCode, done.body).toBe(200);
    return needId;
  }

  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const linksOf = (needId: string) =>
    t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(helpFeedbackLinks).where(eq(helpFeedbackLinks.needId, needId)),
    );
  const needRow = async (needId: string) =>
    (
      await t.database.inTenant(tenant.id, (tx) =>
        tx.select().from(helpNeeds).where(eq(helpNeeds.id, needId)),
      )
    )[0]!;
  /** A link to pass on by hand, made by staff on the request page. */
  const handedLink = async (needId: string) => {
    const made = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback-link`, {
      byEmail: false,
    });
    expect(made.statusCode, made.body).toBe(201);
    return tokenOf(made.json().url);
  };
  const answer = (token: string, body: Record<string, unknown> = {}, slug = tenant.slug) =>
    send(undefined, 'POST', '/api/help/public/feedback', { tenant: slug, token, rating: 4, ...body });

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    otherTenant = await buildTenant(t.database, 'As');
    for (const role of ['admin', 'coordinator', 'social_worker'] as Role[]) {
      const user = await buildUser(t.database, tenant.id, [role]);
      staff.set(role, await signIn(app, tenant.slug, user.email));
    }
    const area = await buildWinterslag(t.database, tenant.id);
    const type = await send(as('coordinator'), 'POST', '/api/help/types', {
      code: 'errands',
      names: { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' },
      requiredScreenings: [],
    });
    expect(type.statusCode, type.body).toBe(201);
    const user = await buildUser(t.database, tenant.id, ['volunteer']);
    volunteer = { id: user.id, session: await signIn(app, tenant.slug, user.email) };
    const saved = await send(volunteer.session, 'PUT', '/api/help/me/profile', {
      phone: '0470 00 00 00',
      helpTypes: ['errands'],
      languages: ['nl'],
      homeAreaId: area,
      maxDistanceKm: 5,
      commitment: 'both',
      slots: [{ day: 1, start: 540, end: 720 }],
      away: [],
      means: ['bike'],
      capacity: 10,
      wantsCoaching: false,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const screened = await send(as('coordinator'), 'PATCH', `/api/help/volunteers/${user.id}`, {
      intakeDoneOn: '2026-01-10',
      agreementSignedOn: '2026-01-10',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    mailedHousehold = await household('Öztürk', [
      { channel: 'phone', value: '0479 55 12 80' },
      { channel: 'email', value: 'ayse.ozturk@example.org' },
    ]);
    offlineHousehold = await household('Peeters', [{ channel: 'phone', value: '0479 11 22 33' }]);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('mails a single-use link when the help is done and the family has an e-mail address', async () => {
    const needId = await doneNeed(mailedHousehold);
    const links = await linksOf(needId);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ sentByEmail: true, usedAt: null });
    // About 30 days, and only the hash is kept.
    const days = (links[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const outbox = (await send(as('admin'), 'GET', '/api/admin/outbox')).json();
    const mail = outbox.find((m: { toAddress: string }) => m.toAddress === 'ayse.ozturk@example.org');
    expect(mail.subject).toBe('Genk Helpt: hoe was de hulp?');
    const url = /https?:\/\/\S+\/help\/feedback\?\S+/.exec(mail.body)![0];
    const token = tokenOf(url);
    expect(links[0]!.tokenHash).not.toContain(token);
    // The request page says a link went out, never the link itself.
    const detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.feedbackLink).toMatchObject({ sentByEmail: true, usedAt: null });
    expect(detail.familyHasEmail).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(token);
  });

  it('makes no link by itself for a family without an e-mail address; staff get one to pass on', async () => {
    const needId = await doneNeed(offlineHousehold);
    expect(await linksOf(needId)).toHaveLength(0);
    const byMail = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback-link`, {
      byEmail: true,
    });
    expect(byMail.statusCode).toBe(400);
    expect(fieldsOf(byMail)).toEqual(['byEmail']);
    expect(await linksOf(needId)).toHaveLength(0);
    const first = await handedLink(needId);
    // Asking again replaces the first link: only the newest one works.
    const second = await handedLink(needId);
    expect(await linksOf(needId)).toHaveLength(2);
    expect(fieldsOf(await answer(first))).toEqual(['token']);
    expect((await answer(second)).statusCode).toBe(202);
  });

  it('shows the family only the kind of help and the day, nothing about anyone', async () => {
    const needId = await doneNeed(offlineHousehold);
    const token = await handedLink(needId);
    const opened = await send(undefined, 'POST', '/api/help/public/feedback/open', {
      tenant: tenant.slug,
      token,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json();
    expect(Object.keys(view).sort()).toEqual(['day', 'helpType']);
    expect(view.helpType).toEqual({ nl: 'Boodschappen', en: 'Errands', fr: 'Courses' });
    expect(view.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const personal of ['Peeters', 'Ayşe', 'Stalenstraat', 'supermarkt', 'Test volunteer', '0479']) {
      expect(opened.body).not.toContain(personal);
    }
  });

  it('takes the answer once: stored on the request, its history, the household timeline and the audit log', async () => {
    const needId = await doneNeed(offlineHousehold);
    const token = await handedLink(needId);
    const ok = await answer(token, { rating: 2, comment: 'Ze kwam te laat, maar was vriendelijk' });
    expect(ok.statusCode, ok.body).toBe(202);
    const row = await needRow(needId);
    expect(row).toMatchObject({
      residentRating: 2,
      residentComment: 'Ze kwam te laat, maar was vriendelijk',
      residentFeedbackBy: 'family',
    });
    expect((await linksOf(needId))[0]!.usedAt).not.toBeNull();

    // Sending twice: refused, nothing changes.
    const again = await answer(token, { rating: 5, comment: 'Toch top' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toEqual([
      { in: 'body', field: 'token', message: 'this link has been used already' },
    ]);
    expect(await needRow(needId)).toMatchObject({ residentRating: 2, updatedAt: row.updatedAt });

    const detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.residentFeedback).toMatchObject({ rating: 2, by: 'family' });
    expect(detail.feedbackLink.usedAt).not.toBeNull();
    const event = detail.events.find((e: { reasonKey: string }) => e.reasonKey === 'familyFeedback');
    expect(event).toMatchObject({ actorName: 'family (feedback link)', reasonValues: null });
    const [timeline] = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select({ n: count() })
        .from(timelineEntries)
        .where(
          and(
            eq(timelineEntries.householdId, offlineHousehold),
            eq(timelineEntries.recordId, needId),
            eq(timelineEntries.summaryKey, 'help.familyFeedback'),
          ),
        ),
    );
    expect(timeline!.n).toBe(1);
    const audits = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select({ userId: auditLog.actorId, label: auditLog.actorLabel, details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'help.resident_feedback'), eq(auditLog.recordId, needId))),
    );
    expect(audits).toEqual([{ userId: null, label: 'family (feedback link)', details: { by: 'family' } }]);

    // Staff do not overwrite the family's own answer, and cannot ask again.
    const overwrite = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback`, {
      rating: 5,
    });
    expect(overwrite.statusCode).toBe(409);
    expect(overwrite.json().error.details.reason).toBe('family_answered');
    expect((await needRow(needId)).residentRating).toBe(2);
    const askAgain = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback-link`, {
      byEmail: false,
    });
    expect(askAgain.statusCode).toBe(409);
  });

  it('refuses an expired, unknown or other municipality link, and nothing is saved', async () => {
    const needId = await doneNeed(offlineHousehold);
    const token = await handedLink(needId);
    const other = await send(undefined, 'POST', '/api/help/public/feedback/open', {
      tenant: otherTenant.slug,
      token,
    });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other)).toEqual(['token']);
    expect(fieldsOf(await answer(token, {}, otherTenant.slug))).toEqual(['token']);
    const unknown = await answer('x'.repeat(43));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({
      field: 'token',
      message: 'this link is not valid or has expired',
    });
    await t.database.inTenant(tenant.id, (tx) =>
      tx
        .update(helpFeedbackLinks)
        .set({ expiresAt: sql`now() - interval '1 minute'` })
        .where(eq(helpFeedbackLinks.needId, needId)),
    );
    const expired = await answer(token);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.details[0]).toMatchObject({
      field: 'token',
      message: 'this link is not valid or has expired',
    });
    expect(await needRow(needId)).toMatchObject({ residentRating: null, residentFeedbackBy: null });
    expect((await linksOf(needId))[0]!.usedAt).toBeNull();
  });

  it('refuses a rating out of range or a comment too long beside the field, and keeps the link', async () => {
    const needId = await doneNeed(offlineHousehold);
    const token = await handedLink(needId);
    for (const [body, field] of [
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: 3.5 }, 'rating'],
      [{ rating: 4, comment: 'x'.repeat(1001) }, 'comment'],
    ] as const) {
      const refused = await answer(token, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(refused)).toEqual([field]);
    }
    expect(await needRow(needId)).toMatchObject({ residentRating: null, residentComment: null });
    expect((await linksOf(needId))[0]!.usedAt).toBeNull();
    // The link still works for a good answer afterwards.
    expect((await answer(token, { rating: 4, comment: 'x'.repeat(1000) })).statusCode).toBe(202);
  });

  it('records feedback only on help that was given, as the link does', async () => {
    const posted = await send(as('social_worker'), 'POST', '/api/help/needs', {
      householdId: offlineHousehold,
      helpType: 'errands',
      description: 'Boodschappen bij de supermarkt',
      timing: { kind: 'moment', date: brusselsWeekday(1), start: 600, end: 660 },
      languages: ['nl'],
      consentGiven: true,
    });
    const needId = posted.json().id as string;
    const early = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback`, {
      rating: 1,
    });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.details).toMatchObject({ reason: 'status', status: 'new' });
    expect(await needRow(needId)).toMatchObject({ residentRating: null, residentFeedbackBy: null });
  });

  it('lets staff record feedback for an offline family, which the family may still replace with its own', async () => {
    const needId = await doneNeed(offlineHousehold);
    const byStaff = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback`, {
      rating: 3,
      comment: 'Telefonisch',
    });
    expect(byStaff.statusCode, byStaff.body).toBe(200);
    expect(await needRow(needId)).toMatchObject({ residentRating: 3, residentFeedbackBy: 'staff' });
    const token = await handedLink(needId);
    expect((await answer(token, { rating: 5 })).statusCode).toBe(202);
    expect(await needRow(needId)).toMatchObject({
      residentRating: 5,
      residentComment: null,
      residentFeedbackBy: 'family',
    });
  });

  it('removes links 30 days after they were used or expired, and keeps the open ones', async () => {
    const usedNeed = await doneNeed(offlineHousehold);
    expect((await answer(await handedLink(usedNeed))).statusCode).toBe(202);
    const openNeed = await doneNeed(offlineHousehold);
    await handedLink(openNeed);
    const rule = helpRetentionRules.find((r) => r.name === 'help.feedback_links')!;
    const cutoff = new Date(Date.now() + 60_000);
    await t.database.inTenant(tenant.id, (tx) => rule.sweep(tx, cutoff, tenant.id));
    expect(await linksOf(usedNeed)).toHaveLength(0);
    expect(await linksOf(openNeed)).toHaveLength(1);
  });

  it('limits how often one address may answer', async () => {
    const needId = await doneNeed(offlineHousehold);
    const token = await handedLink(needId);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/help/public/feedback',
        remoteAddress: '10.9.9.9',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ tenant: tenant.slug, token, rating: 9 }),
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
