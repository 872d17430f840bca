import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  rect,
  type SignedIn,
  signIn,
  winterslag,
} from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import { brusselsDay } from '../../../shared/brussels.ts';
import type { CampaignDetail, MyRounds, PlanResult } from '../../../shared/outreach.schemas.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { App } from '../../http/app.ts';
import { addressKey } from '../registry/address-key.ts';
import { createNeighbourhood } from '../registry/registry.service.ts';
import {
  addresses,
  householdMembers,
  households,
  persons,
  timelineEntries,
} from '../registry/registry.tables.ts';
import { outreachVisits } from './outreach.tables.ts';

// Days in Genk, as the service counts them (isoDay).
const inDays = (n: number) => brusselsDay(n);
const today = () => brusselsDay();

describe.each(targets)('door-to-door outreach on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  const staff = new Map<Role, SignedIn>();
  let focus: string;
  let other: string;
  const visitors: { id: string; session: SignedIn }[] = [];
  let partner: { id: string; session: SignedIn };
  const householdIds: string[] = [];
  let campaignId: string;

  const send = (
    session: SignedIn | undefined,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...(session?.headers ?? {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const as = (role: Role) => staff.get(role)!;

  async function addHousehold(
    name: string,
    where: { lat: number | null; lon: number | null; neighbourhoodId: string },
    birthDate = '1960-05-01',
  ) {
    return t.database.inTenant(tenant.id, async (tx) => {
      const number = String(householdIds.length + 1);
      const [address] = await tx
        .insert(addresses)
        .values({
          tenantId: tenant.id,
          street: 'Vennestraat',
          houseNumber: number,
          postcode: '3600',
          municipality: 'Genk',
          lat: where.lat,
          lon: where.lon,
          neighbourhoodId: where.neighbourhoodId,
          addressKey: addressKey('Vennestraat', number, '', '3600'),
          search: `vennestraat ${number} 3600 genk`,
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
          birthDate,
          languages: ['tr', 'nl'],
          preferredLanguage: 'tr',
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
      householdIds.push(household!.id);
      return household!.id;
    });
  }

  const campaignBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Hoe gaat het met u?',
    purpose: 'Ask every household in Winterslag how they are doing',
    startsOn: today(),
    endsOn: inDays(14),
    neighbourhoodIds: [focus, other],
    questions: ['How are you and your family doing?', 'Is there anything you need help with?'],
    tips: ['Leaflet: where to go with questions about money'],
    teams: [
      {
        name: 'Partners Winterslag',
        organisation: 'partner',
        partnerName: 'Samenlevingsopbouw',
        neighbourhoodIds: [focus],
        memberUserIds: [partner.id, visitors[1]!.id],
      },
      {
        name: 'City team',
        organisation: 'city',
        neighbourhoodIds: [other],
        memberUserIds: [visitors[0]!.id],
      },
    ],
    shifts: [
      { visitorUserId: partner.id, day: today(), start: 0, end: 24 * 60, mode: 'foot' },
      { visitorUserId: visitors[1]!.id, day: today(), start: 0, end: 24 * 60, mode: 'bike' },
      { visitorUserId: visitors[0]!.id, day: today(), start: 0, end: 24 * 60, mode: 'foot' },
      { visitorUserId: partner.id, day: inDays(1), start: 9 * 60, end: 12 * 60, mode: 'foot' },
    ],
    windowStart: 0,
    windowEnd: 24 * 60,
    ...overrides,
  });

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    for (const role of [
      'coordinator',
      'social_worker',
      'neighbourhood_manager',
      'steering_member',
    ] as Role[]) {
      const user = await buildUser(t.database, tenant.id, [role]);
      staff.set(role, await signIn(app, tenant.slug, user.email));
    }
    for (let i = 0; i < 2; i++) {
      const user = await buildUser(t.database, tenant.id, ['home_visitor']);
      visitors.push({ id: user.id, session: await signIn(app, tenant.slug, user.email) });
    }
    const partnerUser = await buildUser(t.database, tenant.id, ['partner']);
    partner = { id: partnerUser.id, session: await signIn(app, tenant.slug, partnerUser.email) };
    await t.database.inTenant(tenant.id, async (tx) => {
      focus = await createNeighbourhood(tx, tenant.id, winterslag);
      other = await createNeighbourhood(tx, tenant.id, {
        code: 'centrum',
        name: 'Centrum',
        isFocus: false,
        outline: rect(5.5, 50.95, 5.55, 50.98),
      });
    });
    const created = await send(as('coordinator'), 'POST', '/api/help/types', {
      code: 'paperwork',
      names: { nl: 'Papierwerk', en: 'Paperwork', fr: 'Démarches' },
      requiredScreenings: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    for (let i = 0; i < 6; i++)
      await addHousehold(`Family ${i}`, {
        lat: 50.96 + i * 0.001,
        lon: 5.47 + i * 0.001,
        neighbourhoodId: focus,
      });
    await addHousehold('Family no coordinates', { lat: null, lon: null, neighbourhoodId: focus });
    for (let i = 0; i < 3; i++)
      await addHousehold(`City family ${i}`, { lat: 50.96 + i * 0.001, lon: 5.52, neighbourhoodId: other });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a shift that ends before it starts, a period backwards and a campaign without a place', async () => {
    const shift = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody(),
      shifts: [{ visitorUserId: partner.id, day: today(), start: 14 * 60, end: 9 * 60 }],
    });
    expect(shift.statusCode).toBe(400);
    expect(shift.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(shift.json().error.details)).toContain('the shift must end after it starts');
    const backwards = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody(),
      endsOn: inDays(-3),
    });
    expect(backwards.statusCode).toBe(400);
    // A campaign that is over before it is set up: refused on its last day, nothing saved.
    const past = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody({ name: 'Over already' }),
      startsOn: '2020-01-01',
      endsOn: '2020-01-10',
      shifts: [],
    });
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().error.code).toBe('VALIDATION_FAILED');
    expect(past.json().error.details).toEqual([
      expect.objectContaining({ field: 'endsOn', message: 'the last day must not be before today' }),
    ]);
    const endedYesterday = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody({ name: 'Over already' }),
      startsOn: inDays(-10),
      endsOn: inDays(-1),
      shifts: [],
    });
    expect(endedYesterday.statusCode).toBe(400);
    const list = await send(as('coordinator'), 'GET', '/api/outreach/campaigns');
    expect(list.json().map((c: { name: string }) => c.name)).not.toContain('Over already');
    const nowhere = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody(),
      neighbourhoodIds: [],
      teams: [],
      shifts: [],
    });
    expect(nowhere.statusCode).toBe(400);
    const notAVisitor = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', {
      ...campaignBody(),
      teams: [{ name: 'x', organisation: 'city', memberUserIds: [randomUUID()] }],
      shifts: [],
    });
    expect(notAVisitor.statusCode).toBe(400);
  });

  it('sets up a campaign for a focus neighbourhood and finds its doors, addresses without coordinates with a reason', async () => {
    const created = await send(as('coordinator'), 'POST', '/api/outreach/campaigns', campaignBody());
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
    const detail = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    expect(detail.doors).toHaveLength(10);
    expect(detail.teams).toHaveLength(2);
    expect(detail.shifts).toHaveLength(4);
    const missing = detail.doors.find((d) => d.label === 'Family no coordinates')!;
    expect(missing.state).toBe('no_coordinates');
    expect(missing.reason).toBe('the address has no coordinates');
  });

  it('plans the rounds: partners in the focus neighbourhood, city staff elsewhere; every door left out has a reason', async () => {
    // One door wants a visit at 05:00-05:30 tomorrow-only shifts start at 09:00 and today's cover it:
    // make it a time no shift covers by narrowing today's shifts through a separate campaign below.
    const planned = await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${campaignId}/plan`, {});
    expect(planned.statusCode, planned.body).toBe(200);
    const result = planned.json() as PlanResult;
    expect(result.planned).toBe(9);
    expect(result.unplanned).toEqual([
      expect.objectContaining({ state: 'no_coordinates', reason: 'the address has no coordinates' }),
    ]);
    const detail = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    const shiftOwner = new Map(detail.shifts.map((s) => [s.id, s.visitorUserId]));
    for (const door of detail.doors.filter((d) => d.shiftId)) {
      const owner = shiftOwner.get(door.shiftId!);
      if (door.neighbourhoodId === focus) expect([partner.id, visitors[1]!.id]).toContain(owner);
      else expect(owner).toBe(visitors[0]!.id);
      expect(door.eta).not.toBeNull();
      expect(door.eta!).toBeGreaterThanOrEqual(door.windowStart);
      expect(door.eta!).toBeLessThanOrEqual(door.windowEnd);
    }
  });

  it('reports a visiting time no shift covers as unplannable, never silently dropped', async () => {
    const created = await send(
      as('coordinator'),
      'POST',
      '/api/outreach/campaigns',
      campaignBody({
        name: 'Evening only',
        neighbourhoodIds: [other],
        teams: [],
        shifts: [{ visitorUserId: visitors[0]!.id, day: inDays(2), start: 9 * 60, end: 12 * 60 }],
        windowStart: 18 * 60,
        windowEnd: 20 * 60,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const result = (
      await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${created.json().id}/plan`, {})
    ).json() as PlanResult;
    expect(result.planned).toBe(0);
    expect(result.unplanned).toHaveLength(3);
    for (const door of result.unplanned) expect(door.reason).toBe('no shift covers the visiting time');
    // Widen one door's visiting time into the morning: it is planned, the others still are not.
    const detail = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${created.json().id}`)
    ).json() as CampaignDetail;
    const changed = await send(as('coordinator'), 'PATCH', `/api/outreach/doors/${detail.doors[0]!.id}`, {
      windowStart: 9 * 60,
      windowEnd: 11 * 60,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const again = (
      await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${created.json().id}/plan`, {})
    ).json() as PlanResult;
    expect(again.planned).toBe(1);
    const backwards = await send(as('coordinator'), 'PATCH', `/api/outreach/doors/${detail.doors[1]!.id}`, {
      windowStart: 11 * 60,
      windowEnd: 9 * 60,
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('keeps a door a coordinator moved by hand in its round when re-planning the rest', async () => {
    const detail = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    const partnerShift = detail.shifts.find((s) => s.visitorUserId === partner.id && s.day === today())!;
    const door = detail.doors.find(
      (d) => d.neighbourhoodId === focus && d.shiftId && d.shiftId !== partnerShift.id,
    );
    const target =
      door ?? detail.doors.find((d) => d.neighbourhoodId === focus && d.shiftId === partnerShift.id)!;
    const otherShift = detail.shifts.find((s) => s.visitorUserId === visitors[1]!.id)!;
    const to = target.shiftId === partnerShift.id ? otherShift : partnerShift;
    const pinned = await send(as('coordinator'), 'PATCH', `/api/outreach/doors/${target.id}`, {
      pinnedShiftId: to.id,
    });
    expect(pinned.statusCode, pinned.body).toBe(200);
    await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${campaignId}/plan`, {});
    const after = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    const moved = after.doors.find((d) => d.id === target.id)!;
    expect(moved.shiftId).toBe(to.id);
    expect(moved.pinned).toBe(true);
    expect(moved.seq).not.toBeNull();
    // Back to the planner's choice for the rest of the journey.
    await send(as('coordinator'), 'PATCH', `/api/outreach/doors/${target.id}`, {
      pinnedShiftId: target.shiftId,
    });
    await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${campaignId}/plan`, {});
  });

  it('gives a visitor only the doors of their own rounds and only what the doorstep needs', async () => {
    const response = await send(visitors[0]!.session, 'GET', '/api/outreach/my-rounds');
    expect(response.statusCode, response.body).toBe(200);
    const mine = response.json() as MyRounds;
    expect(mine.rounds.map((r) => r.campaignId)).toContain(campaignId);
    const round = mine.rounds.find((r) => r.campaignId === campaignId)!;
    expect(round.doors.map((d) => d.bellName).sort()).toEqual([
      'City family 0',
      'City family 1',
      'City family 2',
    ]);
    expect(round.doors[0]!.language).toBe('tr');
    expect(Object.keys(round.doors[0]!).sort()).toEqual(
      [
        'address',
        'bellName',
        'earlierNotHome',
        'eta',
        'id',
        'language',
        'lat',
        'lon',
        'seq',
        'state',
        'version',
      ].sort(),
    );
    expect(JSON.stringify(mine)).not.toContain(householdIds[0]);
    expect(mine.helpTypes.map((h) => h.code)).toContain('paperwork');
    // The household file stays closed to the visitor.
    const file = await send(
      visitors[0]!.session,
      'GET',
      `/api/households/${householdIds[7]}?purpose=home_visit`,
    );
    expect([403, 404, 400]).toContain(file.statusCode);
  });

  it('syncs a day of visits once: not home, talked with a follow-up, a concern about safety at home', async () => {
    const round = (
      (await send(visitors[0]!.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds
    ).rounds.find((r) => r.campaignId === campaignId)!;
    const [a, b, c] = round.doors;
    const now = new Date().toISOString();
    const records = [
      {
        clientId: randomUUID(),
        doorId: a!.id,
        baseVersion: a!.version,
        outcome: 'not_home',
        recordedAt: now,
        retryHint: 'after 17:00',
      },
      {
        clientId: randomUUID(),
        doorId: b!.id,
        baseVersion: b!.version,
        outcome: 'talked',
        recordedAt: now,
        needs: ['financial'],
        tips: ['Leaflet: where to go with questions about money'],
        followUps: [
          {
            kind: 'volunteer_help',
            helpType: 'paperwork',
            note: 'Help with the energy bills',
            consent: true,
          },
          { kind: 'callback', note: 'Call next week', consent: false },
        ],
      },
      {
        clientId: randomUUID(),
        doorId: c!.id,
        baseVersion: c!.version,
        outcome: 'talked',
        recordedAt: now,
        needs: ['safety', 'mental'],
        note: 'Raised voices; the resident asked for someone to call',
      },
    ];
    const first = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', { records });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'created',
      'created',
    ]);
    const second = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', { records });
    expect(second.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const visits = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(outreachVisits).where(eq(outreachVisits.tenantId, tenant.id)),
    );
    expect(visits).toHaveLength(3);

    // The follow-up with consent is a help need for volunteers; the one without consent is not acted on.
    const needs = (await send(as('coordinator'), 'GET', '/api/help/needs')).json().needs as {
      helpType: string;
    }[];
    expect(needs.filter((n) => n.helpType === 'paperwork')).toHaveLength(1);

    // The concern reaches social workers, and only them.
    const concerns = await send(as('social_worker'), 'GET', '/api/outreach/concerns');
    expect(concerns.statusCode).toBe(200);
    expect(concerns.json()).toEqual([
      expect.objectContaining({ kind: 'safety', householdName: c!.bellName }),
    ]);
    expect((await send(as('coordinator'), 'GET', '/api/outreach/concerns')).statusCode).toBe(403);
    expect((await send(visitors[0]!.session, 'GET', '/api/outreach/concerns')).statusCode).toBe(403);

    // Every visit lands on the household timeline; the concern only at the welfare level.
    const entries = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(timelineEntries)
        .where(and(eq(timelineEntries.tenantId, tenant.id), eq(timelineEntries.module, 'outreach'))),
    );
    expect(entries.filter((e) => e.visibility === 'staff')).toHaveLength(3);
    expect(entries.filter((e) => e.visibility === 'welfare')).toHaveLength(1);
    const bySocialWorker = await send(
      as('social_worker'),
      'GET',
      `/api/households/${householdIds[7 + Number(c!.bellName.slice(-1))]}?purpose=case_work`,
    );
    expect(bySocialWorker.body).toContain('Concern about safety at home');
    const byCoordinator = await send(
      as('coordinator'),
      'GET',
      `/api/households/${householdIds[7 + Number(c!.bellName.slice(-1))]}?purpose=case_work`,
    );
    expect(byCoordinator.statusCode).toBe(200);
    expect(byCoordinator.body).toContain('Home visit');
    expect(byCoordinator.body).not.toContain('Concern about safety at home');

    const progress = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}/progress`)
    ).json();
    const centrum = progress.byNeighbourhood.find(
      (r: { neighbourhoodId: string }) => r.neighbourhoodId === other,
    );
    expect(centrum).toMatchObject({ doors: 3, planned: 3, visited: 3, talked: 2, notHome: 1 });
    expect(centrum.needs).toMatchObject({ financial: 1, safety: 1, mental: 1 });
    expect(centrum.followUpsOpen).toBe(2);

    // The door nobody opened is tried again on a later day when re-planned; the visitor sees the note.
    const replanned = (
      await send(as('coordinator'), 'POST', `/api/outreach/campaigns/${campaignId}/plan`, {})
    ).json();
    expect(replanned.unplanned).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ doorId: a!.id, reason: 'no shift of the team on a coming day' }),
      ]),
    );
  });

  it("refuses a visit for a door outside the visitor's rounds, and keeps the rest of the outbox", async () => {
    const theirs = (
      (await send(partner.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds
    ).rounds.find((r) => r.day === today())!;
    const mine = ((await send(visitors[0]!.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds)
      .rounds[0]!;
    const now = new Date().toISOString();
    const response = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', {
      records: [
        {
          clientId: randomUUID(),
          doorId: theirs.doors[0]!.id,
          baseVersion: 0,
          outcome: 'refused',
          recordedAt: now,
        },
        { clientId: randomUUID(), doorId: randomUUID(), baseVersion: 0, outcome: 'refused', recordedAt: now },
        {
          clientId: randomUUID(),
          doorId: mine.doors[0]!.id,
          baseVersion: mine.doors[0]!.version,
          outcome: 'refused',
          recordedAt: now,
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results).toEqual([
      expect.objectContaining({ status: 'rejected', code: 'NOT_IN_ROUND' }),
      expect.objectContaining({ status: 'rejected', code: 'NOT_IN_ROUND' }),
      expect.objectContaining({ status: 'created' }),
    ]);
  });

  it('answers a record with a bad field on its own, with the field and why, and takes the rest of the outbox', async () => {
    const mine = ((await send(visitors[0]!.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds)
      .rounds[0]!;
    const door = mine.doors.find((d) => d.state === 'open') ?? mine.doors.at(-1)!;
    const now = new Date().toISOString();
    const bad = {
      clientId: randomUUID(),
      doorId: door.id,
      baseVersion: 0,
      outcome: 'maybe',
      recordedAt: now,
    };
    const backwards = {
      clientId: randomUUID(),
      doorId: door.id,
      baseVersion: door.version,
      outcome: 'not_home',
      recordedAt: now,
      retryFrom: 17 * 60,
      retryUntil: 9 * 60,
    };
    const good = {
      clientId: randomUUID(),
      doorId: door.id,
      baseVersion: door.version,
      outcome: 'refused',
      recordedAt: now,
    };
    const response = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', {
      records: [bad, backwards, good],
    });
    expect(response.statusCode, response.body).toBe(200);
    const [first, second, third] = response.json().results;
    expect(first).toMatchObject({ clientId: bad.clientId, status: 'rejected', code: 'VALIDATION_FAILED' });
    expect(first.message).toMatch(/^outcome: /);
    expect(second).toEqual({
      clientId: backwards.clientId,
      status: 'rejected',
      code: 'VALIDATION_FAILED',
      message: 'retryUntil: the end of the time to come back must be after its start',
    });
    expect(third).toMatchObject({ clientId: good.clientId, status: 'created' });
    const stored = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select({ clientId: outreachVisits.clientId })
        .from(outreachVisits)
        .where(inArray(outreachVisits.clientId, [bad.clientId, backwards.clientId, good.clientId])),
    );
    expect(stored.map((v) => v.clientId)).toEqual([good.clientId]);
    // A record taken before is a duplicate even when what the phone sends again would not pass now.
    const again = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', {
      records: [{ ...good, outcome: 'maybe' }],
    });
    expect(again.json().results).toEqual([expect.objectContaining({ status: 'duplicate' })]);
  });

  it('orders by the server clock when a phone clock is wrong, and keeps what the phone reported', async () => {
    const round = (
      (await send(partner.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds
    ).rounds.find((r) => r.day === today())!;
    const door = round.doors.find((d) => d.state === 'open')!;
    const wrong = '2001-01-01T08:00:00.000Z';
    const before = Date.now();
    const response = await send(partner.session, 'POST', '/api/outreach/sync', {
      records: [
        {
          clientId: randomUUID(),
          doorId: door.id,
          baseVersion: door.version,
          outcome: 'refused',
          recordedAt: wrong,
        },
      ],
    });
    const [result] = response.json().results;
    expect(result.status).toBe('created');
    expect(result.clockSkewMinutes).toBeLessThan(-60 * 24 * 365);
    const [visit] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(outreachVisits).where(eq(outreachVisits.id, result.visitId)),
    );
    expect(visit!.clientRecordedAt.toISOString()).toBe(wrong);
    expect(visit!.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [entry] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(timelineEntries).where(eq(timelineEntries.recordId, result.visitId)),
    );
    expect(entry!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps both visits and flags the door when two visitors recorded the same door', async () => {
    const round = (
      (await send(partner.session, 'GET', '/api/outreach/my-rounds')).json() as MyRounds
    ).rounds.find((r) => r.day === today())!;
    const door = round.doors.find((d) => d.state === 'open')!;
    const otherShift = (
      (await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)).json() as CampaignDetail
    ).shifts.find((s) => s.visitorUserId === visitors[1]!.id)!;
    // The coordinator moves the door to a colleague after the partner downloaded the round.
    await send(as('coordinator'), 'PATCH', `/api/outreach/doors/${door.id}`, {
      pinnedShiftId: otherShift.id,
    });
    const now = new Date().toISOString();
    const colleague = await send(visitors[1]!.session, 'POST', '/api/outreach/sync', {
      records: [
        {
          clientId: randomUUID(),
          doorId: door.id,
          baseVersion: door.version,
          outcome: 'talked',
          recordedAt: now,
          needs: ['loneliness'],
        },
      ],
    });
    expect(colleague.json().results[0].status).toBe('created');
    const late = await send(partner.session, 'POST', '/api/outreach/sync', {
      records: [
        {
          clientId: randomUUID(),
          doorId: door.id,
          baseVersion: door.version,
          outcome: 'not_home',
          recordedAt: now,
        },
      ],
    });
    expect(late.json().results[0].status).toBe('conflict');
    const visits = await t.database.inTenant(tenant.id, (tx) =>
      tx.select().from(outreachVisits).where(eq(outreachVisits.doorId, door.id)),
    );
    expect(visits).toHaveLength(2);
    expect(visits.every((v) => v.conflict)).toBe(true);
    const detail = (
      await send(as('coordinator'), 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    const flagged = detail.doors.find((d) => d.id === door.id)!;
    expect(flagged.needsReview).toBe(true);
    // "Talked" is not overwritten by the later "not home".
    expect(flagged.state).toBe('talked');
  });

  it("lets a partner see only its own teams' work, and shows names only to the city", async () => {
    const list = await send(partner.session, 'GET', '/api/outreach/campaigns');
    expect(list.json().map((c: { id: string }) => c.id)).toEqual([campaignId]);
    const detail = (
      await send(partner.session, 'GET', `/api/outreach/campaigns/${campaignId}`)
    ).json() as CampaignDetail;
    expect(detail.teams.map((team) => team.name)).toEqual(['Partners Winterslag']);
    expect(detail.doors.every((d) => d.neighbourhoodId === focus)).toBe(true);
    expect(detail.doors.some((d) => d.label.startsWith('Family'))).toBe(false);
    const other = await send(visitors[0]!.session, 'GET', `/api/outreach/campaigns/${campaignId}`);
    expect(other.statusCode).toBe(403);
    expect(
      (await send(as('steering_member'), 'POST', `/api/outreach/campaigns/${campaignId}/plan`, {}))
        .statusCode,
    ).toBe(403);
  });

  it('answers a form sent with bad fields with the error shape and writes nothing', async () => {
    const response = await send(visitors[0]!.session, 'POST', '/api/outreach/sync', {
      records: [
        {
          clientId: 'not-a-uuid',
          doorId: randomUUID(),
          baseVersion: 0,
          outcome: 'maybe',
          recordedAt: 'yesterday',
        },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});
