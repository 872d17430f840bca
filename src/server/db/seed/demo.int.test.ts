import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../tests/factories.ts';
import { createTestApp, openTestDatabase, type TestDatabase } from '../../../../tests/integration/harness.ts';
import { distanceKm } from '../../../engines/geo/distance.ts';
import type { App } from '../../http/app.ts';
import { registerCoreRetentionRules } from '../../jobs/jobs.ts';
import { retentionRules } from '../../jobs/retention.ts';
import { findTenantBySlug } from '../../modules/identity/identity.service.ts';
import { rowsOf } from '../client.ts';
import { DEMO_PASSWORD, demoAccounts, demoScales, seedDemo } from './demo.ts';
import { generateDemoCity } from './demo-city.ts';

describe('the demo city', () => {
  let t: TestDatabase;
  let app: App;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    app = await createTestApp(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const counts = async () => {
    const genk = (await findTenantBySlug(t.database, 'genk'))!;
    return t.database.inTenant(genk.id, async (tx) => {
      const out: Record<string, number> = {};
      for (const table of [
        'persons',
        'households',
        'household_members',
        'addresses',
        'consents',
        'timeline_entries',
        'person_access_grants',
        'audit_log',
        'help_types',
        'volunteers',
        'help_needs',
        'help_matches',
        'users',
        'jobs',
        'signals',
        'signal_cases',
        'partner_organisations',
        'outreach_campaigns',
        'outreach_doors',
        'outreach_shifts',
        'coaching_programmes',
        'coaching_cohorts',
        'coaching_coaches',
        'coaching_referrals',
        'coaching_trajectories',
        'coaching_meetings',
      ]) {
        out[table] = rowsOf<{ n: number }>(
          await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)),
        )[0]!.n;
      }
      return out;
    });
  };

  it('is created once: a second run changes nothing', async () => {
    const first = await seedDemo(t.database);
    expect(first).toEqual({ created: ['genk', 'as'], households: demoScales.small });
    const before = await counts();
    expect(before.households).toBe(demoScales.small);
    expect(before.persons).toBeGreaterThan(demoScales.small * 2);
    expect(before.outreach_campaigns).toBe(1);
    expect(before.outreach_doors).toBeGreaterThan(0);
    expect(before.coaching_cohorts).toBe(2);
    expect(before.coaching_coaches).toBe(4);
    expect(before.coaching_referrals).toBe(5);
    expect(await seedDemo(t.database)).toEqual({ created: [], households: 0 });
    expect(await counts()).toEqual(before);
  });

  it('sweeps only the municipality each retention rule is given, even where row-level security would let it see more', async () => {
    // Runs after the seed above. In Genk's own transaction every row of Genk is visible; each rule
    // must still name the tenant it sweeps. Told another municipality, no rule touches Genk's rows.
    const genk = (await findTenantBySlug(t.database, 'genk'))!;
    registerCoreRetentionRules();
    const rules = retentionRules();
    expect(rules.length).toBeGreaterThanOrEqual(12);
    const everything = new Date('2200-01-01T00:00:00Z');
    const elsewhere = randomUUID();
    // Every table a rule deletes from or clears, whole rows compared: a cleared column counts too.
    const swept = [
      'sessions',
      'account_tokens',
      'email_outbox',
      'jobs',
      'timeline_entries',
      'persons',
      'consents',
      'person_access_grants',
      'volunteer_signups',
      'help_feedback_links',
      'help_needs',
      'signals',
      'signal_cases',
      'coaching_referrals',
      'coaching_trajectories',
      'coaching_meetings',
      'coaching_worries',
    ];
    const fingerprint = () =>
      t.database.inTenant(genk.id, async (tx) => {
        const out: Record<string, string> = {};
        for (const table of swept) {
          out[table] = rowsOf<{ f: string }>(
            await tx.execute(
              sql.raw(`select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as f
                from ${table} x`),
            ),
          )[0]!.f;
        }
        return out;
      });
    const before = await fingerprint();
    const removedElsewhere = await t.database.inTenant(genk.id, async (tx) => {
      const removed: Record<string, number> = {};
      for (const rule of rules) removed[rule.name] = await rule.sweep(tx, everything, elsewhere);
      return removed;
    });
    expect(
      Object.values(removedElsewhere).every((n) => n === 0),
      JSON.stringify(removedElsewhere),
    ).toBe(true);
    expect(await fingerprint()).toEqual(before);
    // Told Genk, the same sweeps find Genk's rows (rolled back: the demo stays whole).
    const removedHere: Record<string, number> = {};
    await expect(
      t.database.inTenant(genk.id, async (tx) => {
        for (const rule of rules) removedHere[rule.name] = await rule.sweep(tx, everything, genk.id);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // The demo has rows for these rules (none yet for anonymised persons, "not now" referrals or
    // ended coachings: for those, the fingerprint above is what shows Genk untouched).
    for (const rule of ['help.closed_needs', 'registry.withdrawn_consents', 'signals.uncontacted'])
      expect(removedHere[rule], rule).toBeGreaterThan(0);
    expect(await fingerprint()).toEqual(before);
  });

  it('is the same city from the same seed, the small one being the start of the full one', () => {
    const small = generateDemoCity('genk', 50);
    expect(generateDemoCity('genk', 50)).toEqual(small);
    expect(generateDemoCity('genk', 120).slice(0, 50)).toEqual(small);
    const languages = new Set(small.flatMap((h) => h.members.flatMap((m) => m.languages)));
    for (const language of ['nl', 'it', 'tr', 'ar']) expect(languages).toContain(language);
  });

  it('has one working account per role, and Genk never sees As', async () => {
    const genk = demoAccounts().accounts.filter((a) => a.tenant === 'genk');
    expect(genk).toHaveLength(12);
    const coordinator = await signIn(app, 'genk', 'coordinator@genk.demo', DEMO_PASSWORD);
    const neighbourhoods = await app.inject({
      method: 'GET',
      url: '/api/neighbourhoods',
      headers: coordinator.headers,
    });
    const names = neighbourhoods.json().map((n: { name: string }) => n.name);
    expect(names).toEqual(
      expect.arrayContaining(['Waterschei', 'Winterslag', 'Zwartberg', 'Centrum', 'Camerlo']),
    );
    expect(names).not.toContain('As-Centrum');
    const users = await app.inject({ method: 'GET', url: '/api/admin/users', headers: coordinator.headers });
    expect(users.json().every((u: { email: string }) => u.email.endsWith('@genk.demo'))).toBe(true);
  });

  it('counts households and residents per neighbourhood for the map, for a steering group member too', async () => {
    const steering = await signIn(app, 'genk', 'steering-member@genk.demo', DEMO_PASSWORD);
    const plain = await app.inject({ method: 'GET', url: '/api/neighbourhoods', headers: steering.headers });
    expect(plain.json()[0].households).toBeUndefined();
    const counted = await app.inject({
      method: 'GET',
      url: '/api/neighbourhoods?counts=true',
      headers: steering.headers,
    });
    const areas = counted.json() as { households: number; residents: number }[];
    const households = areas.reduce((sum, n) => sum + n.households, 0);
    expect(households).toBeGreaterThan(0);
    expect(households).toBeLessThanOrEqual(demoScales.small);
    expect(areas.every((n) => n.residents >= n.households)).toBe(true);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/neighbourhoods?counts=yes',
      headers: steering.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('has a year of Genk Helpt behind it: closed requests that the figures show for a steering member', async () => {
    const steering = await signIn(app, 'genk', 'steering-member@genk.demo', DEMO_PASSWORD);
    const figures = (
      await app.inject({ method: 'GET', url: '/api/help/figures', headers: steering.headers })
    ).json().rows as {
      helpType: string;
      areaName: string;
      needs: number | null;
      medianHoursToMatch: number | null;
    }[];
    // Errands in the neighbourhood with most families who agreed: 8 requests, all taken (seedHistory).
    const shown = figures.filter((r) => r.needs !== null);
    expect(shown.length).toBeGreaterThanOrEqual(4);
    expect(shown.find((r) => r.helpType === 'errands' && r.needs === 8)?.medianHoursToMatch).toBe(25);
    // ...and cells of fewer than 5 requests stay withheld.
    expect(figures.some((r) => r.needs === null)).toBe(true);
    const coordinator = await signIn(app, 'genk', 'coordinator@genk.demo', DEMO_PASSWORD);
    const done = (
      await app.inject({ method: 'GET', url: '/api/help/needs?status=done', headers: coordinator.headers })
    ).json().needs as { status: string; householdId: string | null }[];
    expect(done.length).toBeGreaterThanOrEqual(25);
    expect(done.every((n) => n.status === 'done' && n.householdId !== null)).toBe(true);
  });

  it("has a past the module could have made: screened volunteers within reach and free, a yes in time, the family's consent first", async () => {
    const genk = (await findTenantBySlug(t.database, 'genk'))!;
    const rows = await t.database.inTenant(genk.id, async (tx) =>
      rowsOf<{
        created_at: Date;
        closed_at: Date;
        timing: { kind: string; date: string; start: number; end: number };
        lat: number;
        lon: number;
        proposed_at: Date;
        expires_at: Date;
        responded_at: Date;
        intake_done_on: string | null;
        agreement_signed_on: string | null;
        slots: { day: number; start: number; end: number }[];
        max_distance_km: number;
        home_lat: number;
        home_lon: number;
        commitment: string;
        agreed_at: Date | null;
      }>(
        await tx.execute(sql`select n.created_at, n.closed_at, n.timing, n.lat, n.lon,
            m.proposed_at, m.expires_at, m.responded_at,
            v.intake_done_on::text, v.agreement_signed_on::text, v.slots, v.max_distance_km, v.home_lat, v.home_lon,
            v.commitment,
            (select max(c.recorded_at) from consents c where c.tenant_id = n.tenant_id
              and c.person_id = n.contact_person_id and c.purpose = 'help_matching' and c.status = 'given') as agreed_at
          from help_needs n
          join help_matches m on m.tenant_id = n.tenant_id and m.need_id = n.id and m.status = 'completed'
          join volunteers v on v.tenant_id = m.tenant_id and v.user_id = m.volunteer_id
          where n.status = 'done'`),
      ),
    );
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const r of rows) {
      const created = new Date(r.created_at);
      const day = created.toISOString().slice(0, 10);
      expect(r.intake_done_on! <= day && r.agreement_signed_on! <= day).toBe(true);
      expect(r.agreed_at && new Date(r.agreed_at) < created).toBe(true);
      expect(r.commitment).not.toBe('recurring');
      expect(new Date(r.proposed_at) >= created).toBe(true);
      expect(new Date(r.responded_at) <= new Date(r.expires_at)).toBe(true);
      expect(r.timing.date > new Date(r.responded_at).toISOString().slice(0, 10)).toBe(true);
      expect(new Date(r.closed_at).toISOString().slice(0, 10) > r.timing.date).toBe(true);
      const weekday = (new Date(`${r.timing.date}T12:00:00Z`).getUTCDay() + 6) % 7;
      expect(
        r.slots.some((s) => s.day === weekday && s.start <= r.timing.start && r.timing.end <= s.end),
      ).toBe(true);
      expect(
        distanceKm({ lat: r.home_lat, lon: r.home_lon }, { lat: r.lat, lon: r.lon }),
      ).toBeLessThanOrEqual(r.max_distance_km);
    }
  });

  it('has the Öztürk family, Turkish-speaking with children, findable as "ozturk", with a timeline', async () => {
    const worker = await signIn(app, 'genk', 'social-worker@genk.demo', DEMO_PASSWORD);
    const found = await app.inject({ method: 'GET', url: '/api/persons?q=ozturk', headers: worker.headers });
    const family = found.json().filter((p: { familyName: string }) => p.familyName === 'Öztürk');
    expect(family.length).toBeGreaterThanOrEqual(4);
    expect(family.some((p: { age: number }) => p.age < 12)).toBe(true);
    const mehmet = family.find((p: { givenName: string }) => p.givenName === 'Mehmet');
    const page = await app.inject({
      method: 'GET',
      url: `/api/persons/${mehmet.id}?purpose=case_work`,
      headers: worker.headers,
    });
    const detail = page.json();
    expect(detail.person).toMatchObject({ preferredLanguage: 'tr', neighbourhoodName: 'Winterslag' });
    expect(detail.timeline.length).toBeGreaterThanOrEqual(3);
    const coach = await signIn(app, 'genk', 'coach@genk.demo', DEMO_PASSWORD);
    const coachView = await app.inject({
      method: 'GET',
      url: `/api/persons/${mehmet.id}?purpose=coaching`,
      headers: coach.headers,
    });
    // The demo coach follows the family through the trajectory, not the file (decision 0009).
    expect(coachView.statusCode).toBe(403);
  });
});
