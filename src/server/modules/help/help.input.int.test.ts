import { count, eq } from 'drizzle-orm';
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
import { brusselsNow } from '../../../shared/brussels.ts';
import type { App } from '../../http/app.ts';
import { helpNeeds, volunteers } from './help.tables.ts';

/** An ISO date `days` after today in Brussels. */
const inDays = (days: number) => {
  const d = new Date(`${brusselsNow().date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Bad dates and ranges: 400 with the field, and nothing saved. */
describe.each(targets)('Genk Helpt refuses bad dates on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let socialWorker: SignedIn;
  let coordinator: SignedIn;
  let area: string;

  const send = (
    session: SignedIn | undefined,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
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
  const fieldsOf = (response: { json(): { error: { details: { field: string }[] } } }) =>
    response.json().error.details.map((d) => d.field);
  const needCount = async () => {
    const [{ n } = { n: -1 }] = await t.database.inTenant(tenant.id, (tx) =>
      tx.select({ n: count() }).from(helpNeeds),
    );
    return n;
  };
  const need = (timing: unknown) => ({
    requester: { name: 'Buurvrouw', phone: '0470 00 00 00' },
    areaId: area,
    helpType: 'errands',
    description: 'Boodschappen',
    timing,
    consentGiven: true,
  });

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    tenant = await buildTenant(t.database, 'Genk');
    coordinator = await signIn(
      app,
      tenant.slug,
      (await buildUser(t.database, tenant.id, ['coordinator'])).email,
    );
    socialWorker = await signIn(
      app,
      tenant.slug,
      (await buildUser(t.database, tenant.id, ['social_worker'])).email,
    );
    area = await buildWinterslag(t.database, tenant.id);
    const created = await send(coordinator, 'POST', '/api/help/types', {
      code: 'errands',
      names: { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a window or weekly request longer than a year, beside the last day', async () => {
    const before = await needCount();
    const long = { from: inDays(1), to: inDays(400) };
    for (const timing of [
      { kind: 'window', range: long },
      { kind: 'recurring', slots: [{ day: 1, start: 600, end: 660 }], range: long },
    ]) {
      const response = await send(socialWorker, 'POST', '/api/help/needs', need(timing));
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldsOf(response)).toContain('timing.range.to');
    }
    const publicForm = await send(undefined, 'POST', '/api/help/public/needs', {
      tenant: tenant.slug,
      name: 'Buurvrouw',
      phone: '0470 00 00 00',
      areaId: area,
      helpType: 'errands',
      description: 'Boodschappen',
      timing: { kind: 'window', range: long },
      consentGiven: true,
    });
    expect(publicForm.statusCode, publicForm.body).toBe(400);
    expect(fieldsOf(publicForm)).toContain('timing.range.to');
    expect(await needCount()).toBe(before);
    // A year exactly is fine.
    const year = await send(
      socialWorker,
      'POST',
      '/api/help/needs',
      need({ kind: 'window', range: { from: inDays(0), to: inDays(365) } }),
    );
    expect(year.statusCode, year.body).toBe(201);
  });

  it('refuses a moment yesterday in Brussels, or earlier today', async () => {
    const before = await needCount();
    const yesterday = await send(
      socialWorker,
      'POST',
      '/api/help/needs',
      need({ kind: 'moment', date: inDays(-1), start: 600, end: 660 }),
    );
    expect(yesterday.statusCode, yesterday.body).toBe(400);
    expect(fieldsOf(yesterday)).toContain('timing.date');
    const now = brusselsNow();
    // In the first minute of the day there is no earlier time today to try.
    if (now.minute > 0) {
      const earlier = await send(
        socialWorker,
        'POST',
        '/api/help/needs',
        need({ kind: 'moment', date: now.date, start: now.minute - 1, end: 1440 }),
      );
      expect(earlier.statusCode, earlier.body).toBe(400);
      expect(fieldsOf(earlier)).toContain('timing.start');
    }
    expect(await needCount()).toBe(before);
  });

  it("refuses a volunteer's time away longer than a year and keeps no profile", async () => {
    const user = await buildUser(t.database, tenant.id, ['volunteer']);
    const session = await signIn(app, tenant.slug, user.email);
    const response = await send(session, 'PUT', '/api/help/me/profile', {
      phone: null,
      helpTypes: ['errands'],
      languages: ['nl'],
      homeAreaId: area,
      maxDistanceKm: 5,
      commitment: 'both',
      slots: [{ day: 1, start: 540, end: 720 }],
      away: [{ from: inDays(10), to: inDays(10 + 800) }],
      means: ['bike'],
      capacity: 2,
      wantsCoaching: false,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response)).toContain('away.0.to');
    const home = await send(session, 'GET', '/api/help/me');
    expect(home.json().profile).toBeNull();
  });

  it('refuses a screening dated in the future beside its field, and records nothing', async () => {
    const user = await buildUser(t.database, tenant.id, ['volunteer']);
    const refused = await send(coordinator, 'PATCH', `/api/help/volunteers/${user.id}`, {
      intakeDoneOn: inDays(0),
      goodConductOn: inDays(1),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(fieldsOf(refused)).toEqual(['goodConductOn']);
    const [row] = await t.database.inTenant(tenant.id, (tx) =>
      tx
        .select({ intake: volunteers.intakeDoneOn, goodConduct: volunteers.goodConductOn })
        .from(volunteers)
        .where(eq(volunteers.userId, user.id)),
    );
    expect(row?.intake ?? null).toBeNull();
    expect(row?.goodConduct ?? null).toBeNull();
  });
});
