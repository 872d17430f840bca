import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCoach,
  buildCoachingProgramme,
  buildTenant,
  buildUser,
  buildVolunteer,
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
import type { Role } from '../../../shared/permissions.ts';
import { addDays, setClockOffsetDays, today } from '../../clock.ts';
import { rowsOf } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { runRetentionSweep } from '../../jobs/retention.ts';
import { coachingRetentionRules } from './coaching.retention.ts';

const SITUATION = 'Mama is alleen met drie kinderen en de schuldbemiddeling loopt.';

const TABLES = [
  'coaching_referrals',
  'coaching_trajectories',
  'coaching_meetings',
  'coaching_goals',
  'coaching_worries',
  'timeline_entries',
  'households',
  'persons',
  'consents',
  'audit_log',
];

describe.each(targets)('talent coaching on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  const people = new Map<string, SignedIn>();
  let area: string;
  let programme: { id: string; cohorts: string[] };
  let turkishCoach: { id: string };
  let dutchCoach: { id: string };
  let untrainedCoach: { id: string };
  let fullCoach: { id: string };

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
  const as = (who: string) => people.get(who)!;

  const counts = () =>
    t.database.inTenant(tenant.id, async (tx) => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        out[table] = rowsOf<{ n: number }>(
          await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)),
        )[0]!.n;
      }
      return out;
    });

  /** The request is refused with this status, naming this field, and nothing changes. */
  async function refused(
    request: () => ReturnType<typeof send>,
    status: number,
    field: string,
  ): Promise<{ message: string; details: { field: string; message: string }[] }> {
    const before = await counts();
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    const { error } = response.json();
    expect(error.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'CONFLICT');
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
    return error;
  }

  const referral = (overrides: Record<string, unknown> = {}) => ({
    programmeId: programme.id,
    referrerKind: 'kindergarten',
    referrerOrganisation: 'Kleuterschool De Regenboog',
    parentFirstNames: 'Ayşe en Mehmet',
    familyName: 'Yılmaz',
    childFirstName: 'Elif',
    childBirthDate: addDays(today(), -5 * 365 - 30),
    street: 'Stalenstraat',
    houseNumber: '14',
    postcode: '3600',
    areaId: area,
    phone: '0479 55 12 80',
    languages: ['tr', 'nl'],
    interests: ['voetbal'],
    situation: SITUATION,
    consentGiven: true,
    consentFreeToRefuse: true,
    consentMethod: 'signed_form',
    consentOn: today(),
    ...overrides,
  });

  async function refer(who = 'referrer', overrides: Record<string, unknown> = {}) {
    const response = await send(as(who), 'POST', '/api/coaching/refer', referral(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  async function accept(referralId: string, cohort = programme.cohorts[0]) {
    const response = await send(as('coordinator'), 'POST', `/api/coaching/referrals/${referralId}/intake`, {
      outcome: 'accepted',
      cohortId: cohort,
      intakeOn: today(),
      reasonForFamily: 'Welkom! Jullie starten in de pilotgroep.',
      notes: 'Gesprek bij het gezin thuis.',
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function match(referralId: string, coachId: string, decision = 'proposal', reason?: string) {
    const response = await send(as('coordinator'), 'POST', '/api/coaching/matches', {
      referralId,
      coachId,
      decision,
      ...(reason ? { reason } : {}),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    const roles: [string, Role[]][] = [
      ['admin', ['admin']],
      ['coordinator', ['coordinator']],
      ['social_worker', ['social_worker']],
      ['referrer', ['referrer']],
      ['other_referrer', ['referrer']],
      ['steering', ['steering_member']],
      ['volunteer', ['volunteer']],
    ];
    for (const [who, r] of roles) {
      const user = await buildUser(t.database, tenant.id, r);
      people.set(who, await signIn(app, tenant.slug, user.email));
    }
    area = await buildWinterslag(t.database, tenant.id);
    programme = await buildCoachingProgramme(t.database, tenant.id);
    turkishCoach = await buildCoach(t.database, tenant.id, {
      languages: ['nl', 'tr'],
      areaId: area,
      capacity: 2,
    });
    dutchCoach = await buildCoach(t.database, tenant.id, { languages: ['nl'], areaId: area, capacity: 2 });
    untrainedCoach = await buildCoach(t.database, tenant.id, {
      languages: ['nl', 'tr'],
      areaId: area,
      trained: false,
    });
    fullCoach = await buildCoach(t.database, tenant.id, { languages: ['nl'], areaId: area, capacity: 0 });
    for (const [who, coach] of [
      ['turkishCoach', turkishCoach],
      ['dutchCoach', dutchCoach],
    ] as const) {
      const users = await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select email from users where id = ${coach.id}`),
      );
      people.set(who, await signIn(app, tenant.slug, rowsOf<{ email: string }>(users)[0]!.email));
    }
  });
  afterAll(async () => {
    setClockOffsetDays(0);
    await app?.close();
    await t?.drop();
  });

  it('refuses a referral without the family consent, or without it being free to say no, naming the field', async () => {
    const missing = await refused(
      () => send(as('referrer'), 'POST', '/api/coaching/refer', referral({ consentGiven: false })),
      400,
      'consentGiven',
    );
    expect(missing.details[0]!.message).toMatch(/consent/);
    await refused(
      () => send(as('referrer'), 'POST', '/api/coaching/refer', referral({ consentFreeToRefuse: false })),
      400,
      'consentFreeToRefuse',
    );
    const { consentGiven: _, ...without } = referral();
    await refused(() => send(as('referrer'), 'POST', '/api/coaching/refer', without), 400, 'consentGiven');
    await refused(
      () => send(as('referrer'), 'POST', '/api/coaching/refer', referral({ consentOn: addDays(today(), 3) })),
      400,
      'consentOn',
    );
    // Nor with a consent from long ago, an adult for a child, or a postcode that is not Belgian.
    const implausible: [Record<string, unknown>, string, string][] = [
      [{ consentOn: '1901-01-01' }, 'consentOn', 'consent is over a year old'],
      [{ childBirthDate: '1990-01-01' }, 'childBirthDate', 'a child under 18'],
      [{ postcode: '0000' }, 'postcode', 'not a Belgian postcode'],
    ];
    for (const [change, field, message] of implausible) {
      const answer = await refused(
        () => send(as('referrer'), 'POST', '/api/coaching/refer', referral(change)),
        400,
        field,
      );
      expect(answer.details[0]!.message).toContain(message);
    }
  });

  it('shows referrers their own referrals only, and the reason the family was told', async () => {
    const mine = await refer('referrer');
    const theirs = await refer('other_referrer', { familyName: 'Peeters', languages: ['nl'] });
    const list = (await send(as('referrer'), 'GET', '/api/coaching/refer/mine')).json();
    expect(list.map((r: { id: string }) => r.id)).toContain(mine);
    expect(list.map((r: { id: string }) => r.id)).not.toContain(theirs);
    expect(JSON.stringify(list)).not.toContain(SITUATION);
    // The coordinator's list is theirs alone.
    expect((await send(as('referrer'), 'GET', '/api/coaching/referrals')).statusCode).toBe(403);
    expect((await send(as('referrer'), 'GET', `/api/coaching/referrals/${theirs}`)).statusCode).toBe(403);
    // The coordinator's view carries the programme's ages beside the child's, for the intake's note.
    const read = (await send(as('coordinator'), 'GET', `/api/coaching/referrals/${theirs}`)).json();
    expect(read.programmeAges).toEqual({ from: 4, to: 6 });
    expect(typeof read.childAge).toBe('number');

    const response = await send(as('coordinator'), 'POST', `/api/coaching/referrals/${theirs}/intake`, {
      outcome: 'waiting',
      intakeOn: today(),
      reasonForFamily: 'De groep is vol; we bellen jullie zodra er plaats is.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const other = (await send(as('other_referrer'), 'GET', '/api/coaching/refer/mine')).json();
    expect(other[0]).toMatchObject({
      status: 'waiting',
      reasonForFamily: 'De groep is vol; we bellen jullie zodra er plaats is.',
    });
    const programmes = (await send(as('coordinator'), 'GET', '/api/coaching/programmes')).json();
    expect(programmes.find((p: { id: string }) => p.id === programme.id).waitingList).toBe(1);
  });

  it('takes on a volunteer who chose "coach" at sign-up, with the coach role', async () => {
    const volunteer = await buildVolunteer(t.database, tenant.id, { languages: ['nl', 'ar'], areaId: area });
    const list = (await send(as('coordinator'), 'GET', '/api/coaching/coaches')).json();
    expect(list.candidates.map((c: { userId: string }) => c.userId)).toContain(volunteer.id);
    const taken = await send(as('coordinator'), 'POST', '/api/coaching/coaches', { userId: volunteer.id });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toMatchObject({ languages: ['nl', 'ar'], trained: false, screenedOn: null });
    const session = await signIn(app, tenant.slug, volunteer.email);
    const me = await send(session, 'GET', '/api/coaching/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ trained: false, families: [] });
  });

  it('runs matchmaking for a cohort: the Turkish-speaking trained coach for the Turkish-speaking family, explained', async () => {
    const turkish = await refer('referrer', { familyName: 'Demir' });
    const dutch = await refer('referrer', {
      familyName: 'Janssens',
      parentFirstNames: 'Sarah',
      languages: ['nl'],
      interests: [],
    });
    await accept(turkish);
    await accept(dutch);
    const run = await send(
      as('coordinator'),
      'POST',
      `/api/coaching/cohorts/${programme.cohorts[0]}/matchmaking`,
      {},
    );
    expect(run.statusCode, run.body).toBe(200);
    const proposals = run.json().proposals as {
      referralId: string;
      coachId: string;
      explanation: string;
      alternatives: { coachId: string }[];
    }[];
    const forTurkish = proposals.find((p) => p.referralId === turkish)!;
    expect(forTurkish.coachId).toBe(turkishCoach.id);
    expect(forTurkish.explanation).toMatch(/^spreekt Turks/);
    const forDutch = proposals.find((p) => p.referralId === dutch)!;
    // Both trained coaches speak Dutch and live as near: either is as good for this family.
    expect([dutchCoach.id, turkishCoach.id]).toContain(forDutch.coachId);
    // Never the untrained or the full coach, not even as an alternative.
    const everyone = proposals.flatMap((p) => [p.coachId, ...p.alternatives.map((a) => a.coachId)]);
    expect(everyone).not.toContain(untrainedCoach.id);
    expect(everyone).not.toContain(fullCoach.id);

    const trajectory = await match(turkish, turkishCoach.id);
    const audit = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(
        sql`select details from audit_log where action = 'coaching.match_decided' and record_id = ${trajectory}`,
      ),
    );
    expect(rowsOf<{ details: { decision: string } }>(audit)[0]!.details.decision).toBe('proposal');
    await match(dutch, dutchCoach.id, 'override', 'Zij kennen elkaar van de school');
  });

  it('refuses a match to an untrained coach, beyond capacity, or a second active coach, and changes nothing', async () => {
    const family = await refer('referrer', { familyName: 'Kaya' });
    await accept(family);
    const untrained = await refused(
      () =>
        send(as('coordinator'), 'POST', '/api/coaching/matches', {
          referralId: family,
          coachId: untrainedCoach.id,
          decision: 'override',
          reason: 'spreekt Turks',
        }),
      409,
      'coachId',
    );
    expect(untrained.details[0]!.message).toMatch(/training/);
    const full = await refused(
      () =>
        send(as('coordinator'), 'POST', '/api/coaching/matches', {
          referralId: family,
          coachId: fullCoach.id,
          decision: 'swap',
        }),
      409,
      'coachId',
    );
    expect(full.details[0]!.message).toMatch(/room/);
    await refused(
      () =>
        send(as('coordinator'), 'POST', '/api/coaching/matches', {
          referralId: family,
          coachId: dutchCoach.id,
          decision: 'override',
        }),
      400,
      'reason',
    );
    await match(family, turkishCoach.id, 'swap');
    const second = await refused(
      () =>
        send(as('coordinator'), 'POST', '/api/coaching/matches', {
          referralId: family,
          coachId: dutchCoach.id,
          decision: 'swap',
        }),
      409,
      'referralId',
    );
    expect(second.details[0]!.message).toMatch(/already has an active coach/);
    // The Turkish coach now has two families: a third is beyond capacity.
    const third = await refer('referrer', { familyName: 'Aydın' });
    await accept(third);
    await refused(
      () =>
        send(as('coordinator'), 'POST', '/api/coaching/matches', {
          referralId: third,
          coachId: turkishCoach.id,
          decision: 'proposal',
        }),
      409,
      'coachId',
    );
  });

  it('shows a coach only their own families, with first names, address, languages and age, never the referrer notes', async () => {
    const home = (await send(as('turkishCoach'), 'GET', '/api/coaching/me')).json();
    expect(home.families).toHaveLength(2);
    const mine = home.families[0].id as string;
    const detail = await send(as('turkishCoach'), 'GET', `/api/coaching/trajectories/${mine}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json();
    expect(body.family).toEqual({
      firstNames: 'Ayşe en Mehmet',
      childFirstName: 'Elif',
      childAge: 5,
      address: 'Stalenstraat 14, 3600',
      phone: '0479 55 12 80',
      languages: ['tr', 'nl'],
    });
    expect(detail.body).not.toContain(SITUATION);
    expect(detail.body).not.toContain('Gesprek bij het gezin thuis');
    expect(detail.body).not.toContain('Kleuterschool');

    const others = (await send(as('dutchCoach'), 'GET', '/api/coaching/trajectories')).json();
    expect(others.map((x: { id: string }) => x.id)).not.toContain(mine);
    for (const [method, url, body] of [
      ['GET', `/api/coaching/trajectories/${mine}`, undefined],
      [
        'POST',
        `/api/coaching/trajectories/${mine}/meetings`,
        { heldOn: today(), kind: 'phone', minutes: 20 },
      ],
      ['POST', `/api/coaching/trajectories/${mine}/goals`, { domain: 'school', description: 'x' }],
      ['POST', `/api/coaching/trajectories/${mine}/worries`, { concern: 'x' }],
    ] as const) {
      const response = await send(as('dutchCoach'), method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // The registry's person file is not opened to coaches at all: not by coaching, not by a grant.
    const persons = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select person_id from household_members limit 1`),
    );
    const personId = rowsOf<{ person_id: string }>(persons)[0]!.person_id;
    const file = await send(as('turkishCoach'), 'GET', `/api/persons/${personId}?purpose=coaching`);
    expect(file.statusCode).toBe(403);
    // Nor to the coordinator's lists.
    expect((await send(as('turkishCoach'), 'GET', '/api/coaching/referrals')).statusCode).toBe(403);
    expect((await send(as('turkishCoach'), 'GET', '/api/coaching/alerts')).statusCode).toBe(403);
  });

  it('logs meetings, refusing one in the future or before the coaching began; goals and check-ins', async () => {
    const mine = (await send(as('turkishCoach'), 'GET', '/api/coaching/me')).json().families[0].id as string;
    const url = `/api/coaching/trajectories/${mine}/meetings`;
    const future = await refused(
      () =>
        send(as('turkishCoach'), 'POST', url, {
          heldOn: addDays(today(), 1),
          kind: 'home_visit',
          minutes: 60,
        }),
      400,
      'heldOn',
    );
    expect(future.details[0]!.message).toBe('cannot be in the future');
    const before = await refused(
      () =>
        send(as('turkishCoach'), 'POST', url, {
          heldOn: addDays(today(), -3),
          kind: 'home_visit',
          minutes: 60,
        }),
      400,
      'heldOn',
    );
    expect(before.details[0]!.message).toBe('cannot be before the coaching began');
    const ok = await send(as('turkishCoach'), 'POST', url, {
      heldOn: today(),
      kind: 'home_visit',
      minutes: 60,
      topics: ['school'],
      privateNote: 'Elif kijkt uit naar de eerste schooldag.',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const goal = await send(as('turkishCoach'), 'POST', `/api/coaching/trajectories/${mine}/goals`, {
      domain: 'leisure',
      description: 'Elif gaat naar de voetbalclub',
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const checkin = await send(as('turkishCoach'), 'POST', `/api/coaching/trajectories/${mine}/checkins`, {
      heldOn: today(),
      progress: [{ goalId: goal.json().id, progress: 2 }],
    });
    expect(checkin.statusCode, checkin.body).toBe(201);
    const detail = (await send(as('coordinator'), 'GET', `/api/coaching/trajectories/${mine}`)).json();
    expect(detail.meetings[0].privateNote).toBe('Elif kijkt uit naar de eerste schooldag.');
    expect(detail.goals[0].progress).toBe(2);

    // On the household timeline, for staff; the coordinator sees it.
    const household = rowsOf<{ household_id: string }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select household_id from coaching_trajectories where id = ${mine}`),
      ),
    )[0]!.household_id;
    const page = await send(as('coordinator'), 'GET', `/api/households/${household}?purpose=coaching`);
    expect(page.statusCode, page.body).toBe(200);
    const summaries = page.json().timeline.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Talentcoaching: ontmoeting met de coach/)]),
    );
    // Kept as a key and values, so each reader sees it in their own language.
    const meeting = page
      .json()
      .timeline.find((e: { summaryKey: string | null }) => e.summaryKey === 'coaching.meeting');
    expect(meeting.summaryValues).toMatchObject({ kind: expect.any(String), minutes: expect.any(Number) });
    expect(meeting.channel).toBe('home_visit');
    // A phone call is a phone call on the timeline, not a home visit.
    const call = await send(as('turkishCoach'), 'POST', url, { heldOn: today(), kind: 'phone', minutes: 20 });
    expect(call.statusCode, call.body).toBe(201);
    const after = (
      await send(as('coordinator'), 'GET', `/api/households/${household}?purpose=coaching`)
    ).json();
    const phoned = after.timeline.find((e: { recordId: string | null }) => e.recordId === call.json().id);
    expect(phoned).toMatchObject({ channel: 'phone', recordType: 'coaching_meeting' });
  });

  it("stops a coaching's steps when the family withdraws its consent, but not its end", async () => {
    const families = (await send(as('turkishCoach'), 'GET', '/api/coaching/me')).json().families;
    const other = families[1].id as string;
    const household = rowsOf<{ household_id: string }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select household_id from coaching_trajectories where id = ${other}`),
      ),
    )[0]!.household_id;
    const page = (
      await send(as('coordinator'), 'GET', `/api/households/${household}?purpose=coaching`)
    ).json();
    const parent = page.members.find((m: { relation: string }) => m.relation === 'reference_person').id;
    const consent = (status: 'given' | 'withdrawn') =>
      send(as('coordinator'), 'POST', `/api/persons/${parent}/consents`, {
        purpose: 'talent_coaching',
        status,
        method: 'verbal',
      });
    expect((await consent('withdrawn')).statusCode).toBe(201);
    const meeting = await send(as('turkishCoach'), 'POST', `/api/coaching/trajectories/${other}/meetings`, {
      heldOn: today(),
      kind: 'home_visit',
      minutes: 60,
    });
    expect(meeting.statusCode, meeting.body).toBe(409);
    expect(meeting.json().error.details.reason).toBe('consent');
    // The coach no longer gets the family's address and phone; the coordinator still does.
    const seen = (await send(as('turkishCoach'), 'GET', `/api/coaching/trajectories/${other}`)).json();
    expect(seen.family).toMatchObject({ address: null, phone: null });
    // Asked again, the family agrees: the coaching goes on.
    expect((await consent('given')).statusCode).toBe(201);
    const again = await send(as('turkishCoach'), 'POST', `/api/coaching/trajectories/${other}/meetings`, {
      heldOn: today(),
      kind: 'home_visit',
      minutes: 60,
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('raises a worry; a social worker is involved without consent only in a safety situation the programme defines', async () => {
    const mine = (await send(as('turkishCoach'), 'GET', '/api/coaching/me')).json().families[0].id as string;
    const raised = await send(as('turkishCoach'), 'POST', `/api/coaching/trajectories/${mine}/worries`, {
      concern: 'Mama lijkt erg moe en zei dat het thuis niet goed gaat.',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const worries = (await send(as('coordinator'), 'GET', '/api/coaching/worries')).json();
    expect(worries[0]).toMatchObject({ status: 'open', safetySituations: ['a child is in danger'] });
    // Reading what coaches wrote about families is audited, as the list of referrals is.
    await send(as('coordinator'), 'GET', '/api/coaching/referrals');
    const listed = rowsOf<{ action: string }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select action from audit_log where action like 'coaching.%_listed'`),
      ),
    ).map((r) => r.action);
    expect(listed).toEqual(expect.arrayContaining(['coaching.worries_listed', 'coaching.referrals_listed']));
    await refused(
      () =>
        send(as('coordinator'), 'POST', `/api/coaching/worries/${raised.json().id}/handle`, {
          outcome: 'social_worker',
          basis: 'safety',
          safetySituation: 'the coach has a bad feeling',
          note: 'zonder toestemming',
        }),
      400,
      'safetySituation',
    );
    const handled = await send(
      as('coordinator'),
      'POST',
      `/api/coaching/worries/${raised.json().id}/handle`,
      {
        outcome: 'social_worker',
        basis: 'consent',
        note: 'Mama vond het goed dat de maatschappelijk werker belt.',
      },
    );
    expect(handled.statusCode, handled.body).toBe(200);
    const audit = rowsOf<{ details: { basis: string; reason: string } }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(sql`select details from audit_log where action = 'coaching.worry_handled'`),
      ),
    );
    expect(audit[0]!.details).toMatchObject({ basis: 'consent' });
    expect(JSON.stringify(audit[0]!.details)).not.toContain('maatschappelijk werker belt');
  });

  it('alerts the coordinator after 30 days without a meeting (server clock), and for an untrained coach', async () => {
    const before = (await send(as('coordinator'), 'GET', '/api/coaching/alerts')).json();
    expect(before.filter((a: { kind: string }) => a.kind === 'no_meeting')).toEqual([]);
    expect(
      before.some(
        (a: { kind: string; coachId: string }) => a.kind === 'not_trained' && a.coachId === untrainedCoach.id,
      ),
    ).toBe(true);
    const moved = await send(as('admin'), 'POST', '/api/dev/clock', { offsetDays: 31 });
    expect(moved.statusCode, moved.body).toBe(200);
    try {
      const after = (await send(as('coordinator'), 'GET', '/api/coaching/alerts')).json();
      const late = after.filter((a: { kind: string }) => a.kind === 'no_meeting');
      expect(late.length).toBeGreaterThanOrEqual(2);
      expect(late.every((a: { days: number }) => a.days >= 31)).toBe(true);
      expect((await send(as('coordinator'), 'POST', '/api/dev/clock', { offsetDays: 0 })).statusCode).toBe(
        403,
      );
    } finally {
      await send(as('admin'), 'POST', '/api/dev/clock', { offsetDays: 0 });
    }
  });

  it('links a supporter, ends a trajectory with both evaluations, and clears the notes two years later', async () => {
    const mine = (await send(as('dutchCoach'), 'GET', '/api/coaching/me')).json().families[0].id as string;
    const supporter = await buildVolunteer(t.database, tenant.id, { wantsCoaching: false });
    const linked = await send(as('coordinator'), 'POST', `/api/coaching/trajectories/${mine}/supporters`, {
      volunteerId: supporter.id,
      help: 'rit naar de voetbaltraining',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(
      (await send(as('dutchCoach'), 'POST', `/api/coaching/trajectories/${mine}/end`, {})).statusCode,
    ).toBe(403);
    await refused(
      () =>
        send(as('coordinator'), 'POST', `/api/coaching/trajectories/${mine}/end`, {
          endedOn: addDays(today(), 2),
          reason: 'x',
          familyEvaluation: 'x',
          coachEvaluation: 'x',
        }),
      400,
      'endedOn',
    );
    const ended = await send(as('coordinator'), 'POST', `/api/coaching/trajectories/${mine}/end`, {
      endedOn: today(),
      reason: 'Het gezin verhuist naar Hasselt.',
      familyEvaluation: 'We kennen nu meer mensen in de buurt.',
      coachEvaluation: 'Een fijne tijd; Sarah vond zelf de weg naar de bib.',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const detail = (await send(as('dutchCoach'), 'GET', `/api/coaching/trajectories/${mine}`)).json();
    expect(detail).toMatchObject({ status: 'ended', supporters: [{ help: 'rit naar de voetbaltraining' }] });
    expect(detail.end.familyEvaluation).toBe('We kennen nu meer mensen in de buurt.');
    // The coach keeps their record of the coaching, not the family's address and phone.
    expect(detail.family).toMatchObject({ address: null, phone: null });
    const kept = (await send(as('coordinator'), 'GET', `/api/coaching/trajectories/${mine}`)).json();
    expect(kept.family.address).toEqual(expect.any(String));
    const meeting = await send(as('dutchCoach'), 'POST', `/api/coaching/trajectories/${mine}/meetings`, {
      heldOn: today(),
      kind: 'phone',
      minutes: 15,
    });
    expect(meeting.statusCode).toBe(409);

    const log = { info() {}, warn() {}, error() {} } as unknown as Parameters<typeof runRetentionSweep>[2];
    const later = new Date(Date.now() + 800 * 86_400_000);
    const results = await runRetentionSweep(t.database, tenant.id, log, later, coachingRetentionRules);
    expect(results.find((r) => r.rule === 'coaching.ended_trajectories')?.removed).toBe(1);
    const cleared = (await send(as('coordinator'), 'GET', `/api/coaching/trajectories/${mine}`)).json();
    expect(cleared.end.familyEvaluation).toBeNull();
  });

  it('gives the steering group aggregates only, with numbers under 5 hidden', async () => {
    await accept(await refer('referrer', { familyName: 'Wouters', languages: ['nl'] }));
    const dashboard = await send(as('steering'), 'GET', '/api/coaching/dashboard');
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    const body = dashboard.json();
    const pilot = body.cohorts.find((c: { name: string }) => c.name === 'Pilot');
    expect(pilot).toMatchObject({ size: 20, families: 5, active: null, ended: null });
    expect(body.smallNumber).toBe(5);
    expect(dashboard.body).not.toContain('Yılmaz');
    for (const url of [
      '/api/coaching/referrals',
      '/api/coaching/trajectories',
      '/api/coaching/programmes',
      '/api/coaching/alerts',
      '/api/coaching/me',
    ]) {
      expect((await send(as('steering'), 'GET', url)).statusCode, url).toBe(403);
    }
  });

  it('refuses a cohort beyond the programme, saying how many families still fit', async () => {
    // 200 places, 170 in the Pilot and the second group: 29 more leave room for one family.
    const url = `/api/coaching/programmes/${programme.id}/cohorts`;
    const third = await send(as('coordinator'), 'POST', url, {
      name: 'Derde',
      size: 29,
      startsOn: '2026-09-01',
    });
    expect(third.statusCode, third.body).toBe(201);
    const tooBig = await send(as('coordinator'), 'POST', url, {
      name: 'Vierde',
      size: 2,
      startsOn: '2026-09-01',
    });
    expect(tooBig.statusCode).toBe(409);
    expect(tooBig.json().error.message).toBe('size: the programme has room for 1 more family');
  });
});
