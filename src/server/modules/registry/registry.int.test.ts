import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  rect,
  type SignedIn,
  signIn,
  winterslag as winterslagArea,
} from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import { makeNationalNumber } from '../../../shared/national-number.ts';
import type { Role } from '../../../shared/permissions.ts';
import { setClockOffsetDays, today } from '../../clock.ts';
import { rowsOf } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { runRetentionSweep } from '../../jobs/retention.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { mayAct } from './consent.service.ts';
import { findPersonByNationalNumber } from './persons.service.ts';
import { createNeighbourhood } from './registry.service.ts';
import { registryRetentionRules } from './rights.service.ts';

const silentLog = { info() {}, error() {}, warn() {} } as never;

describe.each(targets)('residents and households on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  const users = new Map<Role, { id: string; session: SignedIn }>();
  let winterslag: string;
  let waterschei: string;

  const as = (role: Role) => users.get(role)!.session;
  const call = (
    role: Role,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers:
        body === undefined ? as(role).headers : { ...as(role).headers, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const csv = (role: Role, url: string, text: string | Uint8Array) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...as(role).headers, 'content-type': 'text/csv' },
      payload: typeof text === 'string' ? text : Buffer.from(text),
    });

  async function newAddress(street: string, number: string, lon?: number, lat?: number) {
    const response = await call('social_worker', 'POST', '/api/addresses', {
      street,
      houseNumber: number,
      postcode: '3600',
      municipality: 'Genk',
      ...(lon === undefined ? {} : { lon, lat }),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  }

  async function newHousehold(name: string, addressId?: string) {
    const response = await call('social_worker', 'POST', '/api/households', { name, addressId });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  async function newPerson(body: Record<string, unknown>) {
    const response = await call('social_worker', 'POST', '/api/persons', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    const roles: Role[] = [
      'admin',
      'coordinator',
      'social_worker',
      'neighbourhood_manager',
      'home_visitor',
      'volunteer',
      'coach',
    ];
    for (const role of roles) {
      const user = await buildUser(t.database, tenant.id, [role]);
      users.set(role, { id: user.id, session: await signIn(app, tenant.slug, user.email) });
    }
    await t.database.inTenant(tenant.id, async (tx) => {
      winterslag = await createNeighbourhood(tx, tenant.id, winterslagArea);
      waterschei = await createNeighbourhood(tx, tenant.id, {
        code: 'waterschei',
        name: 'Waterschei',
        isFocus: false,
        outline: rect(5.5, 50.98, 5.55, 51.01),
      });
    });
    const manage = await call('admin', 'PATCH', `/api/neighbourhoods/${winterslag}`, {
      managerUserId: users.get('neighbourhood_manager')!.id,
    });
    expect(manage.statusCode, manage.body).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('keeps persons, households and addresses, and derives the neighbourhood from the coordinates', async () => {
    const address = await newAddress('Stalenstraat', '12', 5.47, 50.96);
    expect(address).toMatchObject({ neighbourhoodId: winterslag, neighbourhoodName: 'Winterslag' });
    const again = await call('social_worker', 'POST', '/api/addresses', {
      street: 'stalenstraat',
      houseNumber: '12',
      postcode: '3600',
      municipality: 'Genk',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(address.id);

    const household = await newHousehold('Öztürk', address.id);
    const mother = await newPerson({
      givenName: 'Ayşe',
      familyName: 'Öztürk',
      birthDate: '1988-03-14',
      languages: ['tr', 'nl'],
      preferredLanguage: 'tr',
      contacts: [{ channel: 'phone', value: '+32 470 12 34 56' }],
      contactPreferences: ['phone', 'home_visit'],
      nationalNumber: makeNationalNumber('1988-03-14', 42),
      household: { id: household, relation: 'reference_person' },
    });
    const child = await newPerson({
      givenName: 'Elif',
      familyName: 'Öztürk',
      birthDate: '2021-06-01',
      household: { id: household, relation: 'child' },
    });

    const page = await call('social_worker', 'GET', `/api/persons/${mother}?purpose=case_work`);
    expect(page.statusCode, page.body).toBe(200);
    const detail = page.json();
    expect(detail.person).toMatchObject({
      givenName: 'Ayşe',
      familyName: 'Öztürk',
      preferredLanguage: 'tr',
      languages: ['tr', 'nl'],
      hasNationalNumber: true,
      neighbourhoodName: 'Winterslag',
      address: 'Stalenstraat 12, 3600 Genk',
    });
    expect(detail.households).toEqual([
      { householdId: household, householdName: 'Öztürk', relation: 'reference_person' },
    ]);

    const rectified = await call('social_worker', 'PATCH', `/api/persons/${mother}`, {
      otherNames: 'Nur',
      contactPreferences: ['home_visit'],
    });
    expect(rectified.statusCode, rectified.body).toBe(200);
    expect(rectified.json().otherNames).toBe('Nur');

    const home = await call('social_worker', 'GET', `/api/households/${household}?purpose=case_work`);
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().household).toMatchObject({ name: 'Öztürk', neighbourhoodName: 'Winterslag' });
    const members = home.json().members as { id: string; relation: string; age: number }[];
    expect(members.map((m) => [m.id, m.relation])).toEqual([
      [mother, 'reference_person'],
      [child, 'child'],
    ]);
    expect(members[1]!.age).toBeGreaterThanOrEqual(4);

    // The national number is kept only as a keyed hash.
    const stored = await t.database.inTenant(tenant.id, async (tx) =>
      rowsOf<Record<string, unknown>>(await tx.execute(sql`select * from persons where id = ${mother}`)),
    );
    expect(JSON.stringify(stored)).not.toContain(makeNationalNumber('1988-03-14', 42));
    // Other modules link on the number through the hash.
    const linked = await t.database.inTenant(tenant.id, (tx) =>
      findPersonByNationalNumber(tx, tenant.id, makeNationalNumber('1988-03-14', 42)),
    );
    expect(linked).toBe(mother);
    const sameNumber = await call('social_worker', 'POST', '/api/persons', {
      givenName: 'Someone',
      familyName: 'Else',
      nationalNumber: makeNationalNumber('1988-03-14', 42),
      confirmNotDuplicate: true,
    });
    expect(sameNumber.statusCode).toBe(409);
    expect(sameNumber.json().error.details.candidates[0]).toMatchObject({
      id: mother,
      reason: 'same_national_number',
    });
  });

  it('refuses impossible and future dates, unknown postcodes and wrong national numbers', async () => {
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, field] of [
      [{ givenName: 'A', familyName: 'B', birthDate: '2023-02-30' }, 'birthDate'],
      [{ givenName: 'A', familyName: 'B', birthDate: future }, 'birthDate'],
      [{ givenName: 'A', familyName: 'B', nationalNumber: '85073003327' }, 'nationalNumber'],
    ] as const) {
      const response = await call('social_worker', 'POST', '/api/persons', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const postcode = await call('social_worker', 'POST', '/api/addresses', {
      street: 'Weg',
      houseNumber: '1',
      postcode: '0999',
      municipality: 'Nergens',
    });
    expect(postcode.statusCode).toBe(400);
  });

  it('lets a withdrawn consent take effect everywhere', async () => {
    const person = await newPerson({ givenName: 'Marco', familyName: 'Rossi', birthDate: '1970-01-05' });
    const check = () =>
      t.database.inTenant(tenant.id, (tx) => mayAct(tx, tenant.id, person, 'help_matching'));
    expect(await check()).toBe(false);
    const given = await call('home_visitor', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'help_matching',
      status: 'given',
      method: 'verbal',
    });
    // A home visitor records consents only for persons their work links them to.
    expect(given.statusCode).toBe(404);
    const recorded = await call('social_worker', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'help_matching',
      status: 'given',
      method: 'signed_form',
      at: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(await check()).toBe(true);
    const withdrawn = await call('social_worker', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'help_matching',
      status: 'withdrawn',
      method: 'verbal',
    });
    expect(withdrawn.statusCode).toBe(201);
    expect(await check()).toBe(false);
    expect(await t.database.inTenant(tenant.id, (tx) => mayAct(tx, tenant.id, person, 'outreach'))).toBe(
      false,
    );
  });

  it('shows each role only the timeline entries it may see, and only the persons its work links it to', async () => {
    const person = await newPerson({
      givenName: 'Giorgos',
      familyName: 'Papadopoulos',
      birthDate: '1955-09-09',
    });
    for (const [visibility, summary] of [
      ['general', 'Visit planned'],
      ['staff', 'Asked about the energy bill'],
      ['welfare', 'Talked about debts'],
    ] as const) {
      const response = await call('social_worker', 'POST', `/api/persons/${person}/timeline`, {
        channel: 'home_visit',
        purpose: 'outreach',
        summary,
        visibility,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    // A volunteer sees a need, not a file: no person opens to them, and no grant can change that.
    const volunteerBefore = await call('volunteer', 'GET', `/api/persons/${person}?purpose=help_matching`);
    expect(volunteerBefore.statusCode).toBe(403);
    const refused = await call('coordinator', 'POST', '/api/access-grants', {
      personId: person,
      userId: users.get('volunteer')!.id,
      reason: 'matched for help with errands',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('userId');
    const grant = await call('coordinator', 'POST', '/api/access-grants', {
      personId: person,
      userId: users.get('home_visitor')!.id,
      reason: 'home visit about the energy bill',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const seen = async (role: Role) => {
      const response = await call(role, 'GET', `/api/persons/${person}?purpose=home_visit`);
      expect(response.statusCode, response.body).toBe(200);
      return response
        .json()
        .timeline.map((e: { summary: string }) => e.summary)
        .sort();
    };
    expect(await seen('home_visitor')).toEqual(['Asked about the energy bill', 'Visit planned']);
    expect(await seen('social_worker')).toEqual([
      'Asked about the energy bill',
      'Talked about debts',
      'Visit planned',
    ]);
    expect(await seen('coordinator')).toEqual(['Asked about the energy bill', 'Visit planned']);
    // A coach, a volunteer too, opens no file: their trajectory carries what they need.
    expect((await call('coach', 'GET', `/api/persons/${person}?purpose=coaching`)).statusCode).toBe(403);
    const toCoach = await call('coordinator', 'POST', '/api/access-grants', {
      personId: person,
      userId: users.get('coach')!.id,
      reason: 'family coach',
    });
    expect(toCoach.statusCode).toBe(400);
    expect(toCoach.json().error.details[0].field).toBe('userId');
    const search = await call('home_visitor', 'GET', '/api/persons?q=papadopoulos');
    expect(search.json().map((p: { id: string }) => p.id)).toEqual([person]);
    expect((await call('volunteer', 'GET', '/api/persons?q=papadopoulos')).statusCode).toBe(403);
    expect((await call('coach', 'GET', '/api/persons?q=papadopoulos')).statusCode).toBe(403);
  });

  it("ends an access grant after its last day in Genk, by the server's clock", async () => {
    const person = await newPerson({ givenName: 'Ilse', familyName: 'Vandeput', birthDate: '1964-03-02' });
    const grant = await call('coordinator', 'POST', '/api/access-grants', {
      personId: person,
      userId: users.get('home_visitor')!.id,
      reason: 'home visit this week',
      until: today(),
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const open = () => call('home_visitor', 'GET', `/api/persons/${person}?purpose=home_visit`);
    expect((await open()).statusCode).toBe(200);
    // The last day is the city's: tomorrow on the server's clock the grant no longer opens the file,
    // whatever day the database's own clock says it is.
    setClockOffsetDays(1);
    try {
      expect((await open()).statusCode).toBe(404);
    } finally {
      setClockOffsetDays(0);
    }
    expect((await open()).statusCode).toBe(200);
  });

  it('lets a neighbourhood manager work with the households of their neighbourhoods only', async () => {
    const inside = await newHousehold('Kaya', (await newAddress('Noordlaan', '5', 5.46, 50.97)).id);
    const outside = await newHousehold('Peeters', (await newAddress('Zuidlaan', '9', 5.52, 50.99)).id);
    const kaya = await newPerson({
      givenName: 'Mehmet',
      familyName: 'Kaya',
      household: { id: inside, relation: 'reference_person' },
    });
    const peeters = await newPerson({
      givenName: 'Jan',
      familyName: 'Peeters',
      household: { id: outside, relation: 'reference_person' },
    });
    expect(
      (await call('neighbourhood_manager', 'GET', `/api/persons/${kaya}?purpose=contact`)).statusCode,
    ).toBe(200);
    expect(
      (await call('neighbourhood_manager', 'GET', `/api/persons/${peeters}?purpose=contact`)).statusCode,
    ).toBe(404);
    expect(
      (await call('neighbourhood_manager', 'GET', `/api/households/${outside}?purpose=contact`)).statusCode,
    ).toBe(404);
    const list = await call(
      'neighbourhood_manager',
      'GET',
      `/api/persons?neighbourhoodId=${winterslag}&limit=100`,
    );
    const ids = list.json().map((p: { id: string }) => p.id);
    expect(ids).toContain(kaya);
    expect(ids).not.toContain(peeters);
    expect(
      (await call('neighbourhood_manager', 'GET', `/api/persons?neighbourhoodId=${waterschei}`)).json(),
    ).toEqual([]);
  });

  it('finds "Öztürk" by "ozturk", "OZTURK", a small typo, the street and the phone number', async () => {
    const find = async (q: string) => {
      const response = await call('coordinator', 'GET', `/api/persons?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { givenName: string; familyName: string; score: number }[];
    };
    for (const q of [
      'ozturk',
      'Oztürk',
      'ÖZTÜRK',
      'oztruk',
      'ayse ozt',
      'Stalenstraat 12',
      '0470 12 34 56',
      '+32470123456',
    ]) {
      const names = (await find(q)).map((p) => `${p.givenName} ${p.familyName}`);
      expect(names, q).toContain('Ayşe Öztürk');
    }
    expect((await find('ozturk'))[0]!.familyName).toBe('Öztürk');
    expect(await find('zzzzqqq')).toEqual([]);
    const streets = await call('coordinator', 'GET', '/api/addresses?q=stalenstr');
    expect(streets.json().map((a: { street: string }) => a.street)).toContain('Stalenstraat');
  });

  it('never finds another municipality’s residents, and the search functions see nothing without a tenant', async () => {
    const other = await buildTenant(t.database, 'As');
    const worker = await buildUser(t.database, other.id, ['social_worker']);
    const session = await signIn(app, other.slug, worker.email);
    const created = await app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { ...session.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        givenName: 'Ayşe',
        familyName: 'Öztürk',
        contacts: [{ channel: 'phone', value: '0470123456' }],
      }),
    });
    expect(created.statusCode).toBe(201);
    const theirs = created.json().id;
    for (const q of ['ozturk', '0470123456']) {
      const ours = await call('coordinator', 'GET', `/api/persons?q=${q}`);
      expect(ours.json().map((p: { id: string }) => p.id)).not.toContain(theirs);
    }
    const unscoped = await t.database.db.transaction(async (tx) =>
      rowsOf(
        await tx.execute(sql`select * from search_person_names('ozturk', '%ozturk%', 'ozturk%', '% ozturk%', 10)
          union all select id, 1 from search_person_phones('%0470%', 10)
          union all select * from search_address_ids('stalenstraat', '%stalenstraat%', 10)`),
      ),
    );
    expect(unscoped).toEqual([]);
  });

  it('warns about a likely duplicate, and a merge moves every link to the kept person', async () => {
    const address = await newAddress('Hoevenzavelstraat', '3', 5.47, 50.955);
    const household = await newHousehold('El Amrani', address.id);
    const kept = await newPerson({
      givenName: 'Fatima',
      familyName: 'El Amrani',
      birthDate: '1979-11-02',
      languages: ['ar'],
      household: { id: household, relation: 'reference_person' },
    });
    const again = await call('social_worker', 'POST', '/api/persons', {
      givenName: 'FATIMA',
      familyName: 'el amrani',
      birthDate: '1979-11-02',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({
      reason: 'possible_duplicate',
      candidates: [{ id: kept, reason: 'same_name_and_birth_date' }],
    });
    const sameAddress = await call('social_worker', 'POST', '/api/persons', {
      givenName: 'Fatima',
      familyName: 'El-Amrani',
      household: { id: household, relation: 'other' },
    });
    expect(sameAddress.statusCode).toBe(409);
    expect(sameAddress.json().error.details.candidates[0].reason).toBe('same_name_and_address');

    const duplicate = await newPerson({
      givenName: 'Fatima',
      familyName: 'El Amrani',
      birthDate: '1979-11-02',
      languages: ['fr'],
      contacts: [{ channel: 'phone', value: '089 11 22 33' }],
      confirmNotDuplicate: true,
    });
    const otherHousehold = await newHousehold('El Amrani (2)');
    await call('social_worker', 'PUT', `/api/households/${otherHousehold}/members`, {
      members: [{ personId: duplicate, relation: 'reference_person' }],
    });
    await call('social_worker', 'PUT', `/api/households/${household}/members`, {
      members: [
        { personId: kept, relation: 'reference_person' },
        { personId: duplicate, relation: 'partner' },
      ],
    });
    await call('social_worker', 'POST', `/api/persons/${duplicate}/consents`, {
      purpose: 'contact',
      status: 'given',
      method: 'online',
    });
    await call('social_worker', 'POST', `/api/persons/${duplicate}/timeline`, {
      channel: 'counter',
      purpose: 'question',
      summary: 'Asked about school costs',
    });
    await call('coordinator', 'POST', '/api/legal-holds', {
      personId: duplicate,
      module: 'signals',
      reason: 'open file',
    });
    await call('coordinator', 'POST', '/api/access-grants', {
      personId: duplicate,
      userId: users.get('home_visitor')!.id,
      reason: 'home visit',
    });

    const merged = await call('coordinator', 'POST', `/api/persons/${kept}/merge`, {
      duplicateId: duplicate,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({
      householdMembers: 1,
      consents: 1,
      timelineEntries: 1,
      legalHolds: 1,
      accessGrants: 1,
    });
    expect(
      (await call('coordinator', 'GET', `/api/persons/${duplicate}?purpose=data_quality`)).statusCode,
    ).toBe(404);
    const page = (await call('social_worker', 'GET', `/api/persons/${kept}?purpose=data_quality`)).json();
    expect(page.person.languages.sort()).toEqual(['ar', 'fr']);
    expect(page.person.contacts).toHaveLength(1);
    expect(page.households.map((h: { householdName: string }) => h.householdName).sort()).toEqual([
      'El Amrani',
      'El Amrani (2)',
    ]);
    expect(page.consents).toHaveLength(1);
    expect(page.timeline.map((e: { summary: string }) => e.summary)).toContain('Asked about school costs');
    expect(page.legalHolds).toHaveLength(1);
    expect((await call('home_visitor', 'GET', `/api/persons/${kept}?purpose=home_visit`)).statusCode).toBe(
      200,
    );

    const dangling = await t.database.inTenant(tenant.id, async (tx) => {
      const counts: Record<string, number> = {};
      for (const table of [
        'household_members',
        'consents',
        'timeline_entries',
        'legal_holds',
        'person_access_grants',
      ]) {
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(
            sql`select count(*)::int as n from ${sql.raw(table)} where person_id = ${duplicate}`,
          ),
        );
        counts[table] = row!.n;
      }
      return counts;
    });
    expect(Object.values(dangling)).toEqual([0, 0, 0, 0, 0]);
    const audit = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'person.merged'), eq(auditLog.recordId, kept))),
    );
    expect(audit[0]!.details).toMatchObject({ removedId: duplicate });
  });

  it('logs every opening of a person page with its purpose, and needs one', async () => {
    const person = await newPerson({ givenName: 'Wojciech', familyName: 'Nowak' });
    const without = await call('social_worker', 'GET', `/api/persons/${person}`);
    expect(without.statusCode).toBe(400);
    await call('social_worker', 'GET', `/api/persons/${person}?purpose=contact`);
    const reads = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'person.read'), eq(auditLog.recordId, person))),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ purpose: 'contact', actorId: users.get('social_worker')!.id });
  });

  it('refuses a purpose the role may not give, and then logs and shows nothing of the file', async () => {
    const address = await newAddress('Hoevenzavellaan', '40', 5.47, 50.96);
    const household = await newHousehold('Janssens', address.id);
    const person = await newPerson({ givenName: 'Marleen', familyName: 'Janssens', birthDate: '1971-06-21' });
    const put = await call('social_worker', 'PUT', `/api/households/${household}/members`, {
      members: [{ personId: person, relation: 'reference_person' }],
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const grant = await call('coordinator', 'POST', '/api/access-grants', {
      personId: person,
      userId: users.get('home_visitor')!.id,
      reason: 'home visit next week',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const reads = (action: string, id: string) =>
      t.database.inTenant(tenant.id, (tx) =>
        tx
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, action), eq(auditLog.recordId, id))),
      );

    // A home visitor comes for a visit; checking the data or a resident's request about it is not theirs.
    for (const purpose of ['data_quality', 'residents_rights', 'coaching', 'case_work']) {
      const refused = await call('home_visitor', 'GET', `/api/persons/${person}?purpose=${purpose}`);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ in: 'querystring', field: 'purpose' }],
      });
      expect(refused.body).not.toContain('Janssens');
    }
    const refusedHousehold = await call(
      'home_visitor',
      'GET',
      `/api/households/${household}?purpose=data_quality`,
    );
    expect(refusedHousehold.statusCode, refusedHousehold.body).toBe(400);
    expect(refusedHousehold.json().error.details[0].field).toBe('purpose');
    expect(refusedHousehold.body).not.toContain('Janssens');
    // Nor may a neighbourhood manager open a household for the resident's rights.
    const byManager = await call(
      'neighbourhood_manager',
      'GET',
      `/api/households/${household}?purpose=residents_rights`,
    );
    expect(byManager.statusCode, byManager.body).toBe(400);
    expect(await reads('person.read', person)).toHaveLength(0);
    expect(await reads('household.read', household)).toHaveLength(0);

    // With a purpose that fits, the same file opens and the reading is logged.
    const visit = await call('home_visitor', 'GET', `/api/persons/${person}?purpose=home_visit`);
    expect(visit.statusCode, visit.body).toBe(200);
    expect(visit.json().person.familyName).toBe('Janssens');
    const rights = await call('social_worker', 'GET', `/api/persons/${person}?purpose=residents_rights`);
    expect(rights.statusCode, rights.body).toBe(200);
    const home = await call('social_worker', 'GET', `/api/households/${household}?purpose=residents_rights`);
    expect(home.statusCode, home.body).toBe(200);
    const logged = (await reads('person.read', person)).map((r) => [r.actorId, r.purpose]);
    expect(logged.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [users.get('home_visitor')!.id, 'home_visit'],
      [users.get('social_worker')!.id, 'residents_rights'],
    ]);
    expect((await reads('household.read', household)).map((r) => r.purpose)).toEqual(['residents_rights']);
  });

  it('exports, refuses erasure under a legal hold, then anonymises and erases', async () => {
    const person = await newPerson({
      givenName: 'Lucía',
      familyName: 'García <b>López</b>',
      birthDate: '1992-04-20',
      contacts: [{ channel: 'email', value: 'lucia@example.org' }],
    });
    await call('social_worker', 'POST', `/api/persons/${person}/timeline`, {
      channel: 'phone',
      purpose: 'question',
      summary: 'Asked about a laptop for school',
      visibility: 'welfare',
    });
    const json = await call('coordinator', 'GET', `/api/persons/${person}/export`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().person.familyName).toBe('García <b>López</b>');
    // The export holds every entry, whatever the reader's level: it is for the person.
    expect(json.json().timeline.map((e: { summary: string }) => e.summary)).toEqual([
      'Asked about a laptop for school',
    ]);
    // In English when asked; in the reader's Dutch otherwise (Lucía gave no preferred language).
    const html = await call('coordinator', 'GET', `/api/persons/${person}/export.html?lang=en`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<html lang="en">');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('García &lt;b&gt;López&lt;/b&gt;');
    expect(html.body).not.toMatch(/<script|style=|on\w+=/i);
    // Who opened or changed the record, in the page's words rather than the trail's keys.
    const accessLog = html.body.split('<h2>Who opened or changed your record</h2>')[1]!.split('<h2>')[0]!;
    expect(accessLog).toContain('<td>Person added</td>');
    expect(accessLog).toContain('<td>Contact moment noted</td>');
    expect(accessLog).toContain(
      '<td>Overview of all data made</td><td>The resident&#39;s request about their data</td>',
    );
    expect(accessLog).not.toMatch(/person\.|timeline\.|residents_rights/);

    const dutch = await call('coordinator', 'GET', `/api/persons/${person}/export.html`);
    expect(dutch.statusCode).toBe(200);
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('<h1>Je gegevens bij');
    const dutchLog = dutch.body.split('<h2>Wie je dossier opende of wijzigde</h2>')[1]!.split('<h2>')[0]!;
    expect(dutchLog).toContain('<td>Persoon toegevoegd</td>');
    expect(dutchLog).toContain(
      '<td>Overzicht van alle gegevens gemaakt</td><td>Vraag van de inwoner over zijn of haar gegevens</td>',
    );
    // Codes in words: the birth date, the e-mail channel and the moment's channel in Dutch.
    expect(dutch.body).toContain('<dd>20 april 1992</dd>');
    expect(dutch.body).toContain('<dd>E-mail: lucia@example.org</dd>');
    expect(dutch.body).toMatch(/<td>Telefoon<\/td>/);
    expect(dutch.body).toMatch(/href="\?lang=fr" hreflang="fr" lang="fr">français</);
    const french = await call('coordinator', 'GET', `/api/persons/${person}/export.html?lang=fr`);
    expect(french.body).toContain('<h1>Vos données chez');
    expect(french.body).toContain('<td>Personne ajoutée</td>');
    expect((await call('coordinator', 'GET', `/api/persons/${person}/export.html?lang=de`)).statusCode).toBe(
      400,
    );

    const hold = await call('coordinator', 'POST', '/api/legal-holds', {
      personId: person,
      module: 'resources',
      reason: 'purchasing card accounts must be kept',
    });
    expect(hold.statusCode).toBe(201);
    const refused = await call('coordinator', 'POST', `/api/persons/${person}/anonymise`, {
      reason: 'request of the person',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({
      reason: 'legal_hold',
      holds: [{ module: 'resources' }],
    });
    expect(
      (await call('coordinator', 'DELETE', `/api/persons/${person}`, { reason: 'request' })).statusCode,
    ).toBe(409);
    expect((await call('coordinator', 'DELETE', `/api/legal-holds/${hold.json().id}`)).statusCode).toBe(200);

    const anonymised = await call('coordinator', 'POST', `/api/persons/${person}/anonymise`, {
      reason: 'request of the person',
    });
    expect(anonymised.statusCode, anonymised.body).toBe(200);
    const after = (
      await call('social_worker', 'GET', `/api/persons/${person}?purpose=residents_rights`)
    ).json();
    expect(after.person).toMatchObject({
      givenName: '',
      familyName: '',
      anonymised: true,
      birthDate: null,
      contacts: [],
    });
    expect(after.timeline[0].summary).toBe('');
    expect((await call('coordinator', 'GET', '/api/persons?q=garcia')).json()).toEqual([]);

    const other = await newPerson({ givenName: 'Anna', familyName: 'Kowalska' });
    await call('social_worker', 'POST', `/api/persons/${other}/consents`, {
      purpose: 'contact',
      status: 'given',
      method: 'verbal',
    });
    const erased = await call('coordinator', 'DELETE', `/api/persons/${other}`, {
      reason: 'registered by mistake',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const left = await t.database.inTenant(tenant.id, async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(sql`select (select count(*) from persons where id = ${other})
          + (select count(*) from consents where person_id = ${other}) as n`),
      ),
    );
    expect(Number(left[0]!.n)).toBe(0);
    const actions = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.recordId, person)),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'person.exported',
        'legal_hold.added',
        'legal_hold.lifted',
        'person.anonymised',
      ]),
    );

    // A year on, the retention sweep removes the contact moments of the anonymised person.
    const swept = await runRetentionSweep(
      t.database,
      tenant.id,
      silentLog,
      new Date(Date.now() + 400 * 86_400_000),
      registryRetentionRules,
    );
    expect(
      swept.find((r) => r.rule === 'registry.timeline_of_anonymised_persons')!.removed,
    ).toBeGreaterThanOrEqual(1);
  });

  it('removes withdrawn consents after five years, and mayAct stays false', async () => {
    const person = await newPerson({ givenName: 'Maria', familyName: 'Esposito' });
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    await call('social_worker', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'outreach',
      status: 'given',
      method: 'verbal',
      at: at(2200),
    });
    await call('social_worker', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'outreach',
      status: 'withdrawn',
      method: 'verbal',
      at: at(1900),
    });
    await call('social_worker', 'POST', `/api/persons/${person}/consents`, {
      purpose: 'contact',
      status: 'given',
      method: 'verbal',
      at: at(2200),
    });
    const swept = await runRetentionSweep(
      t.database,
      tenant.id,
      silentLog,
      new Date(),
      registryRetentionRules,
    );
    expect(swept.find((r) => r.rule === 'registry.withdrawn_consents')!.removed).toBe(2);
    const page = (await call('social_worker', 'GET', `/api/persons/${person}?purpose=data_quality`)).json();
    expect(page.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['contact']);
    expect(await t.database.inTenant(tenant.id, (tx) => mayAct(tx, tenant.id, person, 'outreach'))).toBe(
      false,
    );
  });

  it('previews, imports once, and refuses a file with a bad row without saving any of it', async () => {
    const header = 'straatnaam;huisnummer;busnummer;postcode;gemeentenaam;x;y';
    const good = [
      header,
      'Molenstraat;1;;3600;Genk;228000;185000',
      'Molenstraat;1;A;3600;Genk;228010;185010',
      'Molenstraat;2;;3600;Genk;;',
      'Vennestraat;10;;3600;Genk;231000;182000',
    ].join('\r\n');
    const preview = await csv('admin', '/api/address-imports/preview', good);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      rows: 4,
      valid: 4,
      existing: 0,
      errors: [],
      separator: ';',
      coordinateSystem: 'lambert72',
    });
    const count = async () =>
      t.database.inTenant(tenant.id, async (tx) =>
        Number(
          rowsOf<{ n: number }>(
            await tx.execute(
              sql`select count(*) as n from addresses where street = 'Molenstraat' or street = 'Vennestraat'`,
            ),
          )[0]!.n,
        ),
      );
    expect(await count()).toBe(0);

    const waitFor = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const response = await call('coordinator', 'GET', `/api/address-imports/${id}`);
        expect(response.statusCode).toBe(200);
        if (response.json().status !== 'running') return response.json();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('import did not finish');
    };
    const first = await csv('coordinator', '/api/address-imports?fileName=genk.csv', good);
    expect(first.statusCode, first.body).toBe(202);
    expect(await waitFor(first.json().id)).toMatchObject({
      status: 'done',
      totalRows: 4,
      insertedRows: 4,
      existingRows: 0,
    });
    expect(await count()).toBe(4);
    const second = await csv('coordinator', '/api/address-imports', good);
    expect(await waitFor(second.json().id)).toMatchObject({
      status: 'done',
      insertedRows: 0,
      existingRows: 4,
    });
    expect(await count()).toBe(4);
    expect((await csv('admin', '/api/address-imports/preview', good)).json().existing).toBe(4);

    const bad = `${header}\nKerkstraat;1;;3600;Genk;228000;185000\nKerkstraat;2;;3600;Genk;5;5\nKerkstraat;1;;3600;Genk;;\n`;
    const refused = await csv('coordinator', '/api/address-imports', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      {
        row: 3,
        field: 'x/y',
        code: 'coordinate_outside_belgium',
        params: {},
        reason: 'the coordinate lies outside Belgium',
      },
      {
        row: 4,
        field: 'row',
        code: 'same_address',
        params: { line: 2 },
        reason: 'the same address as line 2',
      },
    ]);
    const kerkstraat = await t.database.inTenant(tenant.id, async (tx) =>
      rowsOf(await tx.execute(sql`select 1 from addresses where street = 'Kerkstraat'`)),
    );
    expect(kerkstraat).toEqual([]);
    const wrongSeparator = await csv(
      'coordinator',
      '/api/address-imports/preview',
      'straatnaam|huisnummer\nA|1',
    );
    expect(wrongSeparator.json().errors[0]).toMatchObject({
      row: 0,
      field: 'separator',
      code: 'wrong_separator',
      params: {},
    });
    const windows = Uint8Array.from(
      [...`${header}\nRue de l'Église;3;;3600;Genk;;\n`].map((c) => c.charCodeAt(0)),
    );
    expect((await csv('admin', '/api/address-imports/preview', windows)).json()).toMatchObject({
      encoding: 'windows-1252',
      valid: 1,
    });
    const json = await call('coordinator', 'POST', '/api/address-imports', { street: 'x' });
    expect(json.statusCode).toBe(400);
  });
});
