import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, type SignedIn, signIn } from '../../../../tests/factories.ts';
import {
  createTestApp,
  openTestDatabase,
  type TestDatabase,
  targets,
} from '../../../../tests/integration/harness.ts';
import { signalCsv, signalXlsx } from '../../../../tests/signal-files.ts';
import { signalFileReasons } from '../../../shared/import-reasons.ts';
import { makeNationalNumber } from '../../../shared/national-number.ts';
import type { Role } from '../../../shared/permissions.ts';
import { type CaseSummary, signalInputSchema } from '../../../shared/signals.schemas.ts';
import { rowsOf } from '../../db/client.ts';
import type { App } from '../../http/app.ts';
import { runRetentionSweep } from '../../jobs/retention.ts';
import { escalateOverdue } from './cases.service.ts';
import { ingestSignals, personKey } from './intake.service.ts';
import { signalsRetentionRules } from './signals.retention.ts';

describe.each(targets)('early signals on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  let tenant: { id: string; slug: string };
  const sessions = new Map<string, SignedIn>();
  const userIds = new Map<string, string>();
  let energyKey: string;
  let waterKey: string;
  let energyPartner: string;
  let ozturkHousehold: string;
  let peetersHousehold: string;
  const ozturkNumber = makeNationalNumber('1985-03-14', 44);

  const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers:
        body === undefined
          ? sessions.get(who)!.headers
          : { ...sessions.get(who)!.headers, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const file = (who: string, url: string, bytes: string | Uint8Array, type = 'text/csv') =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...sessions.get(who)!.headers, 'content-type': type },
      payload: Buffer.from(bytes),
    });
  const listCases = async () => (await call('worker', 'GET', '/api/signals/cases')).json() as CaseSummary[];
  const intake = (key: string, signals: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/api/signals/intake',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ signals }),
    });
  const signal = (reference: string, extra: Record<string, unknown> = {}) => ({
    reference,
    kind: 'energy',
    givenName: 'Jan',
    familyName: 'Peeters',
    street: 'Dorpsstraat',
    houseNumber: '4',
    postcode: '3600',
    municipality: 'Genk',
    amountCents: 45_000,
    ...extra,
  });

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    const built = await buildTenant(t.database, 'Genk');
    tenant = built;
    const accounts: [string, Role[]][] = [
      ['coordinator', ['coordinator']],
      ['worker', ['social_worker']],
      ['outsider', ['social_worker']],
      ['energy', ['partner']],
      ['water', ['partner']],
      ['admin', ['admin']],
    ];
    for (const [name, roles] of accounts) {
      const user = await buildUser(t.database, tenant.id, roles);
      userIds.set(name, user.id);
      sessions.set(name, await signIn(app, tenant.slug, user.email));
    }
    const team = await call('coordinator', 'POST', '/api/signals/teams', {
      name: 'Team energie',
      leadUserId: userIds.get('coordinator'),
      memberUserIds: [userIds.get('worker')],
    });
    expect(team.statusCode, team.body).toBe(201);
    // A team or a partner organisation names accounts that exist here and may do the work.
    const strayTeam = await call('coordinator', 'POST', '/api/signals/teams', {
      name: 'Team water',
      memberUserIds: [userIds.get('worker'), userIds.get('energy')],
    });
    expect(strayTeam.statusCode, strayTeam.body).toBe(400);
    expect(strayTeam.json().error.details[0].field).toBe('memberUserIds.1');
    const strayPartner = await call('admin', 'POST', '/api/signals/partners', {
      name: 'Nergens',
      kind: 'other',
      memberUserIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(strayPartner.statusCode, strayPartner.body).toBe(400);
    expect(strayPartner.json().error.details[0].field).toBe('memberUserIds.0');
    const energy = await call('admin', 'POST', '/api/signals/partners', {
      name: 'Stroomwerk',
      kind: 'energy_supplier',
      memberUserIds: [userIds.get('energy')],
    });
    energyPartner = energy.json().id;
    const water = await call('admin', 'POST', '/api/signals/partners', {
      name: 'Waterbedrijf',
      kind: 'water_company',
      memberUserIds: [userIds.get('water')],
    });
    expect(water.statusCode).toBe(201);
    energyKey = (await call('energy', 'POST', '/api/signals/keys', { label: 'billing system' })).json().key;
    waterKey = (await call('water', 'POST', '/api/signals/keys', { label: 'erp' })).json().key;

    // Two known households: the Öztürks (with a child and a national number) and the Peeters.
    const address = async (street: string, houseNumber: string) =>
      (
        await call('worker', 'POST', '/api/addresses', {
          street,
          houseNumber,
          postcode: '3600',
          municipality: 'Genk',
        })
      ).json().id as string;
    ozturkHousehold = (
      await call('worker', 'POST', '/api/households', {
        name: 'Gezin Öztürk',
        addressId: await address('Stalenstraat', '12'),
      })
    ).json().id;
    peetersHousehold = (
      await call('worker', 'POST', '/api/households', {
        name: 'Gezin Peeters',
        addressId: await address('Dorpsstraat', '4'),
      })
    ).json().id;
    const person = async (body: Record<string, unknown>) => {
      const response = await call('worker', 'POST', '/api/persons', body);
      expect(response.statusCode, response.body).toBe(201);
    };
    await person({
      givenName: 'Ayşe',
      familyName: 'Öztürk',
      birthDate: '1985-03-14',
      nationalNumber: ozturkNumber,
      household: { id: ozturkHousehold, relation: 'reference_person' },
    });
    await person({
      givenName: 'Elif',
      familyName: 'Öztürk',
      birthDate: '2019-06-01',
      household: { id: ozturkHousehold, relation: 'child' },
    });
    await person({
      givenName: 'Jan',
      familyName: 'Peeters',
      birthDate: '1970-01-20',
      household: { id: peetersHousehold, relation: 'reference_person' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('shows an API key once and keeps only its hash', async () => {
    expect(energyKey).toMatch(new RegExp(`^samen_${tenant.id}_`));
    const keys = await call('energy', 'GET', '/api/signals/keys');
    expect(keys.json()).toHaveLength(1);
    expect(JSON.stringify(keys.json())).not.toContain(energyKey.slice(-20));
    const owner = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select key_hash from partner_api_keys`),
    );
    for (const row of rowsOf<{ key_hash: string }>(owner)) expect(energyKey).not.toContain(row.key_hash);
  });

  it('takes a batch by API key, links by national number and bundles signals of one household into one case', async () => {
    const response = await intake(energyKey, [
      signal('E-100', {
        givenName: 'Ayse',
        familyName: 'Ozturk',
        nationalNumber: ozturkNumber,
        street: 'Elders',
        houseNumber: '1',
        plannedAction: 'disconnection',
        plannedDate: '2027-01-10',
        amountCents: 123_456,
      }),
      signal('E-101', { birthDate: '1970-01-20' }),
      signal('E-102', {
        givenName: 'Jan',
        familyName: 'Peeters',
        birthDate: '1970-01-20',
        street: 'Anderstraat',
        houseNumber: '9',
      }),
      signal('E-103', { givenName: 'Nina', familyName: 'Nieuw', street: 'Nergensweg', houseNumber: '1' }),
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ received: 4, created: 4, duplicates: 0, linked: 2, review: 1 });
    const water = await intake(waterKey, [
      signal('W-1', {
        kind: 'water',
        givenName: 'Ayşe',
        familyName: 'Öztürk',
        nationalNumber: ozturkNumber,
        amountCents: 9_000,
      }),
    ]);
    expect(water.json()).toMatchObject({ linked: 1 });

    const cases = await listCases();
    const ozturk = cases.find((c) => c.householdId === ozturkHousehold)!;
    expect(ozturk.signals).toBe(2);
    expect(ozturk.kinds.sort()).toEqual(['energy', 'water']);
    expect(cases.find((c) => c.householdId === peetersHousehold)!.signals).toBe(1);
    expect(cases.some((c) => c.householdId === null)).toBe(true);
    // The most urgent first: a disconnection, two signals and a child.
    expect(cases[0]!.id).toBe(ozturk.id);
    const stored = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select count(*)::int as n from signals where national_number_hash is not null`),
    );
    expect(rowsOf<{ n: number }>(stored)[0]!.n).toBe(2);
    const clear = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select count(*)::int as n from signals where national_number_hash = ${ozturkNumber}`),
    );
    expect(rowsOf<{ n: number }>(clear)[0]!.n).toBe(0);
  });

  it('bundles signals about one person no household matched into one case, across batches', async () => {
    const nobody = {
      givenName: 'Rita',
      familyName: 'Onbekend',
      birthDate: '1980-05-05',
      street: 'Zandweg',
      houseNumber: '7',
    };
    const first = await intake(energyKey, [
      signal('P-1', nobody),
      signal('P-2', { ...nobody, kind: 'rent', givenName: 'RITA' }),
      // Another person at the same address: a case of her own.
      signal('P-3', { ...nobody, givenName: 'Sara' }),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    const later = await intake(energyKey, [signal('P-4', { ...nobody, kind: 'water' })]);
    expect(later.statusCode, later.body).toBe(200);
    const cases = await listCases();
    const rita = cases.filter((c) => c.householdName === 'Rita Onbekend');
    expect(rita).toHaveLength(1);
    expect(rita[0]!.signals).toBe(3);
    expect(rita[0]!.kinds.sort()).toEqual(['energy', 'rent', 'water']);
    expect(cases.filter((c) => c.householdName === 'Sara Onbekend')).toHaveLength(1);
  });

  it('keys a person the way migration 0026 turned the earlier text keys into hashes', async () => {
    const text = 'rita onbekend|1980-05-05|zandweg 7 3600';
    const [nameKey, birthDate, addressKey] = text.split('|') as [string, string, string];
    const [row] = rowsOf<{ key: string }>(
      await t.database.inTenant(tenant.id, (tx) =>
        tx.execute(
          sql`select substr(encode(sha256(convert_to(${text}, 'UTF8')), 'hex'), 1, 32)::uuid::text as key`,
        ),
      ),
    );
    expect(row!.key).toBe(personKey(nameKey, birthDate, addressKey));
    expect(personKey(nameKey, null, addressKey)).not.toBe(row!.key);
  });

  it('joins two batches sent at once about the same new person into one case, none refused', async () => {
    const newcomer = {
      givenName: 'Tom',
      familyName: 'Gelijktijdig',
      birthDate: '1991-02-03',
      street: 'Kruisweg',
      houseNumber: '2',
    };
    // Each batch holds enough other signals that both are still writing when the other commits.
    const batch = (prefix: string) => [
      signal(`${prefix}-0`, newcomer),
      ...Array.from({ length: 200 }, (_, i) =>
        signal(`${prefix}-${i + 1}`, {
          givenName: `Iemand${prefix}${i}`,
          familyName: 'Anders',
          houseNumber: String(i + 10),
        }),
      ),
    ];
    const answers = await Promise.all([intake(energyKey, batch('C1')), intake(energyKey, batch('C2'))]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const cases = await listCases();
    const tom = cases.filter((c) => c.householdName === 'Tom Gelijktijdig');
    expect(tom).toHaveLength(1);
    expect(tom[0]!.signals).toBe(2);
  });

  it('explains the urgency and the winter ban on the case page', async () => {
    const cases = await listCases();
    const detail = (
      await call(
        'worker',
        'GET',
        `/api/signals/cases/${cases.find((c) => c.householdId === ozturkHousehold)!.id}`,
      )
    ).json();
    expect(detail.children).toBe(1);
    expect(detail.factors.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['action_soon', 'winter_ban', 'amount', 'signals', 'children']),
    );
    expect(detail.effectiveActionDate).toBe('2027-03-01');
    // The list shows the same date as the case page: a disconnection asked for in the winter ban
    // counts from the day it is allowed, not the day that was asked.
    expect(cases.find((c) => c.householdId === ozturkHousehold)!.effectiveActionDate).toBe('2027-03-01');
    expect(detail.score).toBe(detail.factors.reduce((s: number, f: { points: number }) => s + f.points, 0));
    // The score stored when the second signal came in (from per-kind sums) is the page's own.
    expect(cases.find((c) => c.householdId === ozturkHousehold)!.score).toBe(detail.score);
  });

  it('links and bundles the same in many rounds as in one (an intake in chunks of two)', async () => {
    const rita = {
      givenName: 'Rita',
      familyName: 'Ronde',
      birthDate: '1979-09-09',
      street: 'Kringweg',
      houseNumber: '3',
    };
    const inputs = [
      signal('R-1', rita),
      signal('R-2', { givenName: 'Ayse', familyName: 'Ozturk', nationalNumber: ozturkNumber }),
      signal('R-3', { givenName: 'Filip', familyName: 'Ronde', street: 'Kringweg', houseNumber: '5' }),
      // The same person in the next rounds: her case was opened two chunks before.
      signal('R-4', { ...rita, kind: 'water', amountCents: 10_000 }),
      signal('R-5', { givenName: 'Ayse', familyName: 'Ozturk', nationalNumber: ozturkNumber, kind: 'rent' }),
      signal('R-6', {
        givenName: 'Filip',
        familyName: 'Ronde',
        street: 'Kringweg',
        houseNumber: '5',
        kind: 'water',
      }),
      signal('R-7', { ...rita, kind: 'rent', plannedAction: 'eviction_hearing', plannedDate: '2027-02-01' }),
    ];
    const before = await listCases();
    const ozturkBefore = before.find((c) => c.householdId === ozturkHousehold)!;
    const result = await t.database.inTenant(tenant.id, (tx) =>
      ingestSignals(
        tx,
        { tenantId: tenant.id, userId: null, label: 'test' },
        { partnerId: energyPartner, via: 'upload', format: 'csv', fileName: 'rondes.csv' },
        inputs.map((input, index) => ({ row: index + 1, input: signalInputSchema.parse(input) })),
        new Date(),
        2,
      ),
    );
    expect(result).toMatchObject({ received: 7, created: 7, linked: 2 });
    const cases = await listCases();
    const ritas = cases.filter((c) => c.householdName === 'Rita Ronde');
    expect(ritas).toHaveLength(1);
    expect(ritas[0]!.signals).toBe(3);
    expect(ritas[0]!.kinds.sort()).toEqual(['energy', 'rent', 'water']);
    expect(cases.filter((c) => c.householdName === 'Filip Ronde').map((c) => c.signals)).toEqual([2]);
    // Öztürk's open case took both of hers, as it would in one round.
    expect(cases.find((c) => c.id === ozturkBefore.id)!.signals).toBe(ozturkBefore.signals + 2);
    // Cases rescored after the last round score what their pages say.
    const page = (await call('worker', 'GET', `/api/signals/cases/${ritas[0]!.id}`)).json() as {
      score: number;
    };
    expect(ritas[0]!.score).toBe(page.score);
    expect(page.score).toBeGreaterThan(0);
  });

  it('creates nothing new for the same reference twice', async () => {
    const again = await intake(energyKey, [signal('E-101', { birthDate: '1970-01-20' })]);
    expect(again.json()).toMatchObject({ received: 1, created: 0, duplicates: 1 });
  });

  it('refuses a batch with a bad signal as a whole, naming row and field', async () => {
    const before = (await call('energy', 'GET', '/api/signals/submissions')).json().submissions.length;
    const bad = await intake(energyKey, [
      signal('E-200'),
      signal('E-201', { nationalNumber: '85031412345' }),
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      {
        row: 2,
        field: 'nationalNumber',
        code: 'not_a_national_number',
        params: {},
        reason: 'this is not a valid national register number',
      },
    ]);
    const twice = await intake(energyKey, [signal('E-203'), signal('E-203')]);
    expect(twice.json().error.details).toEqual([
      {
        row: 2,
        field: 'reference',
        code: 'same_reference',
        params: { line: 1 },
        reason: 'the same reference as row 1',
      },
    ]);
    const shape = await intake(energyKey, [signal('E-202', { amountCents: -5 })]);
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.code).toBe('VALIDATION_FAILED');
    const tooMany = await intake(
      energyKey,
      Array.from({ length: 1001 }, (_, i) => signal(`X-${i}`)),
    );
    expect(tooMany.statusCode).toBe(400);
    expect((await call('energy', 'GET', '/api/signals/submissions')).json().submissions.length).toBe(before);
  });

  it('refuses an unknown, malformed or revoked key, and a session on the key route', async () => {
    expect((await intake('samen_nonsense', [signal('Z-1')])).statusCode).toBe(401);
    expect((await intake(`samen_${tenant.id}_${'x'.repeat(43)}`, [signal('Z-1')])).statusCode).toBe(401);
    const created = (await call('energy', 'POST', '/api/signals/keys', { label: 'old' })).json();
    expect((await intake(created.key, [signal('Z-2')])).statusCode).toBe(200);
    const rotated = await call('energy', 'POST', `/api/signals/keys/${created.id}/rotate`);
    expect(rotated.statusCode).toBe(201);
    expect((await intake(created.key, [signal('Z-3')])).statusCode).toBe(401);
    expect((await intake(rotated.json().key, [signal('Z-3')])).statusCode).toBe(200);
    expect((await call('energy', 'DELETE', `/api/signals/keys/${rotated.json().id}`)).statusCode).toBe(200);
    const revoked = await intake(rotated.json().key, [signal('Z-4')]);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('UNAUTHENTICATED');
    const bySession = await call('energy', 'POST', '/api/signals/intake', { signals: [signal('Z-5')] });
    expect(bySession.statusCode).toBe(401);
    // A partner cannot revoke another partner's key.
    const waterKeys = (await call('water', 'GET', '/api/signals/keys')).json();
    expect((await call('energy', 'DELETE', `/api/signals/keys/${waterKeys[0].id}`)).statusCode).toBe(404);
  });

  it('lets one key send for a second municipality that registered it, and for no other', async () => {
    const as = await buildTenant(t.database, 'As');
    const asAdmin = await signIn(app, as.slug, (await buildUser(t.database, as.id, ['admin'])).email);
    const asCall = (method: 'POST' | 'DELETE', url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        headers:
          body === undefined ? asAdmin.headers : { ...asAdmin.headers, 'content-type': 'application/json' },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
    const partner = (
      await asCall('POST', '/api/signals/partners', { name: 'Stroomwerk', kind: 'energy_supplier' })
    ).json();
    const adopt = (key: string) =>
      asCall('POST', '/api/signals/keys/adopt', { label: 'regio', partnerId: partner.id, key });
    const malformed = await adopt('not-a-key');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].field).toBe('key');
    const adopted = await adopt(energyKey);
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.body).not.toContain(energyKey.slice(-20));
    expect((await adopt(energyKey)).statusCode).toBe(409);
    const madeHere = await call('admin', 'POST', '/api/signals/keys/adopt', {
      label: 'x',
      partnerId: energyPartner,
      key: energyKey,
    });
    expect(madeHere.statusCode).toBe(409);

    const sendFor = (key: string, municipality: string, reference: string) =>
      app.inject({
        method: 'POST',
        url: '/api/signals/intake',
        headers: {
          authorization: `Bearer ${key}`,
          'x-samen-municipality': municipality,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ signals: [signal(reference, { municipality: 'As', postcode: '3665' })] }),
      });
    const countIn = async (tenantId: string, reference: string) =>
      rowsOf<{ n: number }>(
        await t.database.inTenant(tenantId, (tx) =>
          tx.execute(sql`select count(*)::int as n from signals where reference = ${reference}`),
        ),
      )[0]!.n;
    expect((await sendFor(energyKey, as.slug, 'AS-1')).statusCode).toBe(200);
    expect(await countIn(as.id, 'AS-1')).toBe(1);
    expect(await countIn(tenant.id, 'AS-1')).toBe(0);
    expect((await sendFor(energyKey, 'nowhere', 'AS-2')).statusCode).toBe(401);
    expect((await sendFor(waterKey, as.slug, 'AS-3')).statusCode).toBe(401);
    // As revokes its registration: the key no longer sends for As, and still does for Genk.
    expect(
      (await asCall('DELETE', `/api/signals/keys/${adopted.json().id}?partnerId=${partner.id}`)).statusCode,
    ).toBe(200);
    expect((await sendFor(energyKey, as.slug, 'AS-4')).statusCode).toBe(401);
    expect((await intake(energyKey, [signal('G-ADOPT-1')])).statusCode).toBe(200);
  });

  it("shows a partner only its own signals' pick-up status, through the portal and the API", async () => {
    const waterStatus = await app.inject({
      method: 'GET',
      url: '/api/signals/intake/status?reference=E-100&reference=W-1',
      headers: { authorization: `Bearer ${waterKey}` },
    });
    expect(waterStatus.json().map((s: { reference: string }) => s.reference)).toEqual(['W-1']);
    const portal = (await call('water', 'GET', '/api/signals/submissions')).json();
    expect(portal.submissions.map((s: { reference: string }) => s.reference)).toEqual(['W-1']);
    expect(Object.keys(portal.submissions[0]).sort()).toEqual([
      'id',
      'kind',
      'receivedAt',
      'reference',
      'status',
    ]);
  });

  it('previews a spreadsheet without saving, imports the whole file or nothing, and reports bad rows', async () => {
    const rows = [
      {
        reference: 'U-1',
        givenName: 'Jan',
        familyName: 'Peeters',
        street: 'Dorpsstraat',
        houseNumber: '4',
        amount: '1.234,56',
        birthDate: '20/01/1970',
      },
      {
        reference: 'U-2',
        givenName: 'Lotte',
        familyName: 'Janssens',
        street: 'Hoogstraat',
        houseNumber: '8',
        amount: 'abc',
      },
    ];
    const preview = await file('energy', '/api/signals/uploads/preview', `\uFEFF${signalCsv(rows)}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      rows: 2,
      valid: 1,
      separator: ';',
      errors: [{ row: 3, field: 'amount', code: 'not_an_amount', params: { value: 'abc' } }],
    });
    const refused = await file('energy', '/api/signals/uploads?fileName=signalen.csv', signalCsv(rows));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      {
        row: 3,
        field: 'amount',
        code: 'not_an_amount',
        params: { value: 'abc' },
        reason: '"abc" is not an amount',
      },
    ]);
    expect(
      (await call('energy', 'GET', '/api/signals/submissions'))
        .json()
        .submissions.some((s: { reference: string }) => s.reference === 'U-1'),
    ).toBe(false);
    rows[1]!.amount = '87,50';
    const accepted = await file('energy', '/api/signals/uploads?fileName=signalen.csv', signalCsv(rows));
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ created: 2, duplicates: 0 });
    const twice = await file('energy', '/api/signals/uploads?fileName=signalen.csv', signalCsv(rows));
    expect(twice.json()).toMatchObject({ created: 0, duplicates: 2 });
    const excel = await file(
      'energy',
      '/api/signals/uploads',
      signalXlsx([
        ['Referentie', 'Soort', 'Voornaam', 'Naam', 'Straat', 'Huisnummer', 'Postcode', 'Gemeente', 'Bedrag'],
        ['X-1', 'water', 'Piet', 'Claes', 'Kerkplein', '2', '3600', 'Genk', 120],
      ]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(excel.statusCode, excel.body).toBe(201);
    const uploads = (await call('energy', 'GET', '/api/signals/uploads')).json();
    expect(uploads.map((u: { format: string }) => u.format)).toContain('xlsx');
  });

  it('answers bad files clearly: not a spreadsheet, too large, wrong media type, empty', async () => {
    const png = await file(
      'energy',
      '/api/signals/uploads',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
      'application/octet-stream',
    );
    expect(png.statusCode).toBe(400);
    expect(png.json().error.details[0].reason).toMatch(/not a spreadsheet/);
    const large = await file('energy', '/api/signals/uploads', new Uint8Array(21 * 1024 * 1024).fill(65));
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const pdf = await file('energy', '/api/signals/uploads', '%PDF-1.4', 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    const empty = await file('energy', '/api/signals/uploads', '');
    expect(empty.statusCode).toBe(400);
  });

  it('sends uncertain links to the review queue and lets staff decide', async () => {
    const queue = (await call('worker', 'GET', '/api/signals/review')).json();
    const item = queue.find((q: { name: string }) => q.name === 'Jan Peeters');
    expect(item.candidates[0]).toMatchObject({
      householdId: peetersHousehold,
      reason: 'name_birth',
      confidence: 0.75,
    });
    const wrong = await call('worker', 'POST', `/api/signals/review/${item.signalId}`, {
      householdId: ozturkHousehold,
    });
    expect(wrong.statusCode).toBe(400);
    const decided = await call('worker', 'POST', `/api/signals/review/${item.signalId}`, {
      householdId: peetersHousehold,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const peeters = (await call('worker', 'GET', `/api/signals/cases/${decided.json().caseId}`)).json();
    expect(peeters.householdId).toBe(peetersHousehold);
    expect(peeters.signals).toBeGreaterThanOrEqual(2);
    expect(
      (await call('worker', 'GET', '/api/signals/review'))
        .json()
        .some((q: { signalId: string }) => q.signalId === item.signalId),
    ).toBe(false);
  });

  it('puts signals staff find about none of the households into one case per person', async () => {
    const namesake = { birthDate: '1970-01-20', street: 'Verweg', houseNumber: '3' };
    const sent = await intake(energyKey, [
      signal('RV-1', namesake),
      signal('RV-2', { ...namesake, kind: 'water' }),
    ]);
    expect(sent.json()).toMatchObject({ review: 2 });
    const queue = (await call('worker', 'GET', '/api/signals/review')).json() as {
      signalId: string;
      address: string;
    }[];
    const ids = queue.filter((q) => q.address.startsWith('Verweg 3')).map((q) => q.signalId);
    expect(ids).toHaveLength(2);
    const cases = [];
    for (const id of ids) {
      const decided = await call('worker', 'POST', `/api/signals/review/${id}`, { householdId: null });
      expect(decided.statusCode, decided.body).toBe(200);
      cases.push(decided.json().caseId);
    }
    expect(cases[1]).toBe(cases[0]);
    const one = (await call('worker', 'GET', `/api/signals/cases/${cases[0]}`)).json();
    expect(one).toMatchObject({ householdId: null, signals: 2 });
  });

  it('offers a namesake at the same address without a birth date for review, and ignores one elsewhere', async () => {
    const response = await intake(energyKey, [
      signal('E-300'),
      signal('E-301', { street: 'Anderstraat', houseNumber: '9' }),
    ]);
    expect(response.json()).toMatchObject({ created: 2, linked: 0, review: 1 });
    const queue = (await call('worker', 'GET', '/api/signals/review')).json();
    const item = queue.find(
      (q: { name: string; birthDate: string | null; address: string }) =>
        q.name === 'Jan Peeters' && q.birthDate === null && q.address.startsWith('Dorpsstraat 4'),
    );
    expect(item.candidates[0]).toMatchObject({
      householdId: peetersHousehold,
      reason: 'name_address',
      confidence: 0.7,
    });
  });

  it('lets a social worker see only the cases of their team', async () => {
    expect((await call('worker', 'GET', '/api/signals/cases')).json().length).toBeGreaterThan(0);
    expect((await call('outsider', 'GET', '/api/signals/cases')).json()).toEqual([]);
    const cases = (await call('coordinator', 'GET', '/api/signals/cases')).json();
    expect((await call('outsider', 'GET', `/api/signals/cases/${cases[0].id}`)).statusCode).toBe(404);
  });

  it('works a case to an outcome: every step on the welfare timeline, the partner learns only "picked up"', async () => {
    const cases = (await call('worker', 'GET', '/api/signals/cases')).json();
    const id = cases.find((c: { householdId: string }) => c.householdId === ozturkHousehold).id;
    expect(
      (await call('energy', 'GET', '/api/signals/submissions'))
        .json()
        .submissions.find((s: { reference: string }) => s.reference === 'E-100').status,
    ).toBe('not_picked_up');
    // Only to an account that may work cases, or a team of the municipality: else 400, nothing changed.
    const volunteer = await buildUser(t.database, tenant.id, ['volunteer']);
    const refusals: [Record<string, unknown>, string][] = [
      [{ userId: volunteer.id }, 'userId'],
      [{ userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
      [{ teamId: '00000000-0000-4000-8000-000000000000' }, 'teamId'],
    ];
    for (const [body, field] of refusals) {
      const refused = await call('worker', 'POST', `/api/signals/cases/${id}/assign`, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.details[0].field).toBe(field);
    }
    expect((await call('worker', 'GET', `/api/signals/cases/${id}`)).json()).toMatchObject({
      assignedName: null,
    });
    expect((await call('worker', 'POST', `/api/signals/cases/${id}/assign`, {})).statusCode).toBe(200);
    expect(
      (
        await call('worker', 'POST', `/api/signals/cases/${id}/attempts`, {
          channel: 'phone',
          result: 'not_reached',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call('worker', 'POST', `/api/signals/cases/${id}/attempts`, {
          channel: 'home_visit',
          result: 'reached',
          note: 'Spoke with mother',
        })
      ).statusCode,
    ).toBe(200);
    // Reached, but nothing offered yet: there is nothing the family could have accepted.
    const early = await call('worker', 'POST', `/api/signals/cases/${id}/response`, { response: 'accepted' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toEqual({ reason: 'no_offer' });
    expect(
      (await call('worker', 'POST', `/api/signals/cases/${id}/offers`, { kind: 'payment_plan' })).statusCode,
    ).toBe(200);
    const committee = await call('worker', 'POST', `/api/signals/cases/${id}/committee`, {
      request: 'disconnection',
      requestedDate: '2027-01-20',
    });
    expect(committee.json()).toMatchObject({ winterBan: true });
    expect(
      (await call('worker', 'POST', `/api/signals/cases/${id}/response`, { response: 'accepted' }))
        .statusCode,
    ).toBe(200);

    const status = (await call('energy', 'GET', '/api/signals/submissions'))
      .json()
      .submissions.find((s: { reference: string }) => s.reference === 'E-100');
    expect(status.status).toBe('picked_up');
    expect(JSON.stringify(status)).not.toMatch(/payment|accepted|home/);

    const household = (
      await call('worker', 'GET', `/api/households/${ozturkHousehold}?purpose=case_work`)
    ).json();
    const steps = household.timeline.filter((e: { module: string }) => e.module === 'signals');
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.every((e: { visibility: string }) => e.visibility === 'welfare')).toBe(true);
    const seenByCoordinator = (
      await call('coordinator', 'GET', `/api/households/${ozturkHousehold}?purpose=case_work`)
    ).json();
    expect(seenByCoordinator.timeline.filter((e: { module: string }) => e.module === 'signals')).toEqual([]);

    // The committee: agenda from waiting requests, the decision, minutes with the winter warning.
    const meeting = await call('coordinator', 'POST', '/api/signals/committee/meetings', {
      meetsOn: '2026-12-03',
      location: 'Stadhuis',
    });
    expect(meeting.statusCode).toBe(201);
    const agenda = (
      await call('coordinator', 'GET', `/api/signals/committee/meetings/${meeting.json().id}`)
    ).json();
    expect(agenda.items).toHaveLength(1);
    expect(agenda.items[0]).toMatchObject({ request: 'disconnection', winterBan: true });
    const decision = await call(
      'coordinator',
      'POST',
      `/api/signals/committee/items/${agenda.items[0].id}/decision`,
      { decision: 'refused', unanimous: true, note: 'Payment plan <agreed>' },
    );
    expect(decision.statusCode).toBe(200);
    expect(
      (
        await call('coordinator', 'POST', `/api/signals/committee/items/${agenda.items[0].id}/decision`, {
          decision: 'approved',
          unanimous: true,
        })
      ).statusCode,
    ).toBe(409);
    const minutes = await call(
      'coordinator',
      'GET',
      `/api/signals/committee/meetings/${meeting.json().id}/minutes.html`,
    );
    expect(minutes.headers['content-type']).toContain('text/html');
    expect(minutes.body).toContain('eenparig');
    expect(minutes.body).toContain('<html lang="nl">');
    expect(minutes.body).toContain('Winterstop');
    expect(minutes.body).toContain('&lt;agreed&gt;');
    expect(minutes.body).not.toContain('<script');

    expect(
      (await call('worker', 'POST', `/api/signals/cases/${id}/close`, { outcome: 'payment_plan' }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call('worker', 'POST', `/api/signals/cases/${id}/attempts`, {
          channel: 'phone',
          result: 'reached',
        })
      ).statusCode,
    ).toBe(409);
    const closed = (await call('worker', 'GET', '/api/signals/cases?status=closed')).json();
    expect(closed.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('keeps the steps of a case in order: nothing is recorded that did not happen yet', async () => {
    const sent = await intake(energyKey, [
      signal('ORD-1', { givenName: 'Mira', familyName: 'Claes', street: 'Molenweg', houseNumber: '7' }),
    ]);
    expect(sent.statusCode, sent.body).toBe(200);
    const id = (await listCases()).find((c) => c.householdName === 'Mira Claes')!.id;
    const step = (path: string, body: unknown) =>
      call('worker', 'POST', `/api/signals/cases/${id}/${path}`, body);
    const refused = async (path: string, body: unknown, reason: string) => {
      const response = await step(path, body);
      expect(response.statusCode, `${path} ${response.body}`).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'CONFLICT', details: { reason } });
    };

    // Untouched: nobody took it on, nobody tried to reach the family.
    await refused('response', { response: 'accepted' }, 'not_contacted');
    await refused('response', { response: 'unreachable' }, 'not_contacted');
    await refused('offers', { kind: 'payment_plan' }, 'not_contacted');
    await refused('committee', { request: 'disconnection', requestedDate: '2027-03-10' }, 'not_taken_on');
    await refused('committee', { request: 'other' }, 'not_taken_on');
    await refused('close', { outcome: 'resolved' }, 'not_taken_on');
    // A disconnection or an eviction is asked for a date; without one the request is not valid.
    for (const body of [{ request: 'disconnection' }, { request: 'eviction', requestedDate: null }]) {
      const response = await step('committee', body);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('requestedDate');
    }
    const untouched = (await call('worker', 'GET', `/api/signals/cases/${id}`)).json();
    expect(untouched).toMatchObject({
      status: 'new',
      response: null,
      outcome: null,
      firstContactAt: null,
      events: [],
      committeeItems: [],
    });
  });

  it('escalates a case past its deadline to the team lead, once', async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    const first = await t.database.inTenant(tenant.id, (tx) =>
      escalateOverdue(tx, tenant.id, 'http://x', later),
    );
    expect(first).toBeGreaterThan(0);
    expect(
      await t.database.inTenant(tenant.id, (tx) => escalateOverdue(tx, tenant.id, 'http://x', later)),
    ).toBe(0);
    const outbox = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select count(*)::int as n from email_outbox where subject like '%vroeg signaal%'`),
    );
    expect(rowsOf<{ n: number }>(outbox)[0]!.n).toBe(first);
  });

  it('keeps another municipality out: its key, its cases', async () => {
    const other = await buildTenant(t.database, 'As');
    const admin = await buildUser(t.database, other.id, ['coordinator']);
    const session = await signIn(app, other.slug, admin.email);
    const cases = await app.inject({ method: 'GET', url: '/api/signals/cases', headers: session.headers });
    expect(cases.json()).toEqual([]);
    // Genk's key with As's id in front finds no key there.
    const forged = energyKey.replace(tenant.id, other.id);
    expect((await intake(forged, [signal('F-1')])).statusCode).toBe(401);
  });

  it('deletes signals that led to no contact after six months and closed cases after a year, and logs it', async () => {
    const log = pino({ level: 'silent' });
    const now = new Date(Date.now() + 200 * 86_400_000);
    const results = await runRetentionSweep(t.database, tenant.id, log, now, signalsRetentionRules);
    expect(results.find((r) => r.rule === 'signals.uncontacted')!.removed).toBeGreaterThan(0);
    expect(results.find((r) => r.rule === 'signals.closed-cases')!.removed).toBe(0);
    const yearLater = new Date(Date.now() + 400 * 86_400_000);
    const again = await runRetentionSweep(t.database, tenant.id, log, yearLater, signalsRetentionRules);
    expect(again.find((r) => r.rule === 'signals.closed-cases')!.removed).toBe(1);
    const audit = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select record_type, record_id from audit_log where action = 'retention.sweep'`),
    );
    const swept = rowsOf<{ record_type: string; record_id: string }>(audit);
    expect(new Set(swept.map((r) => r.record_type))).toEqual(new Set(['retention_rule']));
    expect(swept.map((r) => r.record_id)).toEqual(
      expect.arrayContaining(['signals.uncontacted', 'signals.closed-cases']),
    );
    const left = await t.database.inTenant(tenant.id, (tx) =>
      tx.execute(sql`select count(*)::int as n from signals`),
    );
    expect(rowsOf<{ n: number }>(left)[0]!.n).toBe(0);
  });

  it('documents the partner API in the OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/signals/intake'].post.security).toEqual([{ partnerKey: [] }]);
    expect(doc.components.securitySchemes.partnerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Row errors document their codes, so a client can word them.
    const rowError =
      doc.paths['/api/signals/uploads/preview'].post.responses['200'].content['application/json'].schema
        .properties.errors.items;
    expect(rowError.required).toEqual(expect.arrayContaining(['row', 'field', 'code', 'params', 'reason']));
    expect(rowError.properties.code.enum).toEqual([...signalFileReasons]);
    expect(energyPartner).toBeTruthy();
  });
});
