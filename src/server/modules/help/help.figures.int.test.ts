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
import type { Role } from '../../../shared/permissions.ts';
import type { App } from '../../http/app.ts';
import { createNeighbourhood } from '../registry/registry.service.ts';

/** A date well ahead, so the request is never in the past. */
const nextMonth = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
};

interface FigureRow {
  helpType: string;
  areaName: string;
  needs: number | null;
  matched: number | null;
  matchedWithin48h: number | null;
  shareWithin48h: number | null;
  medianHoursToMatch: number | null;
  noMatch: number | null;
  minutes: number | null;
}

/** The figures steering members read: counts per help type and neighbourhood, no one singled out. */
describe.each(targets)('Genk Helpt figures on %s', (target) => {
  let t: TestDatabase;
  let app: App;
  const staff = new Map<Role, SignedIn>();
  const areas: Record<string, string> = {};

  const send = (session: SignedIn, method: 'GET' | 'POST', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });

  async function postNeeds(area: string, n: number) {
    for (let i = 0; i < n; i++) {
      const response = await send(staff.get('social_worker')!, 'POST', '/api/help/needs', {
        requester: { name: `Buur ${i}`, phone: '0470 00 00 00' },
        areaId: areas[area],
        helpType: 'errands',
        description: 'Boodschappen voor de week',
        timing: { kind: 'moment', date: nextMonth(), start: 600, end: 660 },
        consentGiven: true,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  }

  beforeAll(async () => {
    t = await openTestDatabase(target);
    app = await createTestApp(t.database);
    const tenant = await buildTenant(t.database, 'Genk');
    for (const role of ['coordinator', 'social_worker', 'steering_member'] as Role[]) {
      const user = await buildUser(t.database, tenant.id, [role]);
      staff.set(role, await signIn(app, tenant.slug, user.email));
    }
    await t.database.inTenant(tenant.id, async (tx) => {
      areas.Winterslag = await createNeighbourhood(tx, tenant.id, winterslag);
      areas.Zwartberg = await createNeighbourhood(tx, tenant.id, {
        code: 'zwartberg',
        name: 'Zwartberg',
        isFocus: false,
        outline: rect(5.52, 51.0, 5.56, 51.03),
      });
    });
    const created = await send(staff.get('coordinator')!, 'POST', '/api/help/types', {
      code: 'errands',
      names: { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' },
    });
    expect(created.statusCode, created.body).toBe(201);
    await postNeeds('Winterslag', 6);
    await postNeeds('Zwartberg', 2);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives the exact count where there are 5 or more requests, and withholds one under 5', async () => {
    const response = await send(staff.get('steering_member')!, 'GET', '/api/help/figures');
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as { rows: FigureRow[]; smallNumber: number };
    expect(figures.smallNumber).toBe(5);
    const row = (areaName: string) => figures.rows.find((r) => r.areaName === areaName)!;

    expect(row('Winterslag')).toMatchObject({ helpType: 'errands', needs: 6 });
    // Nobody matched yet: 0 is under 5 too, so "fewer than 5", no share (6 x 0 % would tell the 0)
    // and no median or hours.
    expect(row('Winterslag').shareWithin48h).toBeNull();
    expect(row('Winterslag')).toMatchObject({ matched: null, noMatch: null, medianHoursToMatch: null });

    // Two requests in Zwartberg: no count, and nothing worked out from them.
    expect(row('Zwartberg')).toEqual({
      helpType: 'errands',
      areaName: 'Zwartberg',
      needs: null,
      matched: null,
      matchedWithin48h: null,
      shareWithin48h: null,
      medianHoursToMatch: null,
      noMatch: null,
      minutes: null,
    });

    // Whatever the row, a count the answer does show is never under 5.
    for (const r of figures.rows) {
      for (const value of [r.needs, r.matched, r.matchedWithin48h, r.noMatch]) {
        if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
      }
      // A share is only given beside the count it comes from, or it would give that count back.
      if (r.shareWithin48h !== null) expect(r.matchedWithin48h).not.toBeNull();
      // Nor do two counts shown side by side differ by 1 to 4: the difference would be a count too.
      for (const [a, b] of [
        [r.needs, r.matched],
        [r.needs, r.noMatch],
        [r.needs, r.matchedWithin48h],
        [r.matched, r.matchedWithin48h],
      ] as const) {
        if (a !== null && b !== null) expect(a - b === 0 || a - b >= 5, `${a} and ${b}`).toBe(true);
      }
      // Nor what the requests leave once those matched (or matched within 48 hours) and those with
      // no match are taken away: the two never overlap.
      for (const part of [r.matched, r.matchedWithin48h]) {
        if (r.needs !== null && part !== null && r.noMatch !== null) {
          const rest = r.needs - part - r.noMatch;
          expect(rest === 0 || rest >= 5, `${r.needs} less ${part} and ${r.noMatch}`).toBe(true);
        }
      }
    }
  });

  it('covers the past year only: a window of other days is refused, so no two windows can be subtracted', async () => {
    const refused = await send(staff.get('steering_member')!, 'GET', '/api/help/figures?days=364');
    expect(refused.statusCode).toBe(400);
  });

  it('shows the exact count once a neighbourhood reaches 5 requests', async () => {
    await postNeeds('Zwartberg', 3);
    const response = await send(staff.get('steering_member')!, 'GET', '/api/help/figures');
    const rows = (response.json() as { rows: FigureRow[] }).rows;
    expect(rows.find((r) => r.areaName === 'Zwartberg')).toMatchObject({ needs: 5, shareWithin48h: null });
  });
});
