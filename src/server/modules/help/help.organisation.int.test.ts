import { readFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  buildWinterslag,
  type SignedIn,
  TEST_PASSWORD,
} from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import { brusselsWeekday } from '../../../shared/brussels.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { App } from '../../http/app.ts';
import { helpNeeds } from './help.tables.ts';

/** A partner's request belongs to the organisation it was posted for, not to the poster's membership today. */
describe.each(targets)('Genk Helpt posting organisation on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let area: string;
  let coordinator: SignedIn;
  let address = 0;

  const send = (session: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        ...session.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Signs in from an address of its own, so the sign-in rate limit does not decide the tests. */
  async function account(roles: Role[]) {
    const user = await buildUser(t.database, tenant.id, roles);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: tenant.slug, email: user.email, password: TEST_PASSWORD },
      remoteAddress: `10.0.7.${++address}`,
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = [login.headers['set-cookie']].flat()[0]!.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const csrf = me.json().csrfToken as string;
    return { id: user.id, session: { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } } as SignedIn };
  }
  async function organisation(name: string, members: string[]) {
    const created = await send(coordinator, 'POST', '/api/signals/partners', {
      name,
      kind: 'other',
      memberUserIds: members,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }
  const setMembers = async (organisationId: string, members: string[]) => {
    const changed = await send(coordinator, 'PUT', `/api/signals/partners/${organisationId}/members`, {
      memberUserIds: members,
    });
    expect(changed.statusCode, changed.body).toBe(200);
  };
  const postNeed = (session: SignedIn, extra: Record<string, unknown> = {}) =>
    send(session, 'POST', '/api/help/needs', {
      requester: { name: 'Meneer A.', phone: '089 44 44 44' },
      areaId: area,
      helpType: 'errands',
      description: 'Een rit naar de dokter',
      timing: { kind: 'moment', date: brusselsWeekday(1), start: 600, end: 660 },
      consentGiven: true,
      ...extra,
    });
  async function partnerNeed(session: SignedIn, sensitive = false, organisationId?: string) {
    const response = await postNeed(session, { sensitive, ...(organisationId ? { organisationId } : {}) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }
  const needCount = async () =>
    (await t.database.inTenant(tenant.id, (tx) => tx.select({ n: count() }).from(helpNeeds)))[0]!.n;
  const fieldsOf = (response: { json(): { error: { details: { field: string }[] } } }) =>
    response.json().error.details.map((d) => d.field);
  const detailCode = async (session: SignedIn, needId: string) =>
    (await send(session, 'GET', `/api/help/needs/${needId}`)).statusCode;
  const listed = async (session: SignedIn) =>
    ((await send(session, 'GET', '/api/help/needs')).json().needs as { id: string }[]).map((n) => n.id);
  const storedOrganisation = async (needId: string) =>
    (
      await t.database.inTenant(tenant.id, (tx) =>
        tx.select({ id: helpNeeds.postedByOrganisationId }).from(helpNeeds).where(eq(helpNeeds.id, needId)),
      )
    )[0]!.id;

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    coordinator = (await account(['coordinator'])).session;
    area = await buildWinterslag(t.database, tenant.id);
    const type = await send(coordinator, 'POST', '/api/help/types', {
      code: 'errands',
      names: { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' },
    });
    expect(type.statusCode, type.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('keeps a request with its organisation when the partner who posted it leaves', async () => {
    const [leaver, colleague, newcomer, outsider] = [
      await account(['partner']),
      await account(['partner']),
      await account(['partner']),
      await account(['partner']),
    ];
    const organisationA = await organisation('Buurtwerk A', [leaver.id, colleague.id]);
    await organisation('Jeugdwerk B', [outsider.id]);
    const needId = await partnerNeed(leaver.session);
    expect(await storedOrganisation(needId)).toBe(organisationA);

    await setMembers(organisationA, [colleague.id, newcomer.id]);
    // The organisation keeps it: the colleague and a newcomer see it; the poster who left does not,
    // not even the request they posted themselves (its family's name and phone stay with the organisation).
    expect(await detailCode(colleague.session, needId)).toBe(200);
    expect(await listed(colleague.session)).toContain(needId);
    expect(await detailCode(newcomer.session, needId)).toBe(200);
    expect(await detailCode(leaver.session, needId)).toBe(404);
    expect(await listed(leaver.session)).not.toContain(needId);
    expect(await detailCode(outsider.session, needId)).toBe(404);
    expect(await listed(outsider.session)).not.toContain(needId);

    // Joining another organisation later does not take the request along.
    await setMembers(organisationA, [colleague.id]);
    const organisationC = await organisation('Wijkhuis C', [newcomer.id]);
    expect(await detailCode(newcomer.session, needId)).toBe(404);
    expect(await storedOrganisation(needId)).not.toBe(organisationC);
  });

  it("posts for the organisation a partner in two names, and only that one's colleagues see it", async () => {
    const [poster, colleagueF, colleagueG] = [
      await account(['partner']),
      await account(['partner']),
      await account(['partner']),
    ];
    const organisationF = await organisation('Buurtwerk F', [poster.id, colleagueF.id]);
    const organisationG = await organisation('Jeugdwerk G', [poster.id, colleagueG.id]);
    // The form offers the poster's own organisations, the oldest (the default) first.
    const offered = await send(poster.session, 'GET', '/api/help/organisations');
    expect(offered.statusCode, offered.body).toBe(200);
    expect(offered.json()).toEqual([
      { id: organisationF, name: 'Buurtwerk F' },
      { id: organisationG, name: 'Jeugdwerk G' },
    ]);
    expect((await send(colleagueG.session, 'GET', '/api/help/organisations')).json()).toEqual([
      { id: organisationG, name: 'Jeugdwerk G' },
    ]);
    expect((await send(coordinator, 'GET', '/api/help/organisations')).json()).toEqual([]);

    const forG = await partnerNeed(poster.session, false, organisationG);
    expect(await storedOrganisation(forG)).toBe(organisationG);
    expect(await detailCode(colleagueG.session, forG)).toBe(200);
    expect(await listed(colleagueG.session)).toContain(forG);
    expect(await detailCode(colleagueF.session, forG)).toBe(404);
    expect(await listed(colleagueF.session)).not.toContain(forG);
    expect(await detailCode(poster.session, forG)).toBe(200);

    // Naming none posts for the oldest, as before.
    const unnamed = await partnerNeed(poster.session);
    expect(await storedOrganisation(unnamed)).toBe(organisationF);
    expect(await detailCode(colleagueF.session, unnamed)).toBe(200);
    expect(await detailCode(colleagueG.session, unnamed)).toBe(404);
  });

  it('refuses an organisation the partner is not a member of, and staff naming one, saving nothing', async () => {
    const [poster, other] = [await account(['partner']), await account(['partner'])];
    await organisation('Buurtwerk H', [poster.id]);
    const organisationI = await organisation('Jeugdwerk I', [other.id]);
    const before = await needCount();
    for (const organisationId of [organisationI, '00000000-0000-4000-8000-000000000000']) {
      const refused = await postNeed(poster.session, { organisationId });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(fieldsOf(refused)).toEqual(['organisationId']);
    }
    // A staff member posts for no partner organisation, not even one they could name.
    const byStaff = await postNeed(coordinator, { organisationId: organisationI });
    expect(byStaff.statusCode, byStaff.body).toBe(400);
    expect(fieldsOf(byStaff)).toEqual(['organisationId']);
    expect(await needCount()).toBe(before);
    expect(await listed(other.session)).toEqual([]);
  });

  it('shows a sensitive request only to the partner who posted it and staff who may match', async () => {
    const [poster, colleague] = [await account(['partner']), await account(['partner'])];
    await organisation('Buurtwerk D', [poster.id, colleague.id]);
    const sensitive = await partnerNeed(poster.session, true);
    const ordinary = await partnerNeed(poster.session);
    expect(await detailCode(poster.session, sensitive)).toBe(200);
    expect(await detailCode(colleague.session, sensitive)).toBe(404);
    expect(await detailCode(colleague.session, ordinary)).toBe(200);
    const list = await listed(colleague.session);
    expect(list).toContain(ordinary);
    expect(list).not.toContain(sensitive);
    expect(await detailCode(coordinator, sensitive)).toBe(200);
    const agent = await account(['contact_agent']);
    expect(await detailCode(agent.session, sensitive)).toBe(404);
  });

  it("fills in the organisation of requests posted before, from their poster's membership (migration 0030)", async () => {
    const [poster, colleague, loner] = [
      await account(['partner']),
      await account(['partner']),
      await account(['partner']),
    ];
    const organisationE = await organisation('Buurtwerk E', [poster.id, colleague.id]);
    const before = await partnerNeed(poster.session);
    const alone = await partnerNeed(loner.session);
    expect(await storedOrganisation(alone)).toBeNull();
    // As the rows were before the column existed.
    await t.database.inTenant(tenant.id, (tx) =>
      tx.update(helpNeeds).set({ postedByOrganisationId: null }).where(eq(helpNeeds.id, before)),
    );
    expect(await detailCode(colleague.session, before)).toBe(404);
    const migration = readFileSync(
      path.resolve(import.meta.dirname, '../../db/migrations/0030_help_posting_organisation.sql'),
      'utf8',
    );
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((part) => part.replace(/^\s*--.*$/gm, '').trim())
      .find((part) => part.startsWith('UPDATE help_needs'))!;
    expect(backfill).toBeTruthy();
    await t.database.inTenant(tenant.id, (tx) => tx.execute(sql.raw(backfill)));
    expect(await storedOrganisation(before)).toBe(organisationE);
    expect(await storedOrganisation(alone)).toBeNull();
    expect(await detailCode(colleague.session, before)).toBe(200);
  });
});
