import { and, count, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  rect,
  type SignedIn,
  signIn,
  TEST_PASSWORD,
  winterslag,
} from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
  testEnv,
} from '../../../../tests/integration/harness.ts';
import { brusselsDay, brusselsNow, brusselsWeekday } from '../../../shared/brussels.ts';
import { helpMessages } from '../../../shared/help.schemas.ts';
import type { Role } from '../../../shared/permissions.ts';
import { today as clockToday, daysBetween, setClockOffsetDays } from '../../clock.ts';
import { rowsOf } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { createJobRunner } from '../../jobs/jobs.ts';
import { users } from '../identity/identity.tables.ts';
import { createNeighbourhood } from '../registry/registry.service.ts';
import { logHours } from './help.service.ts';
import { helpMatches, helpNeeds, volunteerSignups } from './help.tables.ts';

const tuesdayMorning = () => ({ kind: 'moment', date: brusselsWeekday(1), start: 600, end: 660 });

/** Runs with the server's clock on this day: help for one moment is reported done from its day on. */
async function onDay<T>(day: string, run: () => Promise<T>): Promise<T> {
  setClockOffsetDays(daysBetween(clockToday(), day));
  try {
    return await run();
  } finally {
    setClockOffsetDays(0);
  }
}

describe.each(targets)('Genk Helpt on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  const staff = new Map<Role, SignedIn>();
  let area: string;
  let farArea: string;
  let householdId: string;
  let personId: string;
  const volunteers: { id: string; session: SignedIn }[] = [];

  const send = (
    session: SignedIn | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
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

  const profile = (overrides: Record<string, unknown> = {}) => ({
    phone: '0470 00 00 00',
    helpTypes: ['errands'],
    languages: ['nl'],
    homeAreaId: area,
    maxDistanceKm: 5,
    commitment: 'both',
    slots: [{ day: 1, start: 540, end: 720 }],
    away: [],
    means: ['bike'],
    capacity: 2,
    wantsCoaching: false,
    ...overrides,
  });

  async function newVolunteer(overrides: Record<string, unknown> = {}) {
    const user = await buildUser(t.database, tenant.id, ['volunteer']);
    const session = await signIn(app, tenant.slug, user.email);
    const saved = await send(session, 'PUT', '/api/help/me/profile', profile(overrides));
    expect(saved.statusCode, saved.body).toBe(200);
    const screened = await send(as('coordinator'), 'PATCH', `/api/help/volunteers/${user.id}`, {
      intakeDoneOn: '2026-01-10',
      agreementSignedOn: '2026-01-10',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    const v = { id: user.id, session };
    volunteers.push(v);
    return v;
  }

  /** A new volunteer, proposed the need by the coordinator, who said yes: the volunteer and the match. */
  async function acceptedBy(needId: string) {
    const v = await newVolunteer();
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [matchId] = proposed.json().matchIds as string[];
    expect((await send(v.session, 'POST', `/api/help/matches/${matchId}/accept`, {})).statusCode).toBe(200);
    return { v, matchId: matchId! };
  }

  async function postNeed(body: Record<string, unknown> = {}, role: Role = 'social_worker') {
    const response = await send(as(role), 'POST', '/api/help/needs', {
      householdId,
      helpType: 'errands',
      description: 'Groceries from the supermarket, list ready at the door',
      timing: tuesdayMorning(),
      languages: ['tr'],
      consentGiven: true,
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    // Not Genk: the e-mails name the municipality's own programme ("As Helpt").
    tenant = await buildTenant(t.database, 'As');
    for (const role of ['admin', 'coordinator', 'social_worker', 'partner', 'steering_member'] as Role[]) {
      const user = await buildUser(t.database, tenant.id, [role]);
      staff.set(role, await signIn(app, tenant.slug, user.email));
    }
    await t.database.inTenant(tenant.id, async (tx) => {
      area = await createNeighbourhood(tx, tenant.id, winterslag);
      farArea = await createNeighbourhood(tx, tenant.id, {
        code: 'far',
        name: 'Ver weg',
        isFocus: false,
        outline: rect(5.9, 51.2, 5.95, 51.23),
      });
    });
    for (const [code, names, requiredScreenings] of [
      ['errands', { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' }, []],
      [
        'homework',
        { nl: 'Huiswerkbegeleiding', en: 'Homework help', fr: 'Aide aux devoirs' },
        ['good_conduct_children'],
      ],
      ['company', { nl: 'Gezelschap', en: 'Company', fr: 'Compagnie' }, []],
    ] as const) {
      const created = await send(as('coordinator'), 'POST', '/api/help/types', {
        code,
        names,
        requiredScreenings,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const address = await send(as('social_worker'), 'POST', '/api/addresses', {
      street: 'Stalenstraat',
      houseNumber: '14',
      postcode: '3600',
      municipality: 'Genk',
      lon: 5.476,
      lat: 50.966,
    });
    const person = await send(as('social_worker'), 'POST', '/api/persons', {
      givenName: 'Ayşe',
      familyName: 'Öztürk',
      languages: ['tr', 'nl'],
      contacts: [{ channel: 'phone', value: '0479 55 12 80' }],
    });
    expect(person.statusCode, person.body).toBe(201);
    personId = person.json().id;
    const household = await send(as('social_worker'), 'POST', '/api/households', {
      name: 'Öztürk',
      addressId: address.json().id,
      members: [{ personId, relation: 'reference_person' }],
    });
    householdId = household.json().id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('signs a volunteer up through a confirmation link and lets them choose a password', async () => {
    const bad = await send(undefined, 'POST', '/api/help/public/signups', {
      tenant: tenant.slug,
      email: 'not-an-address',
      displayName: 'Lotte',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('email');
    const [{ n: before } = { n: -1 }] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ n: count() }).from(volunteerSignups),
    );
    expect(before).toBe(0);

    const ok = await send(undefined, 'POST', '/api/help/public/signups', {
      tenant: tenant.slug,
      email: 'Lotte@Example.org',
      displayName: 'Lotte',
      language: 'nl',
      wantsCoaching: true,
    });
    expect(ok.statusCode, ok.body).toBe(202);
    const outbox = await send(as('admin'), 'GET', '/api/admin/outbox');
    const mail = outbox.json().find((m: { toAddress: string }) => m.toAddress === 'lotte@example.org');
    // In the language chosen on the page, and only in that one.
    expect(mail.subject).toBe('As Helpt: bevestig je e-mailadres');
    expect(mail.body).not.toMatch(/Thank you|Merci/);
    const french = await send(undefined, 'POST', '/api/help/public/signups', {
      tenant: tenant.slug,
      email: 'camille@example.org',
      displayName: 'Camille',
      language: 'fr',
      wantsCoaching: false,
    });
    expect(french.statusCode, french.body).toBe(202);
    const frenchMail = (await send(as('admin'), 'GET', '/api/admin/outbox'))
      .json()
      .find((m: { toAddress: string }) => m.toAddress === 'camille@example.org');
    expect(frenchMail.subject).toBe('As Helpt : confirmez votre adresse e-mail');
    expect(frenchMail.body).toMatch(/^Bonjour Camille,/);
    const link = new URL(/http\S+help\/confirm\S+/.exec(mail.body)![0]);
    const token = link.searchParams.get('token')!;

    const confirmed = await send(undefined, 'POST', '/api/help/public/signups/confirm', {
      tenant: tenant.slug,
      token,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const again = await send(undefined, 'POST', '/api/help/public/signups/confirm', {
      tenant: tenant.slug,
      token,
    });
    expect(again.statusCode).toBe(400);
    const set = await send(undefined, 'POST', '/api/auth/set-password', {
      tenant: tenant.slug,
      token: confirmed.json().token,
      password: 'ik help graag mee',
    });
    expect(set.statusCode, set.body).toBe(200);
    const session = await signIn(app, tenant.slug, 'lotte@example.org', 'ik help graag mee');
    const home = await send(session, 'GET', '/api/help/me');
    expect(home.statusCode).toBe(200);
    expect(home.json().profile).toMatchObject({ wantsCoaching: true, profileComplete: false });
  });

  it('refuses impossible profiles beside the field and saves nothing', async () => {
    const user = await buildUser(t.database, tenant.id, ['volunteer']);
    const session = await signIn(app, tenant.slug, user.email);
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          slots: [
            { day: 1, start: 540, end: 720 },
            { day: 1, start: 600, end: 800 },
          ],
        },
        'slots.1',
      ],
      [{ slots: [{ day: 2, start: 720, end: 540 }] }, 'slots.0.end'],
      [{ maxDistanceKm: 0 }, 'maxDistanceKm'],
      [{ maxDistanceKm: 10_000 }, 'maxDistanceKm'],
      [{ helpTypes: ['juggling'] }, 'helpTypes'],
    ];
    for (const [change, field] of cases) {
      const response = await send(session, 'PUT', '/api/help/me/profile', profile(change));
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const home = await send(session, 'GET', '/api/help/me');
    expect(home.json().profile).toBeNull();
  });

  it('refuses a need in the past, or without the family agreeing to share their details', async () => {
    const past = await send(as('social_worker'), 'POST', '/api/help/needs', {
      householdId,
      helpType: 'errands',
      description: 'x',
      timing: { kind: 'moment', date: '2020-01-07', start: 600, end: 660 },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.map((d: { field: string }) => d.field)).toContain('timing.date');
    const noConsent = await send(as('social_worker'), 'POST', '/api/help/needs', {
      householdId,
      helpType: 'errands',
      description: 'x',
      timing: tuesdayMorning(),
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.details[0].field).toBe('consentGiven');
    // A neighbourhood that is not one of the municipality's, even beside a household with an address.
    const before = (await send(as('social_worker'), 'GET', '/api/help/needs')).json().total;
    const unknownArea = await send(as('social_worker'), 'POST', '/api/help/needs', {
      householdId,
      areaId: '00000000-0000-4000-8000-000000000000',
      helpType: 'errands',
      description: 'x',
      timing: tuesdayMorning(),
      consentGiven: true,
    });
    expect(unknownArea.statusCode, unknownArea.body).toBe(400);
    expect(unknownArea.json().error.details[0].field).toBe('areaId');
    expect((await send(as('social_worker'), 'GET', '/api/help/needs')).json().total).toBe(before);
  });

  it('ranks, proposes, gives the need to exactly one of two volunteers accepting at once, then lets go', async () => {
    const turkish = await newVolunteer({ languages: ['tr', 'nl'] });
    const dutch = await newVolunteer();
    const needId = await postNeed();

    const ranked = await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`);
    expect(ranked.statusCode, ranked.body).toBe(200);
    const candidates = ranked.json().candidates as { volunteerId: string; explanation: string }[];
    expect(candidates[0]!.volunteerId).toBe(turkish.id);
    expect(candidates[0]!.explanation).toMatch(/spreekt Turks/);
    expect(candidates.map((c) => c.volunteerId)).toContain(dutch.id);

    const proposed = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [turkish.id, dutch.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);

    // Before accepting: type, neighbourhood and moment only; no person.
    const before = (await send(turkish.session, 'GET', '/api/help/me')).json();
    expect(before.proposals).toHaveLength(1);
    expect(before.proposals[0]).toMatchObject({ helpType: 'errands', areaName: 'Winterslag', details: null });
    expect(JSON.stringify(before)).not.toContain('Stalenstraat');
    // A volunteer never opens the family's file, before accepting or after.
    expect(
      (await send(turkish.session, 'GET', `/api/persons/${personId}?purpose=help_matching`)).statusCode,
    ).toBe(403);

    const matchOf = async (v: { session: SignedIn }) =>
      (await send(v.session, 'GET', '/api/help/me')).json().proposals[0].id as string;
    const [a, b] = await Promise.all([
      send(turkish.session, 'POST', `/api/help/matches/${await matchOf(turkish)}/accept`, {}),
      send(dutch.session, 'POST', `/api/help/matches/${await matchOf(dutch)}/accept`, {}),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.details.reason).toBe('taken');
    const winner = a.statusCode === 200 ? turkish : dutch;
    const other = winner === turkish ? dutch : turkish;
    const [{ n: acceptedRows } = { n: 0 }] = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select({ n: count() })
        .from(helpMatches)
        .where(and(eq(helpMatches.needId, needId), eq(helpMatches.status, 'accepted'))),
    );
    expect(acceptedRows).toBe(1);

    const active = (await send(winner.session, 'GET', '/api/help/me')).json().active;
    expect(active[0].details).toMatchObject({
      address: 'Stalenstraat 14, 3600 Genk',
      contactName: 'Ayşe Öztürk',
      phone: '0479 55 12 80',
    });
    // The match carries what the volunteer needs; the person's file, contacts, consents and
    // timeline stay closed to them (a volunteer sees a need, not a file).
    for (const v of [winner, other]) {
      expect(
        (await send(v.session, 'GET', `/api/persons/${personId}?purpose=help_matching`)).statusCode,
      ).toBe(403);
      expect(
        (await send(v.session, 'GET', `/api/households/${householdId}?purpose=help_matching`)).statusCode,
      ).toBe(403);
    }

    // Help for one moment is reported done from its day on, not before: nothing changes.
    const complete = () =>
      send(winner.session, 'POST', `/api/help/matches/${active[0].id}/complete`, {
        minutes: 90,
        rating: 5,
        comment: 'Fijne ontmoeting',
      });
    const early = await complete();
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.details).toMatchObject({ reason: 'not_yet', day: tuesdayMorning().date });
    expect((await send(winner.session, 'GET', '/api/help/me')).json().active).toHaveLength(1);
    const done = await onDay(tuesdayMorning().date, complete);
    expect(done.statusCode, done.body).toBe(200);
    // Once the need is closed, nothing on the volunteer's page shows the address any more.
    expect(JSON.stringify((await send(winner.session, 'GET', '/api/help/me')).json())).not.toContain(
      'Stalenstraat',
    );
    const home = (await send(winner.session, 'GET', '/api/help/me')).json();
    expect(home.totalMinutes).toBe(90);
    expect(home.history[0]).toMatchObject({ status: 'completed', details: null });

    const feedback = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/feedback`, {
      rating: 4,
      comment: 'Heel tevreden (telefonisch)',
    });
    expect(feedback.statusCode).toBe(200);
    const detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.status).toBe('done');
    expect(detail.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(
      expect.arrayContaining(['new', 'proposed', 'accepted', 'done']),
    );
    const proposedEvent = detail.events.find((e: { reasonKey: string | null }) => e.reasonKey === 'proposed');
    expect(proposedEvent).toMatchObject({ reason: 'proposed to 2 volunteers', reasonValues: { count: 2 } });
    const household = (
      await send(as('social_worker'), 'GET', `/api/households/${householdId}?purpose=help_matching`)
    ).json();
    const summaries = household.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries).toContain('Volunteer help (Errands): a volunteer accepted');
    expect(summaries).toContain('Volunteer help (Errands): help given');
    const accepted = household.timeline.find((e: { summaryKey: string }) => e.summaryKey === 'help.accepted');
    expect(accepted.summaryValues.type).toMatchObject({ nl: 'Boodschappen', fr: 'Courses' });

    const figures = (await send(as('steering_member'), 'GET', '/api/help/figures')).json();
    const row = figures.rows.find((r: { helpType: string }) => r.helpType === 'errands');
    // One request helped: too few to show to the steering group (see help.figures.int.test.ts).
    expect(row).toMatchObject({ matched: null, matchedWithin48h: null, minutes: null });
  });

  it('expires an unanswered proposal (a late yes at once, else the job) and moves on to the next candidate', async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const first = volunteers[0]!;
    // This volunteer reads English: the proposal's e-mail is in English only.
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`update users set language = 'en' where id = ${first.id}`),
    );
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [first.id],
    });
    const [matchId] = proposed.json().matchIds as string[];
    const [address] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ email: users.email }).from(users).where(eq(users.id, first.id)),
    );
    const proposalMail = (await send(as('admin'), 'GET', '/api/admin/outbox'))
      .json()
      .find((m: { toAddress: string }) => m.toAddress === address!.email); // newest first
    expect(proposalMail.subject).toBe('As Helpt: someone could use your help');
    expect(proposalMail.body).toContain('There is a request that fits you: Errands');
    expect(proposalMail.body).not.toMatch(/Dag|Bonjour/);
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`update help_matches set expires_at = now() - interval '1 minute' where id = ${matchId}`),
    );
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`update jobs set run_at = now() where name = 'help.proposal.expire'`),
    );
    const late = await send(first.session, 'POST', `/api/help/matches/${matchId}/accept`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('expired');
    // The late yes moved the request on at once; the job, when it comes round, finds nothing left to do.
    const movedOn = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(movedOn.matches.map((m: { status: string }) => m.status).sort()).toEqual(['expired', 'proposed']);

    await createJobRunner(t.database, testEnv(), pino({ level: 'silent' })).drain();
    const detail = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json();
    const byVolunteer = new Map(
      detail.matches.map((m: { volunteerId: string; status: string }) => [m.volunteerId, m.status]),
    );
    expect(byVolunteer.get(first.id)).toBe('expired');
    expect([...byVolunteer.values()]).toContain('proposed');
    expect(detail.status).toBe('proposed');
    expect(
      detail.events.some(
        (e: { reason: string; reasonKey: string; actorName: string | null }) =>
          e.reasonKey === 'notAnswered' &&
          e.reason === 'a proposal was not answered in time' &&
          // Samen took the step, not a person, and not a city's programme either.
          e.actorName === null,
      ),
    ).toBe(true);
  });

  it('records why a request ran out of candidates in every language, and each reader sees their own', async () => {
    const needId = await postNeed({ languages: ['ar'] });
    await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [volunteers[0]!.id],
    });
    // Every volunteer asked says no, one after the other, until no one is left.
    for (let round = 0; round <= volunteers.length; round++) {
      const detail = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json();
      const open = detail.matches.filter((m: { status: string }) => m.status === 'proposed');
      if (open.length === 0) break;
      for (const match of open) {
        const volunteer = volunteers.find((v) => v.id === match.volunteerId)!;
        const declined = await send(volunteer.session, 'POST', `/api/help/matches/${match.id}/decline`, {});
        expect(declined.statusCode).toBe(200);
      }
      await createJobRunner(t.database, testEnv(), pino({ level: 'silent' })).drain();
    }

    const reader = as('coordinator');
    const dutch = (await send(reader, 'GET', `/api/help/needs/${needId}`)).json();
    expect(dutch.status).toBe('no_match');
    expect(dutch.noMatchReason).toBe('Elke vrijwilliger die past, werd al gevraagd');
    const keys = dutch.events.map((e: { reasonKey: string | null }) => e.reasonKey);
    expect(keys).toEqual(expect.arrayContaining(['posted', 'declined', 'allAsked']));
    expect((await send(reader, 'PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(200);
    try {
      const english = (await send(reader, 'GET', `/api/help/needs/${needId}`)).json();
      expect(english.noMatchReason).toBe('Every volunteer who fits has been asked');
      const listed = (await send(reader, 'GET', '/api/help/needs?status=no_match')).json().needs;
      expect(listed.find((n: { id: string }) => n.id === needId).noMatchReason).toBe(english.noMatchReason);
    } finally {
      await send(reader, 'PUT', '/api/auth/language', { language: 'nl' });
    }
  });

  it('asks a ride only of volunteers with a car, and refuses a means of transport it does not know', async () => {
    const rides = await send(as('coordinator'), 'POST', '/api/help/types', {
      code: 'rides_test',
      names: { nl: 'Vervoer', en: 'Rides', fr: 'Transport' },
      requiredMeans: ['car'],
    });
    expect(rides.statusCode, rides.body).toBe(201);
    expect(rides.json().requiredMeans).toEqual(['car']);
    const rocket = await send(as('coordinator'), 'PATCH', `/api/help/types/${rides.json().id}`, {
      requiredMeans: ['rocket'],
    });
    expect(rocket.statusCode).toBe(400);
    const cyclist = await newVolunteer({ helpTypes: ['rides_test'], means: ['bike'] });
    const driver = await newVolunteer({ helpTypes: ['rides_test'], means: ['car', 'bike'] });
    const needId = await postNeed({ helpType: 'rides_test', languages: [] });
    const ranked = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`)).json();
    const ids = ranked.candidates.map((c: { volunteerId: string }) => c.volunteerId);
    expect(ids).toContain(driver.id);
    expect(ids).not.toContain(cyclist.id);
    const refused = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [cyclist.id],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.hard).toEqual(['means']);
  });

  it('does not tell a volunteer with another request waiting, or proposed twice in one run, that she has none', async () => {
    const made = await send(as('coordinator'), 'POST', '/api/help/types', {
      code: 'sorting_test',
      names: { nl: 'Papieren sorteren', en: 'Sorting papers', fr: 'Trier des papiers' },
    });
    expect(made.statusCode, made.body).toBe(201);
    // The only volunteer who offers it, with room for two.
    const v = await newVolunteer({ helpTypes: ['sorting_test'], capacity: 2 });
    const first = await postNeed({ helpType: 'sorting_test', languages: [] });
    const second = await postNeed({ helpType: 'sorting_test', languages: [] });
    const explanationFor = async (needId: string) =>
      (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`))
        .json()
        .candidates.find((c: { volunteerId: string }) => c.volunteerId === v.id).explanation as string;
    const free = 'heeft nu geen andere hulpvraag';
    expect(await explanationFor(first)).toContain(free);
    // All at once, she is proposed for both: neither explanation says she has nothing else.
    const run = (await send(as('coordinator'), 'POST', '/api/help/matching/run', {})).json();
    const hers = run.proposals.filter((p: { volunteerId: string }) => p.volunteerId === v.id);
    expect(hers.map((p: { needId: string }) => p.needId).sort()).toEqual([first, second].sort());
    for (const p of hers) {
      expect(p.explanation).toMatch(/km/);
      expect(p.explanation).not.toContain(free);
    }
    // Proposed for the first, she is not "free of other requests" for the second either.
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${first}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(await explanationFor(second)).not.toContain(free);
    // On the first request's own list, the proposal waiting is that request's, not another one.
    expect(await explanationFor(first)).toContain(free);
    // Her answer frees her again: after saying no, the second request finds her without others.
    const [matchId] = proposed.json().matchIds as string[];
    // Why not is a choice, not free text: anything else is refused and the proposal stays open.
    const freeText = await send(v.session, 'POST', `/api/help/matches/${matchId}/decline`, {
      reason: 'Mevrouw X is lastig',
    });
    expect(freeText.statusCode).toBe(400);
    expect(freeText.json().error.details[0].field).toBe('reason');
    const declined = await send(v.session, 'POST', `/api/help/matches/${matchId}/decline`, {
      reason: 'distance',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const staffView = (await send(as('coordinator'), 'GET', `/api/help/needs/${first}`)).json();
    expect(staffView.matches.find((m: { id: string }) => m.id === matchId)).toMatchObject({
      status: 'declined',
      declineReason: 'distance',
    });
    expect(await explanationFor(second)).toContain(free);
  });

  it('says why a need has no candidate', async () => {
    const needId = await postNeed({
      languages: ['ar'],
      timing: { kind: 'moment', date: brusselsWeekday(6), start: 420, end: 480 },
    });
    const ranked = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`)).json();
    expect(ranked.candidates).toEqual([]);
    expect(ranked.noCandidate).toMatch(
      /^Geen vrijwilliger past: \d+ vrijwilligers bieden deze hulp aan; niemand spreekt Arabisch; \d+× niet vrij op dat moment/,
    );
    // The board says the same of it: counted among those who offer the help, not every volunteer.
    const board = (await send(as('coordinator'), 'GET', '/api/help/board')).json();
    expect(board.noMatch.find((n: { id: string }) => n.id === needId)?.noMatchReason).toBe(
      ranked.noCandidate,
    );
    expect(ranked.noCandidate).not.toMatch(/biedt deze hulp niet aan/);
    const company = await postNeed({ helpType: 'company' });
    const nobody = (await send(as('social_worker'), 'GET', `/api/help/needs/${company}/candidates`)).json();
    expect(nobody.noCandidate).toBe('Geen vrijwilliger past: niemand biedt deze hulp aan');
    const far = await postNeed({
      householdId: undefined,
      requester: { name: 'Mevrouw J.' },
      areaId: farArea,
      languages: [],
    });
    const farRanked = (await send(as('social_worker'), 'GET', `/api/help/needs/${far}/candidates`)).json();
    expect(farRanked.noCandidate).toMatch(/woont te ver/);
  });

  it('audits a volunteer reading the name and phone given for a request without a household', async () => {
    const needId = await postNeed({
      householdId: undefined,
      requester: { name: 'Meneer D.', phone: '089 55 55 55' },
      areaId: area,
      languages: ['nl'],
    });
    const { v } = await acceptedBy(needId);
    const home = (await send(v.session, 'GET', '/api/help/me')).json();
    expect(JSON.stringify(home.active)).toContain('089 55 55 55');
    const audited = rowsOf<{ record_type: string }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select record_type from audit_log
          where action = 'help.details_read' and record_id = ${needId}`),
      ),
    );
    expect(audited.map((r) => r.record_type)).toContain('help_need');
  });

  it('runs the all-at-once matching for review, then sends what staff keep', async () => {
    const needId = await postNeed({ languages: ['nl'], urgency: 'high' });
    // Sent without a body, as the API page shows it.
    const run = await send(as('coordinator'), 'POST', '/api/help/matching/run');
    expect(run.statusCode, run.body).toBe(200);
    const proposal = run.json().proposals.find((p: { needId: string }) => p.needId === needId);
    expect(proposal.explanation).toMatch(/km/);
    // Nothing is sent before review.
    expect((await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json().status).toBe('new');
    const sent = await send(as('coordinator'), 'POST', '/api/help/matching/send', {
      proposals: [{ needId, volunteerId: proposal.volunteerId }],
    });
    expect(sent.json()).toMatchObject({ sent: 1, skipped: [] });
    const board = (await send(as('coordinator'), 'GET', '/api/help/board')).json();
    expect(board.waiting.some((m: { needId: string }) => m.needId === needId)).toBe(true);
    expect(board.noMatch.length).toBeGreaterThan(0);
  });

  it('shows a partner only the needs it posted, and only minimised needs to volunteers', async () => {
    const mine = await postNeed(
      {
        householdId: undefined,
        requester: { name: 'Meneer K.', phone: '089 00 00 00' },
        areaId: area,
        languages: [],
      },
      'partner',
    );
    const list = (await send(as('partner'), 'GET', '/api/help/needs')).json().needs;
    expect(list.map((n: { id: string }) => n.id)).toEqual([mine]);
    const other = (await send(as('social_worker'), 'GET', '/api/help/needs'))
      .json()
      .needs.find((n: { id: string }) => n.id !== mine);
    expect((await send(as('partner'), 'GET', `/api/help/needs/${other.id}`)).statusCode).toBe(404);
    const withHousehold = await send(as('partner'), 'POST', '/api/help/needs', {
      householdId,
      helpType: 'errands',
      description: 'x',
      timing: tuesdayMorning(),
      consentGiven: true,
    });
    expect(withHousehold.statusCode).toBe(400);
    // A volunteer cannot read needs or board at all.
    expect((await send(volunteers[0]!.session, 'GET', '/api/help/needs')).statusCode).toBe(403);
  });

  /** A resident asks on the public form; the id of the request, as staff find it by the name. */
  async function askOnPublicForm(name: string, phone: string) {
    const asked = await send(undefined, 'POST', '/api/help/public/needs', {
      tenant: tenant.slug,
      name,
      phone,
      areaId: farArea,
      helpType: 'errands',
      description: 'Boodschappen',
      language: 'nl',
      timing: tuesdayMorning(),
      consentGiven: true,
    });
    expect(asked.statusCode, asked.body).toBe(202);
    return (await send(as('social_worker'), 'GET', '/api/help/needs'))
      .json()
      .needs.find((n: { householdName: string }) => n.householdName === name).id as string;
  }

  it('writes down the call back the public form promises, once, and only for a request from the form', async () => {
    const needId = await askOnPublicForm('Mevrouw Callebaut', '089 44 55 66');
    const called = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/called-back`, {});
    expect(called.statusCode, called.body).toBe(200);
    const detail = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.events.filter((e: { reasonKey: string }) => e.reasonKey === 'calledBack')).toEqual([
      expect.objectContaining({ actorName: expect.any(String) }),
    ]);
    const twice = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/called-back`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.reason).toBe('called_back');
    const staffPosted = await postNeed({ languages: [] });
    const notPublic = await send(
      as('social_worker'),
      'POST',
      `/api/help/needs/${staffPosted}/called-back`,
      {},
    );
    expect(notPublic.statusCode).toBe(409);
    expect(notPublic.json().error.details.reason).toBe('not_public');
    // A volunteer or a partner does not call back for staff (a partner does not even see the request).
    const someone = await newVolunteer();
    expect(
      (await send(someone.session, 'POST', `/api/help/needs/${needId}/called-back`, {})).statusCode,
    ).toBe(403);
    expect((await send(as('partner'), 'POST', `/api/help/needs/${needId}/called-back`, {})).statusCode).toBe(
      404,
    );
    const audited = rowsOf<{ n: number }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(
          sql`select count(*)::int as n from audit_log where action = 'help.called_back' and record_id = ${needId}`,
        ),
      ),
    );
    expect(audited[0]!.n).toBe(1);
  });

  it('shows the partner that posted a request that a volunteer said no, not why', async () => {
    const v = await newVolunteer({ helpTypes: ['sorting_test'] });
    const posted = await postNeed(
      {
        householdId: undefined,
        requester: { name: 'Meneer S.' },
        areaId: area,
        languages: [],
        helpType: 'sorting_test',
      },
      'partner',
    );
    const asked = await send(as('coordinator'), 'POST', `/api/help/needs/${posted}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const [theirs] = asked.json().matchIds as string[];
    const declined = await send(v.session, 'POST', `/api/help/matches/${theirs}/decline`, { reason: 'fit' });
    expect(declined.statusCode, declined.body).toBe(200);
    const partnerView = (await send(as('partner'), 'GET', `/api/help/needs/${posted}`)).json();
    expect(partnerView.matches.find((m: { id: string }) => m.id === theirs)).toMatchObject({
      status: 'declined',
      declineReason: null,
    });
    const coordinatorView = (await send(as('coordinator'), 'GET', `/api/help/needs/${posted}`)).json();
    expect(coordinatorView.matches.find((m: { id: string }) => m.id === theirs).declineReason).toBe('fit');
  });

  it("finds requests by part of the family's or the asker's name, among those the reader may see", async () => {
    const forFamily = await postNeed({ languages: [] });
    const forAsker = await postNeed({
      householdId: undefined,
      requester: { name: 'Meneer Vandersmissen', phone: '089 11 22 33' },
      areaId: area,
      languages: [],
    });
    const found = async (session: SignedIn, q: string) => {
      const answer = await send(session, 'GET', `/api/help/needs?q=${encodeURIComponent(q)}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return (answer.json().needs as { id: string }[]).map((n) => n.id);
    };
    // A member's name without accents or case, as the registry's search keeps it.
    expect(await found(as('coordinator'), 'ozturk')).toContain(forFamily);
    expect(await found(as('coordinator'), 'AYSE')).toContain(forFamily);
    expect(await found(as('coordinator'), 'ozturk')).not.toContain(forAsker);
    expect(await found(as('coordinator'), 'vandersmis')).toEqual([forAsker]);
    // Wildcards are letters like any other.
    expect(await found(as('coordinator'), '%%')).toEqual([]);
    // A partner's request that staff linked to the family: the partner still sees it, and finds it
    // by the household's name it is shown, but not by a member's name (that would tell who lives there).
    const partnered = await postNeed(
      { householdId: undefined, requester: { name: 'Mevrouw P.' }, areaId: area, languages: [] },
      'partner',
    );
    const linked = await send(as('social_worker'), 'POST', `/api/help/needs/${partnered}/household`, {
      personId,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(await found(as('partner'), 'Öztürk')).toEqual([partnered]);
    expect(await found(as('partner'), 'ayse')).toEqual([]);
    expect(await found(as('coordinator'), 'ayse')).toContain(partnered);
    // Searching by name is written down, without the words searched.
    const [searched] = rowsOf<{ details: { results: number } }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select details from audit_log where action = 'help.needs_searched'
          order by seq desc limit 1`),
      ),
    );
    expect(searched?.details.results).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(searched)).not.toContain('ayse');
    for (const bad of ['x', ' y ', 'a'.repeat(81)]) {
      const refused = await send(as('coordinator'), 'GET', `/api/help/needs?q=${encodeURIComponent(bad)}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().error.details[0].field).toBe('q');
    }
  });

  it('changes a request while nobody has been asked, links a public request to the household, and refuses both afterwards', async () => {
    const id = await askOnPublicForm('Mevrouw Y.', '0470 11 22 33');

    const bad = await send(as('social_worker'), 'PUT', `/api/help/needs/${id}`, {
      helpType: 'errands',
      description: '',
      timing: tuesdayMorning(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('description');
    const edited = await send(as('social_worker'), 'PUT', `/api/help/needs/${id}`, {
      areaId: area,
      helpType: 'errands',
      description: 'Boodschappen bij de supermarkt, lijstje ligt klaar',
      timing: tuesdayMorning(),
      languages: ['nl', 'tr'],
      urgency: 'high',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().changed).toEqual(
      expect.arrayContaining(['description', 'languages', 'urgency', 'areaId']),
    );
    let detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${id}`)).json();
    expect(detail.description).toBe('Boodschappen bij de supermarkt, lijstje ligt klaar');
    expect(detail.areaId).toBe(area);
    expect(detail.householdId).toBeNull();
    expect(detail.events.at(-1).reason).toBe('changed');

    // The partner who did not post it cannot touch it; nobody can link to an unknown person.
    expect(
      (
        await send(as('partner'), 'PUT', `/api/help/needs/${id}`, {
          helpType: 'errands',
          description: 'x',
          timing: tuesdayMorning(),
        })
      ).statusCode,
    ).toBe(404);
    const unknown = await send(as('social_worker'), 'POST', `/api/help/needs/${id}/household`, {
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('personId');

    const linked = await send(as('social_worker'), 'POST', `/api/help/needs/${id}/household`, { personId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().householdId).toBe(householdId);
    detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${id}`)).json();
    expect(detail.householdId).toBe(householdId);
    const again = await send(as('social_worker'), 'POST', `/api/help/needs/${id}/household`, { personId });
    expect(again.statusCode).toBe(409);

    // Once a volunteer has been asked the request stays as they saw it.
    const v = await newVolunteer({ languages: ['nl'] });
    const asked = await send(as('social_worker'), 'POST', `/api/help/needs/${id}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const late = await send(as('social_worker'), 'PUT', `/api/help/needs/${id}`, {
      helpType: 'errands',
      description: 'Iets anders',
      timing: tuesdayMorning(),
    });
    expect(late.statusCode).toBe(409);
    expect((await send(as('social_worker'), 'GET', `/api/help/needs/${id}`)).json().description).toBe(
      'Boodschappen bij de supermarkt, lijstje ligt klaar',
    );

    // A resident who withdrew their consent after asking is not linked: the form's agreement is
    // older than the withdrawal, and linking does not overrule it.
    const laterId = await askOnPublicForm('Mevrouw Z.', '0470 99 88 77');
    const consent = (status: 'given' | 'withdrawn') =>
      send(as('social_worker'), 'POST', `/api/persons/${personId}/consents`, {
        purpose: 'help_matching',
        status,
        method: 'verbal',
      });
    expect((await consent('withdrawn')).statusCode).toBe(201);
    const refused = await send(as('social_worker'), 'POST', `/api/help/needs/${laterId}/household`, {
      personId,
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.details.reason).toBe('consent');
    expect(
      (await send(as('social_worker'), 'GET', `/api/help/needs/${laterId}`)).json().householdId,
    ).toBeNull();
    // Asked again, the resident agrees: then the link is made, and the agreement it records is in
    // the audit log, as one recorded by hand is.
    expect((await consent('given')).statusCode).toBe(201);
    const givenAudited = async () =>
      rowsOf<{ n: number }>(
        await t.database.inTenant(tenant.id, (tx) =>
          tx.execute(sql`select count(*)::int as n from audit_log
            where action = 'consent.given' and record_id = ${personId}`),
        ),
      )[0]!.n;
    const before = await givenAudited();
    const relinked = await send(as('social_worker'), 'POST', `/api/help/needs/${laterId}/household`, {
      personId,
    });
    expect(relinked.statusCode, relinked.body).toBe(200);
    expect(await givenAudited()).toBe(before + 1);
  });

  it('answers a yes on a request closed meanwhile as closed, and counts a reopened request as not matched', async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const [v, w] = [await newVolunteer(), await newVolunteer()];
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [v.id, w.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [, second] = proposed.json().matchIds as string[];
    // One more asked while the first two still are: the history says so, as for the first ones.
    const third = await newVolunteer();
    const more = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [third.id],
    });
    expect(more.statusCode, more.body).toBe(201);
    const events = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json().events;
    expect(events.filter((e: { reasonKey: string }) => e.reasonKey === 'proposed')).toHaveLength(2);
    const status = (body: { status: string; reason: string }) =>
      send(as('coordinator'), 'POST', `/api/help/needs/${needId}/status`, body);
    expect((await status({ status: 'cancelled', reason: 'De familie vond zelf hulp' })).statusCode).toBe(200);
    const late = await send(w.session, 'POST', `/api/help/matches/${second}/accept`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('closed');
    // Reopened after a yes: it counts as matched again only when someone says yes again.
    expect((await status({ status: 'new', reason: 'Toch nog nodig' })).statusCode).toBe(200);
    const again = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(again.statusCode, again.body).toBe(201);
    const [retry] = again.json().matchIds as string[];
    expect((await send(v.session, 'POST', `/api/help/matches/${retry}/accept`, {})).statusCode).toBe(200);
    expect((await status({ status: 'cancelled', reason: 'Toch niet' })).statusCode).toBe(200);
    expect((await status({ status: 'new', reason: 'Opnieuw' })).statusCode).toBe(200);
    const [row] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ matchedAt: helpNeeds.matchedAt }).from(helpNeeds).where(eq(helpNeeds.id, needId)),
    );
    expect(row!.matchedAt).toBeNull();
  });

  it('keeps what a change leaves out: a sensitive, urgent request stays so, and only what changed is said', async () => {
    const needId = await postNeed({
      sensitive: true,
      urgency: 'high',
      arrangements: 'Bel eerst aan bij de buren',
    });
    const edited = await send(as('social_worker'), 'PUT', `/api/help/needs/${needId}`, {
      helpType: 'errands',
      description: 'Boodschappen, het lijstje ligt op de keukentafel',
      timing: tuesdayMorning(),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().changed).toEqual(['description']);
    let detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail).toMatchObject({
      sensitive: true,
      urgency: 'high',
      arrangements: 'Bel eerst aan bij de buren',
    });
    // Said on purpose, they change; an empty text clears the arrangements.
    const cleared = await send(as('social_worker'), 'PUT', `/api/help/needs/${needId}`, {
      helpType: 'errands',
      description: 'Boodschappen, het lijstje ligt op de keukentafel',
      timing: tuesdayMorning(),
      arrangements: '',
      urgency: 'normal',
    });
    expect(cleared.json().changed).toEqual(['arrangements', 'urgency']);
    detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail).toMatchObject({ sensitive: true, urgency: 'normal', arrangements: null });
  });

  it('only proposes a sensitive need to the volunteers staff picked', async () => {
    const needId = await postNeed({ sensitive: true, languages: ['nl'] });
    const none = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`)).json();
    expect(none.candidates).toEqual([]);
    expect(none.noCandidate).toMatch(/niet gekozen/);
    const picked = volunteers[1]!;
    expect(
      (
        await send(as('social_worker'), 'PUT', `/api/help/needs/${needId}/picks`, {
          volunteerIds: [picked.id],
        })
      ).statusCode,
    ).toBe(200);
    const one = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}/candidates`)).json();
    expect(one.candidates.map((c: { volunteerId: string }) => c.volunteerId)).toEqual([picked.id]);
    const refused = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [volunteers[0]!.id],
    });
    expect(refused.statusCode).toBe(409);
  });

  it('withdraws the open proposal of a volunteer staff take off a sensitive request, and asks the next one', async () => {
    const needId = await postNeed({ sensitive: true, languages: ['nl'] });
    const [first, next] = [await newVolunteer(), await newVolunteer()];
    const pick = (ids: string[]) =>
      send(as('social_worker'), 'PUT', `/api/help/needs/${needId}/picks`, { volunteerIds: ids });
    expect((await pick([first.id, next.id])).statusCode).toBe(200);
    const proposed = await send(as('social_worker'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [first.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [matchId] = proposed.json().matchIds as string[];
    const open = (v: { session: SignedIn }) =>
      send(v.session, 'GET', '/api/help/me').then((r) => r.json().proposals.map((p: { id: string }) => p.id));
    expect(await open(first)).toEqual([matchId]);

    expect((await pick([next.id])).statusCode).toBe(200);
    expect(await open(first)).toEqual([]);
    const late = await send(first.session, 'POST', `/api/help/matches/${matchId}/accept`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('withdrawn');
    let detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.matches.find((m: { id: string }) => m.id === matchId).status).toBe('withdrawn');
    expect(detail.events.at(-1)).toMatchObject({ reasonKey: 'unpicked', reasonValues: { count: 1 } });

    // The job asks the volunteer still picked, and nobody else.
    await createJobRunner(t.database, testEnv(), pino({ level: 'silent' })).drain();
    detail = (await send(as('social_worker'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.status).toBe('proposed');
    expect(await open(next)).toHaveLength(1);
    expect(await open(first)).toEqual([]);
  });

  it("words why a volunteer was asked in the reader's own language, on their page and on the board", async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const v = await newVolunteer();
    expect(
      (await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, { volunteerIds: [v.id] }))
        .statusCode,
    ).toBe(201);
    const dutch = (await send(v.session, 'GET', '/api/help/me')).json().proposals[0].explanation as string;
    expect(dutch).toMatch(/spreekt Nederlands/);
    expect((await send(v.session, 'PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(200);
    const english = (await send(v.session, 'GET', '/api/help/me')).json().proposals[0].explanation as string;
    expect(english).toMatch(/speaks Dutch/);
    expect(english).not.toMatch(/spreekt/);
    const detail = (await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json();
    expect(detail.matches.find((m: { volunteerId: string }) => m.volunteerId === v.id).explanation).toBe(
      dutch,
    );
  });

  it('lets staff close help for one moment before its day, saying why, though the volunteer cannot', async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const { v, matchId } = await acceptedBy(needId);
    const early = await send(v.session, 'POST', `/api/help/matches/${matchId}/complete`, {
      minutes: 60,
      rating: 5,
    });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.details.reason).toBe('not_yet');
    const closed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/status`, {
      status: 'done',
      reason: 'De buurvrouw hielp al een dag vroeger',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await send(as('coordinator'), 'GET', `/api/help/needs/${needId}`)).json().status).toBe('done');
  });

  it('logs weekly help session by session, refuses impossible hours beside the field, and counts them all', async () => {
    const from = brusselsNow().date;
    const needId = await postNeed({
      languages: ['nl'],
      timing: {
        kind: 'recurring',
        slots: [{ day: 1, start: 600, end: 660 }],
        range: { from, to: brusselsDay(90) },
      },
    });
    const { v, matchId } = await acceptedBy(needId);
    const stranger = await newVolunteer();
    // Today where the help is given: from 23:00 or 22:00 UTC, Brussels is a day ahead.
    const today = brusselsNow().date;
    const log = (who: { session: SignedIn }, body: unknown) =>
      send(who.session, 'POST', `/api/help/matches/${matchId}/hours`, body);
    expect((await log(v, { on: today, minutes: 90 })).statusCode).toBe(201);
    expect((await log(v, { on: today, minutes: 60 })).statusCode).toBe(201);
    const refusals: [unknown, string][] = [
      [{ on: today, minutes: 0 }, 'minutes'],
      [{ on: today, minutes: 800 }, 'minutes'],
      [{ on: '2026-02-30', minutes: 30 }, 'on'],
      [{ on: brusselsWeekday(2), minutes: 30 }, 'on'],
      [{ on: '2020-01-01', minutes: 30 }, 'on'],
    ];
    for (const [body, field] of refusals) {
      const refused = await log(v, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.details[0].field).toBe(field);
    }
    expect((await log(stranger, { on: today, minutes: 30 })).statusCode).toBe(404);
    // 150 minutes logged today already: ten hours more would make a day of over 12 hours.
    const full = await log(v, { on: today, minutes: 600 });
    expect(full.statusCode).toBe(400);
    expect(full.json().error.details[0]).toMatchObject({ field: 'minutes', message: helpMessages.dayFull });
    const home = (await send(v.session, 'GET', '/api/help/me')).json();
    expect(home.active.find((m: { id: string }) => m.id === matchId).minutes).toBe(150);
    const done = await onDay(tuesdayMorning().date, () =>
      send(v.session, 'POST', `/api/help/matches/${matchId}/complete`, { minutes: 30, rating: 4 }),
    );
    expect(done.statusCode, done.body).toBe(200);
    const after = (await send(v.session, 'GET', '/api/help/me')).json();
    expect(after.history.find((m: { id: string }) => m.id === matchId).minutes).toBe(180);
    expect(after.totalMinutes).toBe(180);
    // Still a little while after the help ended, not a month later.
    expect((await log(v, { on: today, minutes: 15 })).statusCode).toBe(201);
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`update help_matches set closed_at = now() - interval '31 days' where id = ${matchId}`),
    );
    expect((await log(v, { on: today, minutes: 15 })).statusCode).toBe(409);
    expect((await send(v.session, 'GET', '/api/help/me')).json().totalMinutes).toBe(195);
    // Staff see the same: one request done, and all the time given.
    const listed = (await send(as('coordinator'), 'GET', '/api/help/volunteers')).json();
    expect(listed.find((row: { userId: string }) => row.userId === v.id)).toMatchObject({
      activeMatches: 0,
      helped: 1,
      minutes: 195,
    });
    // ...and the volunteer on her own profile, counted for her alone.
    const own = (await send(v.session, 'GET', '/api/help/me')).json().profile;
    expect(own).toMatchObject({ activeMatches: 0, helped: 1, minutes: 195 });
  });

  it('takes time from the first day of the help on, and at most 12 hours for each day when reported done', async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const { v, matchId } = await acceptedBy(needId);
    const early = await send(v.session, 'POST', `/api/help/matches/${matchId}/hours`, {
      on: brusselsNow().date,
      minutes: 60,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: 'on', message: helpMessages.beforeHelp });
    const onTheDay = await onDay(tuesdayMorning().date, () =>
      send(v.session, 'POST', `/api/help/matches/${matchId}/hours`, {
        on: tuesdayMorning().date,
        minutes: 60,
      }),
    );
    expect(onTheDay.statusCode, onTheDay.body).toBe(201);
    const complete = (minutes: number) =>
      onDay(tuesdayMorning().date, () =>
        send(v.session, 'POST', `/api/help/matches/${matchId}/complete`, { minutes, rating: 4 }),
      );
    // Reported on the day itself, all the time given is at most that one day's 12 hours: the hour
    // logged already leaves 11 for the time not logged yet.
    const tooLong = await complete(661);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0]).toMatchObject({
      field: 'minutes',
      message: helpMessages.hoursSince,
    });
    expect((await complete(660)).statusCode).toBe(200);
    // Nor can time be logged on top afterwards: the day's 12 hours are given.
    const more = await onDay(tuesdayMorning().date, () =>
      send(v.session, 'POST', `/api/help/matches/${matchId}/hours`, {
        on: tuesdayMorning().date,
        minutes: 15,
      }),
    );
    expect(more.statusCode, more.body).toBe(400);
    expect(more.json().error.details[0]).toMatchObject({
      field: 'minutes',
      message: helpMessages.hoursSince,
    });

    // A window starts on its first day: time before it is refused too.
    const from = brusselsDay(3);
    const window = await postNeed({
      languages: ['nl'],
      timing: { kind: 'window', range: { from, to: brusselsDay(10) } },
    });
    const later = await acceptedBy(window);
    const beforeWindow = await send(later.v.session, 'POST', `/api/help/matches/${later.matchId}/hours`, {
      on: brusselsNow().date,
      minutes: 30,
    });
    expect(beforeWindow.statusCode).toBe(400);
    expect(beforeWindow.json().error.details[0]).toMatchObject({
      field: 'on',
      message: helpMessages.beforeHelp,
    });
  });

  // Two connections at once exist only on PostgreSQL (PGlite serves one).
  it.runIf(target === 'postgres')(
    'keeps two sessions written at the same moment within the day: the second waits for the first',
    async () => {
      const needId = await postNeed({
        languages: ['nl'],
        timing: {
          kind: 'recurring',
          slots: [{ day: 1, start: 600, end: 660 }],
          range: { from: brusselsNow().date, to: brusselsDay(30) },
        },
      });
      const { v, matchId } = await acceptedBy(needId);
      const viewer = {
        tenantId: tenant.id,
        userId: v.id,
        label: 'Vrijwilliger',
        roles: ['volunteer' as const],
      };
      const on = clockToday();
      // The first holds its transaction open after writing 400 minutes; the second starts meanwhile.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const firstWrote = new Promise<void>((resolve) => {
        written = resolve;
      });
      const first = t.database.inTenant(tenant.id, async (tx) => {
        try {
          await logHours(tx, viewer, matchId, { on, minutes: 400 });
        } finally {
          written();
        }
        await held;
      });
      await firstWrote;
      const second = t.database
        .inTenant(tenant.id, (tx) => logHours(tx, viewer, matchId, { on, minutes: 400 }))
        .then(
          () => 'saved',
          (error: { details?: { field: string; message: string }[] }) => error.details?.[0]?.message,
        );
      // Until the second waits for the first's lock, or has finished (had it not waited).
      let settled = false;
      void second.then(() => {
        settled = true;
      });
      for (let tries = 0; tries < 250 && !settled; tries++) {
        const [waiting] = rowsOf<{ n: number }>(
          await t.database.inTenant(tenant.id, (tx) =>
            tx.execute(sql`select count(*)::int as n from pg_locks where not granted`),
          ),
        );
        if (waiting!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      release();
      await first;
      expect(await second).toBe(helpMessages.dayFull);
    },
  );

  it('lets a volunteer accept only while they still fit: not once paused or without their screening', async () => {
    const needId = await postNeed({ languages: ['nl'] });
    const v = await newVolunteer();
    const proposed = await send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, {
      volunteerIds: [v.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [matchId] = proposed.json().matchIds as string[];
    const screening = (change: Record<string, unknown>) =>
      send(as('coordinator'), 'PATCH', `/api/help/volunteers/${v.id}`, change);
    expect((await screening({ intakeDoneOn: null })).statusCode).toBe(200);
    const unscreened = await send(v.session, 'POST', `/api/help/matches/${matchId}/accept`, {});
    expect(unscreened.statusCode).toBe(409);
    expect(unscreened.json().error.details).toMatchObject({ reason: 'not_eligible', hard: ['screening'] });
    expect((await screening({ intakeDoneOn: '2026-01-10', active: false })).statusCode).toBe(200);
    const paused = await send(v.session, 'POST', `/api/help/matches/${matchId}/accept`, {});
    expect(paused.statusCode).toBe(409);
    expect(paused.json().error.details.reason).toBe('not_eligible');
    expect((await screening({ active: true })).statusCode).toBe(200);
    const accepted = await send(v.session, 'POST', `/api/help/matches/${matchId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('stops every step for a family that withdraws its consent: no proposal, no accepting, no address', async () => {
    const address = await send(as('social_worker'), 'POST', '/api/addresses', {
      street: 'Hoogstraat',
      houseNumber: '7',
      postcode: '3600',
      municipality: 'Genk',
      lon: 5.474,
      lat: 50.965,
    });
    const person = await send(as('social_worker'), 'POST', '/api/persons', {
      givenName: 'Marta',
      familyName: 'Nowak',
      languages: ['pl', 'nl'],
      contacts: [{ channel: 'phone', value: '0478 11 22 33' }],
    });
    const household = await send(as('social_worker'), 'POST', '/api/households', {
      name: 'Nowak',
      addressId: address.json().id,
      members: [{ personId: person.json().id, relation: 'reference_person' }],
    });
    expect(household.statusCode, household.body).toBe(201);
    const [helper, asked, other] = [await newVolunteer(), await newVolunteer(), await newVolunteer()];
    const inHand = await postNeed({ householdId: household.json().id, languages: ['nl'] });
    const waiting = await postNeed({
      householdId: household.json().id,
      languages: ['nl'],
      helpType: 'company',
    });
    // Company is a help type the volunteers do not offer yet: the second need asks `asked` directly.
    for (const v of [asked, other])
      expect(
        (await send(v.session, 'PUT', '/api/help/me/profile', profile({ helpTypes: ['errands', 'company'] })))
          .statusCode,
      ).toBe(200);
    const propose = (needId: string, v: { id: string }) =>
      send(as('coordinator'), 'POST', `/api/help/needs/${needId}/proposals`, { volunteerIds: [v.id] });
    expect((await propose(inHand, helper)).statusCode).toBe(201);
    const helperMatch = (await send(helper.session, 'GET', '/api/help/me')).json().proposals[0].id as string;
    expect(
      (await send(helper.session, 'POST', `/api/help/matches/${helperMatch}/accept`, {})).statusCode,
    ).toBe(200);
    expect(JSON.stringify((await send(helper.session, 'GET', '/api/help/me')).json().active)).toContain(
      'Hoogstraat 7',
    );
    const proposed = await propose(waiting, asked);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [askedMatch] = proposed.json().matchIds as string[];

    const withdrawn = await send(as('social_worker'), 'POST', `/api/persons/${person.json().id}/consents`, {
      purpose: 'help_matching',
      status: 'withdrawn',
      method: 'verbal',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);

    // The volunteer in the middle of helping no longer sees the family's name, phone or address.
    const home = (await send(helper.session, 'GET', '/api/help/me')).json();
    expect(home.active).toEqual([]);
    expect(JSON.stringify(home)).not.toMatch(/Hoogstraat|Nowak|0478/);
    // The volunteer still asked cannot accept, and staff cannot ask anyone else.
    const late = await send(asked.session, 'POST', `/api/help/matches/${askedMatch}/accept`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('consent');
    const again = await propose(waiting, other);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reason).toBe('consent');
    // When the open proposal runs out, Samen does not move on to the next candidate: the request stops, with why.
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(
        sql`update help_matches set expires_at = now() - interval '1 minute' where id = ${askedMatch}`,
      ),
    );
    await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`update jobs set run_at = now() where name = 'help.proposal.expire'`),
    );
    await createJobRunner(t.database, testEnv(), pino({ level: 'silent' })).drain();
    const detail = (await send(as('coordinator'), 'GET', `/api/help/needs/${waiting}`)).json();
    expect(detail.status).toBe('cancelled');
    expect(detail.matches.map((m: { status: string }) => m.status)).toEqual(['expired']);
    expect(detail.events.map((e: { reasonKey: string | null }) => e.reasonKey)).toContain('consentWithdrawn');

    // Staff close the help in hand; nobody asks the family for feedback any more, by mail or by link.
    const closed = await send(as('coordinator'), 'POST', `/api/help/needs/${inHand}/status`, {
      status: 'done',
      reason: 'De hulp liep nog af voor de intrekking',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const link = await send(as('coordinator'), 'POST', `/api/help/needs/${inHand}/feedback-link`, {
      byEmail: false,
    });
    expect(link.statusCode, link.body).toBe(409);
    expect(link.json().error.details.reason).toBe('consent');
  });

  // ------------------------------------------------------------ who reads which requests

  /**
   * A signed-in account with these roles, and its id. Each signs in from an address of its own:
   * sign-ins are limited per address, and this file signs in many accounts within a minute.
   */
  let lastAddress = 0;
  async function account(roles: Role[]) {
    const user = await buildUser(t.database, tenant.id, roles);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password: TEST_PASSWORD },
      remoteAddress: `10.0.4.${++lastAddress}`,
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = [login.headers['set-cookie']].flat()[0]!.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const csrf = me.json().csrfToken as string;
    return { id: user.id, session: { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } } };
  }
  const listed = async (session: SignedIn) =>
    ((await send(session, 'GET', '/api/help/needs')).json().needs as { id: string }[]).map((n) => n.id);
  const detailCode = async (session: SignedIn, needId: string) =>
    (await send(session, 'GET', `/api/help/needs/${needId}`)).statusCode;

  it('lets a neighbourhood manager read the requests of their neighbourhoods only, on the board too', async () => {
    const here = await account(['neighbourhood_manager']);
    const there = await account(['neighbourhood_manager']);
    for (const [areaId, manager] of [
      [area, here],
      [farArea, there],
    ] as const) {
      const named = await send(as('admin'), 'PATCH', `/api/neighbourhoods/${areaId}`, {
        managerUserId: manager.id,
      });
      expect(named.statusCode, named.body).toBe(200);
    }
    // The Öztürk household lives in Winterslag.
    const household = await postNeed({ languages: ['nl'] });
    const sensitive = await postNeed({ languages: ['nl'], sensitive: true });
    const farPublic = await postNeed({
      householdId: undefined,
      requester: { name: 'Meneer V.', phone: '089 11 11 11' },
      areaId: farArea,
      languages: [],
    });

    for (const id of [household, sensitive]) {
      expect(await detailCode(here.session, id)).toBe(200);
      // 404, not 403: the answer does not say the request exists.
      expect(await detailCode(there.session, id)).toBe(404);
    }
    const detail = (await send(here.session, 'GET', `/api/help/needs/${household}`)).json();
    expect(detail.householdName).toBe('Öztürk');
    expect(await detailCode(there.session, farPublic)).toBe(200);
    expect(await detailCode(here.session, farPublic)).toBe(404);
    const mine = await listed(here.session);
    expect(mine).toEqual(expect.arrayContaining([household, sensitive]));
    expect(mine).not.toContain(farPublic);
    const theirs = await listed(there.session);
    expect(theirs).toContain(farPublic);
    expect(theirs).not.toContain(household);
    // Not by another door either: changing, ranking or proposing a request they may not read.
    expect((await send(there.session, 'GET', `/api/help/needs/${household}/candidates`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await send(there.session, 'POST', `/api/help/needs/${household}/proposals`, {
          volunteerIds: [volunteers[0]!.id],
        })
      ).statusCode,
    ).toBe(404);

    const proposed = await send(here.session, 'POST', `/api/help/needs/${household}/proposals`, {
      volunteerIds: [volunteers[1]!.id],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const board = async (session: SignedIn) => {
      const answer = await send(session, 'GET', '/api/help/board');
      expect(answer.statusCode, answer.body).toBe(200);
      const b = answer.json();
      const ids = [...b.open, ...b.noMatch, ...b.active].map((n: { id: string }) => n.id);
      return {
        ids,
        waiting: b.waiting.map((m: { needId: string }) => m.needId) as string[],
        totals: b.totals,
      };
    };
    const hereBoard = await board(here.session);
    expect(hereBoard.ids).toEqual(expect.arrayContaining([household, sensitive]));
    expect(hereBoard.ids).not.toContain(farPublic);
    expect(hereBoard.waiting).toContain(household);
    const thereBoard = await board(there.session);
    expect(thereBoard.ids).toContain(farPublic);
    expect(thereBoard.ids).not.toContain(household);
    expect(thereBoard.ids).not.toContain(sensitive);
    expect(thereBoard.waiting).not.toContain(household);
    expect(thereBoard.totals.open + thereBoard.totals.noMatch + thereBoard.totals.active).toBe(
      thereBoard.ids.length,
    );
    // The all-at-once matching looks at the requests they may read, and no others.
    const run = async (session: SignedIn) => {
      const answer = await send(session, 'POST', '/api/help/matching/run', {});
      expect(answer.statusCode, answer.body).toBe(200);
      const r = answer.json();
      return [
        ...r.proposals.map((p: { needId: string }) => p.needId),
        ...r.unassigned.map((u: { needId: string }) => u.needId),
      ];
    };
    const thereRun = await run(there.session);
    expect(thereRun).toContain(farPublic);
    expect(thereRun).not.toContain(sensitive);
    expect(await run(here.session)).not.toContain(farPublic);
  });

  it('lets a home visitor read the requests of the persons they were given, sensitive ones and requests without a household not', async () => {
    const given = await account(['home_visitor']);
    const other = await account(['home_visitor']);
    const granted = await send(as('social_worker'), 'POST', '/api/access-grants', {
      personId,
      userId: given.id,
      reason: 'Huisbezoek na de vraag om hulp',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const household = await postNeed({ languages: ['nl'] });
    const sensitive = await postNeed({ languages: ['nl'], sensitive: true });
    const withoutHousehold = await postNeed({
      householdId: undefined,
      requester: { name: 'Mevrouw W.', phone: '089 22 22 22' },
      areaId: area,
      languages: [],
    });
    expect(await detailCode(given.session, household)).toBe(200);
    expect(await detailCode(other.session, household)).toBe(404);
    expect(await detailCode(given.session, sensitive)).toBe(404);
    expect(await detailCode(given.session, withoutHousehold)).toBe(404);
    const list = await listed(given.session);
    expect(list).toContain(household);
    expect(list).not.toContain(sensitive);
    expect(list).not.toContain(withoutHousehold);
    expect(await listed(other.session)).not.toContain(household);

    // What they post themselves they keep seeing, with or without a household, sensitive or not.
    const own = await postNeed(
      {
        householdId: undefined,
        requester: { name: 'Meneer H.', phone: '089 33 33 33' },
        areaId: farArea,
        languages: [],
        sensitive: true,
      },
      'coordinator',
    );
    expect(await detailCode(other.session, own)).toBe(404);
    const posted = await send(other.session, 'POST', '/api/help/needs', {
      requester: { name: 'Meneer H.', phone: '089 33 33 33' },
      areaId: farArea,
      helpType: 'errands',
      description: 'Boodschappen',
      timing: tuesdayMorning(),
      sensitive: true,
      consentGiven: true,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(await detailCode(other.session, posted.json().id)).toBe(200);

    // A contact agent sees every person, so every request but the sensitive ones (they do not match).
    const agent = await account(['contact_agent']);
    expect(await detailCode(agent.session, household)).toBe(200);
    expect(await detailCode(agent.session, withoutHousehold)).toBe(200);
    expect(await detailCode(agent.session, sensitive)).toBe(404);
  });

  it('shows a partner the requests of its whole organisation, and a second role only widens on its own terms', async () => {
    const [a1, a2, b1] = [await account(['partner']), await account(['partner']), await account(['partner'])];
    const mixed = await account(['partner', 'home_visitor']);
    for (const [name, members] of [
      ['Buurtwerk A', [a1.id, a2.id]],
      ['Jeugdwerk B', [b1.id, mixed.id]],
    ] as const) {
      const created = await send(as('coordinator'), 'POST', '/api/signals/partners', {
        name,
        kind: 'other',
        memberUserIds: members,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const partnerNeed = async (session: SignedIn, name: string) => {
      const response = await send(session, 'POST', '/api/help/needs', {
        requester: { name, phone: '089 44 44 44' },
        areaId: area,
        helpType: 'errands',
        description: 'Een rit naar de dokter',
        timing: tuesdayMorning(),
        consentGiven: true,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const fromA = await partnerNeed(a1.session, 'Meneer A.');
    const fromB = await partnerNeed(b1.session, 'Mevrouw B.');

    // A colleague of the same organisation reads it, with the requester's phone; the other organisation not.
    expect(await detailCode(a2.session, fromA)).toBe(200);
    expect((await send(a2.session, 'GET', `/api/help/needs/${fromA}`)).json().requesterPhone).toBe(
      '089 44 44 44',
    );
    expect(await listed(a2.session)).toEqual([fromA]);
    expect(await detailCode(b1.session, fromA)).toBe(404);
    expect(await listed(b1.session)).toEqual([fromB]);

    // Partner and home visitor: their organisation's requests and the households they were given,
    // not every request of the city.
    expect(await detailCode(mixed.session, fromB)).toBe(200);
    expect(await detailCode(mixed.session, fromA)).toBe(404);
    const household = await postNeed({ languages: ['nl'] });
    expect(await detailCode(mixed.session, household)).toBe(404);
    const granted = await send(as('social_worker'), 'POST', '/api/access-grants', {
      personId,
      userId: mixed.id,
      reason: 'Huisbezoek door de partner',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(await detailCode(mixed.session, household)).toBe(200);
    const list = await listed(mixed.session);
    expect(list).toEqual(expect.arrayContaining([fromB, household]));
    expect(list).not.toContain(fromA);
  });

  it('keeps the oldest open request and an old one without a match on the board behind hundreds of newer ones', async () => {
    const oldNoMatch = await postNeed({ languages: ['ar'] });
    const oldOpen = await postNeed({ languages: ['nl'] });
    await t.database.inTenant(tenant.id, async (tx) => {
      await tx.execute(sql`update help_needs set status = 'no_match', created_at = now() - interval '30 days',
        no_match_reasons = '{"nl":"x","en":"x","fr":"x"}'::jsonb where id = ${oldNoMatch}`);
      // Waiting for a proposal's answer: open, whoever the volunteers are by now.
      await tx.execute(
        sql`update help_needs set status = 'proposed', created_at = now() - interval '29 days' where id = ${oldOpen}`,
      );
      // More new requests than a list of the board shows, all newer.
      await tx.execute(sql`insert into help_needs
          (tenant_id, help_type, description, timing, languages, source, lat, lon, area_id, created_at)
        select ${tenant.id}, 'errands', 'Boodschappen ' || g, ${JSON.stringify(tuesdayMorning())}::jsonb,
          '{nl}', 'staff', 50.966, 5.476, ${area}, now() - interval '1 day' + g * interval '1 second'
        from generate_series(1, 520) g`);
    });
    const answer = await send(as('coordinator'), 'GET', '/api/help/board');
    expect(answer.statusCode, answer.body).toBe(200);
    const board = answer.json();
    const ids = (list: { id: string }[]) => list.map((n) => n.id);
    expect(ids(board.noMatch)).toContain(oldNoMatch);
    // The reason is worked out again in the reader's language, not the one stored.
    expect(board.noMatch.find((n: { id: string }) => n.id === oldNoMatch).noMatchReason).toMatch(
      /^(Geen|De)/,
    );
    expect(ids(board.open)).toContain(oldOpen);
    expect(board.open).toHaveLength(200);
    expect(board.totals.open).toBeGreaterThan(200);
    // Every open request is counted once: in the open list or among those without a volunteer.
    const [{ n: openCount } = { n: 0 }] = rowsOf<{ n: number }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(
          sql`select count(*)::int as n from help_needs where status in ('new', 'proposed', 'no_match')`,
        ),
      ),
    );
    expect(board.totals.open + board.totals.noMatch).toBe(openCount);
    expect(new Set([...ids(board.open), ...ids(board.noMatch)]).size).toBe(
      board.open.length + board.noMatch.length,
    );
    // Most urgent first, then the oldest.
    const rank = { high: 0, normal: 1, low: 2 } as const;
    const order = (list: { urgency: keyof typeof rank; createdAt: string }[]) =>
      list.every(
        (n, i) =>
          i === 0 ||
          rank[list[i - 1]!.urgency] < rank[n.urgency] ||
          (rank[list[i - 1]!.urgency] === rank[n.urgency] && list[i - 1]!.createdAt <= n.createdAt),
      );
    expect(order(board.open)).toBe(true);
    expect(order(board.noMatch)).toBe(true);
    expect(board.open.findIndex((n: { id: string }) => n.id === oldOpen)).toBe(
      board.open.findIndex((n: { urgency: string }) => n.urgency === 'normal'),
    );
  });

  it('lists the requests a page at a time, newest first, with the whole count, and refuses a page that is not one', async () => {
    // Runs after the board test above: more than 500 requests, more than five pages.
    const page = async (query: string) => {
      const answer = await send(as('coordinator'), 'GET', `/api/help/needs${query}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json() as {
        needs: { id: string; createdAt: string; status: string }[];
        total: number;
        pageSize: number;
      };
    };
    const [{ n: all } = { n: 0 }] = rowsOf<{ n: number }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select count(*)::int as n from help_needs`),
      ),
    );
    const first = await page('');
    expect(first.total).toBe(all);
    expect(first.pageSize).toBe(100);
    expect(first.needs).toHaveLength(100);
    const lastPage = Math.ceil(all / 100);
    const seen = new Set<string>();
    let previous = '9999';
    for (let at = 1; at <= lastPage; at++) {
      const { needs } = await page(`?page=${at}`);
      expect(needs.length).toBe(at < lastPage ? 100 : all - 100 * (lastPage - 1));
      for (const need of needs) {
        expect(need.createdAt <= previous).toBe(true);
        previous = need.createdAt;
        seen.add(need.id);
      }
    }
    // Every request once, none twice across the pages.
    expect(seen.size).toBe(all);
    // Past the last page: empty, with the count, so the page can offer the first.
    const past = await page(`?page=${lastPage + 1}`);
    expect(past.needs).toEqual([]);
    expect(past.total).toBe(all);
    // The status narrows the count as well as the rows.
    const proposed = await page('?status=proposed');
    expect(proposed.needs.length).toBeGreaterThan(0);
    expect(proposed.needs.every((n) => n.status === 'proposed')).toBe(true);
    expect(proposed.total).toBeLessThan(all);
    for (const bad of ['0', '-1', '1.5', 'two', '']) {
      const refused = await send(as('coordinator'), 'GET', `/api/help/needs?page=${bad}`);
      expect(refused.statusCode, `page=${bad}`).toBe(400);
      expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual(['page']);
    }
  });
});
