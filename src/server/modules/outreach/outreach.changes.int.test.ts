import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, rect, type SignedIn, signIn } from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
  testEnv,
} from '../../../../tests/integration/harness.ts';
import { brusselsDay } from '../../../shared/brussels.ts';
import type { CampaignDetail, MyRounds, ReviewDoor } from '../../../shared/outreach.schemas.ts';
import { rowsOf } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { jobs } from '../../jobs/jobs.tables.ts';
import { createJobRunner, scheduleNightlyJobs } from '../../jobs/jobs.ts';
import { enqueue } from '../../jobs/queue.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { addressKey } from '../registry/address-key.ts';
import { createNeighbourhood } from '../registry/registry.service.ts';
import { addresses, householdMembers, households, persons } from '../registry/registry.tables.ts';
import { REVISITS_JOB } from './outreach.revisits.ts';
import { outreachDoors, outreachShifts } from './outreach.tables.ts';

/**
 * What a coordinator does after set-up: settling doors two visitors recorded, the revisits of
 * "not home" doors planned by the hourly job, changing shifts and changing the campaign itself.
 */

// Days in Genk, as the service counts them (isoDay).
const inDays = (n: number) => brusselsDay(n);
const today = () => brusselsDay();
const silent = pino({ level: 'silent' });

describe.each(targets)('changing outreach campaigns on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let coordinator: SignedIn;
  let manager: SignedIn;
  const visitors: { id: string; session: SignedIn }[] = [];
  let north: string;
  let south: string;
  let houses = 0;

  const send = (
    session: SignedIn,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...session.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const detail = async (id: string) =>
    (await send(coordinator, 'GET', `/api/outreach/campaigns/${id}`)).json() as CampaignDetail;
  const rounds = async (who: number) =>
    ((await send(visitors[who]!.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds).rounds;

  async function addHousehold(name: string, neighbourhoodId: string, lat: number, lon: number) {
    await t.database.inTenant(tenant.id, async (tx) => {
      houses += 1;
      const number = String(houses);
      const [address] = await tx
        .insert(addresses)
        .values({
          tenantId: tenant.id,
          street: 'Stalenstraat',
          houseNumber: number,
          postcode: '3600',
          municipality: 'Genk',
          lat,
          lon,
          neighbourhoodId,
          addressKey: addressKey('Stalenstraat', number, '', '3600'),
          search: `stalenstraat ${number} 3600 genk`,
        })
        .returning();
      const [household] = await tx
        .insert(households)
        .values({ tenantId: tenant.id, name, addressId: address!.id })
        .returning();
      const [person] = await tx
        .insert(persons)
        .values({
          tenantId: tenant.id,
          givenName: 'Resident',
          familyName: name,
          birthDate: '1970-01-01',
          nameSearch: `resident ${name.toLowerCase()}`,
          nameKey: `${name.toLowerCase()} resident`,
        })
        .returning();
      await tx.insert(householdMembers).values({
        tenantId: tenant.id,
        householdId: household!.id,
        personId: person!.id,
        relation: 'reference_person',
      });
    });
  }

  async function setUp(body: Record<string, unknown>, plan = true): Promise<string> {
    const created = await send(coordinator, 'POST', '/api/outreach/campaigns', {
      name: 'Hoe gaat het?',
      purpose: 'Ask how people are doing',
      startsOn: today(),
      endsOn: inDays(10),
      windowStart: 9 * 60,
      windowEnd: 20 * 60,
      ...body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    if (plan) {
      const planned = await send(coordinator, 'POST', `/api/outreach/campaigns/${id}/plan`, {});
      expect(planned.statusCode, planned.body).toBe(200);
    }
    return id;
  }

  async function sync(who: number, records: Record<string, unknown>[]) {
    const response = await send(visitors[who]!.session, 'POST', '/api/outreach/sync', {
      records: records.map((r) => ({ clientId: randomUUID(), recordedAt: new Date().toISOString(), ...r })),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().results as { status: string; visitId: string }[];
  }

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    coordinator = await signIn(
      app,
      tenant.slug,
      (await buildUser(t.database, tenant.id, ['coordinator'])).email,
    );
    manager = await signIn(
      app,
      tenant.slug,
      (await buildUser(t.database, tenant.id, ['neighbourhood_manager'])).email,
    );
    await t.database.inTenant(tenant.id, async (tx) => {
      north = await createNeighbourhood(tx, tenant.id, {
        code: 'noord',
        name: 'Noord',
        isFocus: true,
        outline: rect(5.45, 50.97, 5.5, 51.0),
      });
      south = await createNeighbourhood(tx, tenant.id, {
        code: 'zuid',
        name: 'Zuid',
        isFocus: false,
        outline: rect(5.45, 50.94, 5.5, 50.97),
      });
    });
    for (let i = 0; i < 4; i++) await addHousehold(`North ${i}`, north, 50.98 + i * 0.001, 5.47);
    for (let i = 0; i < 4; i++) await addHousehold(`South ${i}`, south, 50.95 + i * 0.001, 5.47);
  });
  // A visitor walks one round at a time, in any campaign: each test's campaigns get their own two.
  beforeEach(async () => {
    visitors.length = 0;
    for (let i = 0; i < 2; i++) {
      const user = await buildUser(t.database, tenant.id, ['home_visitor']);
      visitors.push({ id: user.id, session: await signIn(app, tenant.slug, user.email) });
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lets a coordinator settle doors two visitors recorded: both records side by side, one kept or both merged, audit-logged', async () => {
    const id = await setUp({
      neighbourhoodIds: [north],
      teams: [{ name: 'Noord', organisation: 'city', memberUserIds: [visitors[0]!.id, visitors[1]!.id] }],
      shifts: [
        { visitorUserId: visitors[0]!.id, day: today(), start: 0, end: 24 * 60 },
        { visitorUserId: visitors[1]!.id, day: today(), start: 0, end: 24 * 60 },
      ],
      windowStart: 0,
      windowEnd: 24 * 60,
    });
    // Both visitors download their rounds; then the coordinator moves two doors across.
    const first = (await rounds(0)).find((r) => r.campaignId === id)!;
    const second = (await rounds(1)).find((r) => r.campaignId === id)!;
    const c = await detail(id);
    const shiftOf = (who: number) => c.shifts.find((s) => s.visitorUserId === visitors[who]!.id)!.id;
    const doorA = first.doors[0] ?? second.doors[0]!;
    const doorB = first.doors[0] ? (first.doors[1] ?? second.doors[0]!) : second.doors[1]!;
    const ownerOf = (doorId: string) => (first.doors.some((d) => d.id === doorId) ? 0 : 1);
    for (const door of [doorA, doorB]) {
      const owner = ownerOf(door.id);
      const moved = await send(coordinator, 'PATCH', `/api/outreach/doors/${door.id}`, {
        pinnedShiftId: shiftOf(1 - owner),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      // The new visitor talks with the resident; the first visitor, with the old round, finds nobody home.
      expect(
        (
          await sync(1 - owner, [
            { doorId: door.id, baseVersion: 0, outcome: 'talked', needs: ['loneliness'] },
          ])
        )[0]!.status,
      ).toBe('created');
      expect(
        (
          await sync(owner, [{ doorId: door.id, baseVersion: 0, outcome: 'not_home', retryHint: 'evenings' }])
        )[0]!.status,
      ).toBe('conflict');
    }

    const listed = await send(coordinator, 'GET', `/api/outreach/campaigns/${id}/reviews`);
    expect(listed.statusCode, listed.body).toBe(200);
    const reviews = listed.json() as ReviewDoor[];
    expect(reviews.map((r) => r.doorId).sort()).toEqual([doorA.id, doorB.id].sort());
    const reviewA = reviews.find((r) => r.doorId === doorA.id)!;
    expect(reviewA.visits.map((v) => v.outcome)).toEqual(['talked', 'not_home']);
    expect(reviewA.visits.every((v) => v.conflict && v.visitorName)).toBe(true);
    expect(reviewA.visits[1]!.retryHint).toBe('evenings');
    // Visitors do not settle doors.
    expect(
      (await send(visitors[0]!.session, 'GET', `/api/outreach/campaigns/${id}/reviews`)).statusCode,
    ).toBe(403);

    // A visit of another door is not a choice; nothing changes.
    const wrong = await send(coordinator, 'POST', `/api/outreach/doors/${doorA.id}/resolve`, {
      choice: 'visit',
      visitId: reviews.find((r) => r.doorId === doorB.id)!.visits[0]!.id,
    });
    expect(wrong.statusCode).toBe(400);
    // Keep the "not home" record for door A (the coordinator called: nobody had talked to them).
    const kept = await send(coordinator, 'POST', `/api/outreach/doors/${doorA.id}/resolve`, {
      choice: 'visit',
      visitId: reviewA.visits[1]!.id,
      note: 'Checked by phone',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    // Merge door B: talked, with the needs of both.
    const merged = await send(manager, 'POST', `/api/outreach/doors/${doorB.id}/resolve`, {
      choice: 'merge',
      outcome: 'talked',
      needs: ['loneliness', 'financial'],
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const again = await send(manager, 'POST', `/api/outreach/doors/${doorB.id}/resolve`, {
      choice: 'merge',
      outcome: 'talked',
      needs: [],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('nothing to settle');

    const after = await detail(id);
    expect(after.doors.find((d) => d.id === doorA.id)).toMatchObject({
      state: 'not_home',
      needsReview: false,
    });
    expect(after.doors.find((d) => d.id === doorB.id)).toMatchObject({ state: 'talked', needsReview: false });
    expect((await send(coordinator, 'GET', `/api/outreach/campaigns/${id}/reviews`)).json()).toEqual([]);
    const progress = (await send(coordinator, 'GET', `/api/outreach/campaigns/${id}/progress`)).json();
    // Door A was settled as "not home" (its loneliness record set aside); door B counts its merged needs.
    expect(progress.total.needs).toMatchObject({ loneliness: 1, financial: 1 });
    const audit = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'outreach.door_settled'))),
    );
    expect(audit.map((a) => a.recordId).sort()).toEqual([doorA.id, doorB.id].sort());
    expect(audit.find((a) => a.recordId === doorB.id)!.details).toMatchObject({ choice: 'merge' });
  });

  it('plans revisits of "not home" doors through the hourly job: a later day, the time the resident gave, only those days re-planned', async () => {
    const id = await setUp({
      neighbourhoodIds: [south],
      teams: [{ name: 'Zuid', organisation: 'city', memberUserIds: [visitors[0]!.id] }],
      shifts: [{ visitorUserId: visitors[0]!.id, day: today(), start: 0, end: 24 * 60 }],
    });
    // Shifts for the coming days are added after the first round was planned and walked.
    const [first] = (await detail(id)).shifts;
    await t.database.inTenant(tenant.id, (tx) =>
      tx.insert(outreachShifts).values(
        [
          { day: inDays(1), startMinute: 9 * 60, endMinute: 12 * 60 },
          { day: inDays(2), startMinute: 16 * 60, endMinute: 20 * 60 },
        ].map((shift) => ({
          ...shift,
          tenantId: tenant.id,
          campaignId: id,
          teamId: first!.teamId,
          visitorUserId: visitors[0]!.id,
          mode: 'foot' as const,
          startLat: first!.startLat,
          startLon: first!.startLon,
        })),
      ),
    );
    const round = (await rounds(0)).find((r) => r.campaignId === id && r.day === today())!;
    expect(round.doors).toHaveLength(4);
    const [evening, plain, later, talked] = round.doors;
    const before = await detail(id);
    await sync(0, [
      {
        doorId: evening!.id,
        baseVersion: 0,
        outcome: 'not_home',
        retryHint: 'after five',
        retryFrom: 17 * 60,
      },
      { doorId: plain!.id, baseVersion: 0, outcome: 'not_home' },
      { doorId: later!.id, baseVersion: 0, outcome: 'not_home', retryOn: inDays(2) },
      { doorId: talked!.id, baseVersion: 0, outcome: 'talked' },
    ]);

    // The scheduler asks for the job once an hour; the runner does it.
    await scheduleNightlyJobs(t.database);
    await scheduleNightlyJobs(t.database);
    const queued = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.name, REVISITS_JOB))),
    );
    expect(queued).toHaveLength(1);
    await t.database.inTenant(tenant.id, (tx) =>
      tx.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, queued[0]!.id)),
    );
    const runner = createJobRunner(t.database, testEnv(), silent);
    await runner.drain();
    const [ran] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(jobs).where(eq(jobs.id, queued[0]!.id)),
    );
    expect(ran!.status, ran!.lastError ?? '').toBe('done');

    const after = await detail(id);
    const day = (shiftId: string | null) => after.shifts.find((s) => s.id === shiftId)?.day;
    const door = (doorId: string) => after.doors.find((d) => d.id === doorId)!;
    // "After five": the only coming shift that covers it is the evening shift the day after tomorrow.
    expect(door(evening!.id)).toMatchObject({ state: 'not_home', windowStart: 17 * 60 });
    expect(day(door(evening!.id).shiftId)).toBe(inDays(2));
    expect(door(evening!.id).eta!).toBeGreaterThanOrEqual(17 * 60);
    // No time given: the next day.
    expect(day(door(plain!.id).shiftId)).toBe(inDays(1));
    // "Not before the day after tomorrow".
    expect(door(later!.id).retryNotBefore).toBe(inDays(2));
    expect(day(door(later!.id).shiftId)).toBe(inDays(2));
    // The visited door stays in today's round, where it was.
    expect(door(talked!.id).shiftId).toBe(before.doors.find((d) => d.id === talked!.id)!.shiftId);
    // The revisits are in the visitor's rounds for those days, with the earlier note.
    const coming = (await rounds(0)).filter((r) => r.campaignId === id);
    const dayTwo = coming.find((r) => r.day === inDays(2))!;
    expect(dayTwo.doors.map((d) => d.id).sort()).toEqual([evening!.id, later!.id].sort());
    expect(dayTwo.doors.find((d) => d.id === evening!.id)!.earlierNotHome[0]!.note).toBe('after five');

    // Again: nothing left to do.
    const second = await send(coordinator, 'POST', `/api/outreach/campaigns/${id}/revisits`, {});
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ planned: 0 });
  });

  it('changes and removes shifts: a shift that ends before it starts is refused and nothing is saved; a round with visits keeps its day', async () => {
    const id = await setUp({
      neighbourhoodIds: [south],
      teams: [{ name: 'Zuid', organisation: 'city', memberUserIds: [visitors[1]!.id] }],
      shifts: [
        { visitorUserId: visitors[1]!.id, day: today(), start: 0, end: 24 * 60 },
        { visitorUserId: visitors[1]!.id, day: inDays(3), start: 9 * 60, end: 17 * 60 },
      ],
      // Only today's round covers the evening: the later one stays empty.
      windowStart: 18 * 60,
      windowEnd: 20 * 60,
    });
    const c = await detail(id);
    const [todayShift, laterShift] = c.shifts;
    const backwards = await send(coordinator, 'PATCH', `/api/outreach/shifts/${laterShift!.id}`, {
      start: 17 * 60,
      end: 9 * 60,
    });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json().error.details)).toContain('the shift must end after it starts');
    // Only the end given, before the stored start: refused as well.
    const endOnly = await send(coordinator, 'PATCH', `/api/outreach/shifts/${laterShift!.id}`, {
      end: 8 * 60,
    });
    expect(endOnly.statusCode).toBe(400);
    const outside = await send(coordinator, 'PATCH', `/api/outreach/shifts/${laterShift!.id}`, {
      day: inDays(30),
    });
    expect(outside.statusCode).toBe(400);
    // A visitor walks one round at a time: moved onto today's round, or a second one beside it, refused.
    const twice = await send(coordinator, 'PATCH', `/api/outreach/shifts/${laterShift!.id}`, {
      day: today(),
    });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json().error.details)).toContain('another round at that time');
    const added = await send(coordinator, 'POST', `/api/outreach/campaigns/${id}/shifts`, {
      shifts: [{ visitorUserId: visitors[1]!.id, day: inDays(3), start: 16 * 60, end: 18 * 60 }],
    });
    expect(added.statusCode, added.body).toBe(400);
    expect(added.json().error.details[0].field).toBe('shifts.0.start');
    const [stored] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(outreachShifts).where(eq(outreachShifts.id, laterShift!.id)),
    );
    expect(stored).toMatchObject({ startMinute: 9 * 60, endMinute: 17 * 60, day: inDays(3) });

    const changed = await send(coordinator, 'PATCH', `/api/outreach/shifts/${laterShift!.id}`, {
      start: 13 * 60,
      end: 18 * 60,
      mode: 'bike',
      startLat: 50.951,
      startLon: 5.471,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ id: laterShift!.id, replanned: true });
    expect((await detail(id)).shifts.find((s) => s.id === laterShift!.id)).toMatchObject({
      start: 13 * 60,
      end: 18 * 60,
      mode: 'bike',
      startLat: 50.951,
    });

    const round = (await rounds(1)).find((r) => r.shiftId === todayShift!.id)!;
    await sync(1, [{ doorId: round.doors[0]!.id, baseVersion: 0, outcome: 'refused' }]);
    const moveDay = await send(coordinator, 'PATCH', `/api/outreach/shifts/${todayShift!.id}`, {
      day: inDays(1),
    });
    expect(moveDay.statusCode).toBe(409);
    expect(moveDay.json().error.message).toBe(
      '1 visit was recorded in this round: its day and visitor stay as they are (add a new shift instead)',
    );
    expect(moveDay.json().error.details).toMatchObject({ reason: 'roundHasVisits', count: 1 });
    const longer = await send(coordinator, 'PATCH', `/api/outreach/shifts/${todayShift!.id}`, { start: 60 });
    expect(longer.statusCode, longer.body).toBe(200);
    const remove = await send(coordinator, 'DELETE', `/api/outreach/shifts/${todayShift!.id}`);
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error.message).toBe('1 visit was recorded in this round: it cannot be removed');

    const removed = await send(coordinator, 'DELETE', `/api/outreach/shifts/${laterShift!.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const after = await detail(id);
    expect(after.shifts.map((s) => s.id)).toEqual([todayShift!.id]);
    expect(after.doors.some((d) => d.shiftId === laterShift!.id)).toBe(false);
    expect(
      (await send(visitors[1]!.session, 'DELETE', `/api/outreach/shifts/${todayShift!.id}`)).statusCode,
    ).toBe(403);
  });

  it('gives a visitor one round at a time across campaigns: an overlap with another campaign is refused and saves nothing', async () => {
    const walker = visitors[0]!.id;
    const first = await setUp(
      {
        name: 'Warm wonen',
        neighbourhoodIds: [north],
        teams: [{ name: 'Noord', organisation: 'city', memberUserIds: [walker] }],
        shifts: [{ visitorUserId: walker, day: inDays(2), start: 9 * 60, end: 12 * 60 }],
      },
      false,
    );
    const campaigns = async () =>
      rowsOf<{ n: number }>(
        await t.database.inTenant(tenant.id, (tx) =>
          tx.execute(sql`select count(*)::int as n from outreach_campaigns`),
        ),
      )[0]!.n;
    const before = await campaigns();
    const second = {
      name: 'Energiepremie',
      purpose: 'Tell people about the energy bonus',
      startsOn: today(),
      endsOn: inDays(10),
      windowStart: 9 * 60,
      windowEnd: 20 * 60,
      neighbourhoodIds: [south],
      teams: [{ name: 'Zuid', organisation: 'city', memberUserIds: [walker] }],
    };
    const overlapping = await send(coordinator, 'POST', '/api/outreach/campaigns', {
      ...second,
      shifts: [{ visitorUserId: walker, day: inDays(2), start: 11 * 60, end: 13 * 60 }],
    });
    expect(overlapping.statusCode, overlapping.body).toBe(400);
    expect(overlapping.json().error.details).toEqual([
      expect.objectContaining({
        field: 'shifts.0.start',
        message: 'this visitor has another round at that time',
      }),
    ]);
    expect(await campaigns()).toBe(before);
    // Right after the first round ends is free; another day is free.
    const created = await send(coordinator, 'POST', '/api/outreach/campaigns', {
      ...second,
      shifts: [
        { visitorUserId: walker, day: inDays(2), start: 12 * 60, end: 14 * 60 },
        { visitorUserId: walker, day: inDays(3), start: 9 * 60, end: 12 * 60 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const later = (await detail(created.json().id)).shifts.find((s) => s.day === inDays(2))!;
    // Moving it back into the first campaign's round: refused on its start, nothing changed.
    const moved = await send(coordinator, 'PATCH', `/api/outreach/shifts/${later.id}`, { start: 10 * 60 });
    expect(moved.statusCode, moved.body).toBe(400);
    expect(moved.json().error.details[0].field).toBe('start');
    expect((await detail(created.json().id)).shifts.find((s) => s.id === later.id)).toMatchObject({
      start: 12 * 60,
    });
    // Adding a round to the first campaign over the second's: refused too.
    const added = await send(coordinator, 'POST', `/api/outreach/campaigns/${first}/shifts`, {
      shifts: [{ visitorUserId: walker, day: inDays(3), start: 11 * 60, end: 12 * 60 }],
    });
    expect(added.statusCode, added.body).toBe(400);
    expect(added.json().error.details[0].field).toBe('shifts.0.start');
  });

  it('changes a campaign after set-up and refuses a change that would leave recorded visits behind', async () => {
    const id = await setUp({
      neighbourhoodIds: [north],
      teams: [{ name: 'Noord', organisation: 'city', memberUserIds: [visitors[0]!.id] }],
      shifts: [
        { visitorUserId: visitors[0]!.id, day: today(), start: 0, end: 24 * 60 },
        { visitorUserId: visitors[0]!.id, day: inDays(4), start: 9 * 60, end: 17 * 60 },
      ],
      windowStart: 18 * 60,
      windowEnd: 20 * 60,
    });
    // Words change without touching the rounds.
    const words = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, {
      purpose: 'Ask how people are doing after the storm',
      questions: ['Was your home damaged?'],
      tips: ['Leaflet: storm damage'],
    });
    expect(words.statusCode, words.body).toBe(200);
    expect(words.json()).toMatchObject({ replanned: false, doorsAdded: 0, doorsRemoved: 0 });
    const round = (await rounds(0)).find((r) => r.campaignId === id && r.day === today())!;
    expect(round.questions).toEqual(['Was your home damaged?']);
    await sync(0, [{ doorId: round.doors[0]!.id, baseVersion: 0, outcome: 'talked' }]);

    // Each of these would orphan the visit just recorded: refused with the reason, nothing saved.
    const refused = [
      { purpose: 'changed', startsOn: inDays(1) },
      { neighbourhoodIds: [south] },
      { filter: 'alone_over_75' },
      { teams: [] },
    ];
    for (const patch of refused) {
      const response = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, patch);
      expect(response.statusCode, JSON.stringify(patch)).toBe(409);
      expect(response.json().error.message).toMatch(/visit/);
    }
    const kept = await detail(id);
    expect(kept.purpose).toBe('Ask how people are doing after the storm');
    expect(kept.neighbourhoodIds).toEqual([north]);
    expect(kept.teams).toHaveLength(1);
    const backwards = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, {
      endsOn: inDays(-5),
    });
    expect(backwards.statusCode).toBe(400);
    // A new last day in the past is refused on that field, before anything else is looked at.
    const over = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, {
      startsOn: inDays(-10),
      endsOn: inDays(-1),
    });
    expect(over.statusCode, over.body).toBe(400);
    expect(over.json().error.details).toEqual([
      expect.objectContaining({ field: 'endsOn', message: 'the last day must not be before today' }),
    ]);
    expect((await detail(id)).endsOn).toBe(inDays(10));

    // Widening the place adds doors and plans again; a shorter period drops the empty later round.
    const wider = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, {
      neighbourhoodIds: [north, south],
      endsOn: inDays(2),
      teams: [
        { ...kept.teams[0]!, partnerName: undefined, neighbourhoodIds: [] },
        { name: 'Zuid', organisation: 'partner', partnerName: 'Buurtwerk', memberUserIds: [visitors[1]!.id] },
      ].map(({ partnerName, ...team }) => ({ ...team, ...(partnerName ? { partnerName } : {}) })),
    });
    expect(wider.statusCode, wider.body).toBe(200);
    expect(wider.json()).toMatchObject({ doorsAdded: 4, doorsRemoved: 0, shiftsRemoved: 1, replanned: true });
    const after = await detail(id);
    expect(after.endsOn).toBe(inDays(2));
    expect(after.teams.map((team) => team.name).sort()).toEqual(['Noord', 'Zuid']);
    expect(after.doors).toHaveLength(8);
    expect(after.shifts).toHaveLength(1);
    const doors = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(outreachDoors).where(eq(outreachDoors.campaignId, id)),
    );
    expect(doors.filter((d) => d.shiftId).length).toBeGreaterThan(4);

    // Narrowing back to the north removes the unvisited southern doors.
    const narrower = await send(coordinator, 'PATCH', `/api/outreach/campaigns/${id}`, {
      neighbourhoodIds: [north],
      teams: [{ ...after.teams.find((team) => team.name === 'Noord')!, partnerName: undefined }].map(
        ({ partnerName, ...team }) => ({ ...team, ...(partnerName ? { partnerName } : {}) }),
      ),
    });
    expect(narrower.statusCode, narrower.body).toBe(200);
    expect(narrower.json()).toMatchObject({ doorsRemoved: 4 });
    expect(
      (await send(visitors[0]!.session, 'PATCH', `/api/outreach/campaigns/${id}`, { purpose: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('queues the revisit job once per hour, however often the scheduler asks', async () => {
    const hour = new Date('2031-05-05T10:20:00Z');
    await scheduleNightlyJobs(t.database, hour);
    await scheduleNightlyJobs(t.database, new Date('2031-05-05T10:50:00Z'));
    const key = 'outreach-revisits:2031-05-05T10';
    const rows = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.singletonKey, key))),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(REVISITS_JOB);
    await t.database.inTenant(tenant.id, (tx) =>
      enqueue(tx, tenant.id, REVISITS_JOB, {}, { singletonKey: key }),
    );
    const again = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.singletonKey, key))),
    );
    expect(again).toHaveLength(1);
  });
});
