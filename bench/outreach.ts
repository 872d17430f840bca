// Door-to-door outreach, the module side, on the demo city in PostgreSQL: setting up a campaign
// (finding its doors), planning it end to end through the service (rows to the engine's problem,
// the engine, writing every door's round, order and time back), re-planning the demo campaign, and
// syncing the doorstep outbox (new records, then the same records again), and the revisits job. The engine alone is
// measured in bench/routing.ts. `OUTREACH_SCALE=full` seeds the whole demo city (28,000 households).
// Run alone with `node --import tsx bench/outreach.ts`; `benchOutreach()` returns the table rows.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { openPostgres, rowsOf } from '../src/server/db/client.ts';
import { createScratchDatabase } from '../src/server/db/scratch.ts';
import { type DemoScale, seedDemo } from '../src/server/db/seed/demo.ts';
import { DEMO_CAMPAIGN } from '../src/server/db/seed/demo-outreach.ts';
import { findTenantBySlug } from '../src/server/modules/identity/identity.service.ts';
import { users } from '../src/server/modules/identity/identity.tables.ts';
import { planRevisits } from '../src/server/modules/outreach/outreach.revisits.ts';
import {
  createCampaign,
  myRounds,
  planCampaign,
  syncVisits,
} from '../src/server/modules/outreach/outreach.service.ts';
import { outreachCampaigns } from '../src/server/modules/outreach/outreach.tables.ts';
import { neighbourhoods } from '../src/server/modules/registry/registry.tables.ts';
import type { VisitRecord } from '../src/shared/outreach.schemas.ts';
import type { Role } from '../src/shared/permissions.ts';

type Row = [string, string, string];
const ms = (v: number) => `${v.toFixed(0)} ms`;

export async function benchOutreach(): Promise<Row[]> {
  const rows: Row[] = [];
  const scale = (process.env.OUTREACH_SCALE ?? 'small') as DemoScale;
  const baseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(baseUrl, 'samen_bench_outreach');
  const database = await openPostgres(scratch.url, 10);
  const step = (message: string) => console.error(`[outreach bench] ${message}`);
  try {
    step(`migrating and seeding the demo city (${scale})`);
    await database.migrate();
    await seedDemo(database, { scale });
    const tenant = (await findTenantBySlug(database, 'genk'))!;
    const tenantId = tenant.id;
    const people = await database.inTenant(tenantId, (tx) =>
      tx.select().from(users).where(eq(users.tenantId, tenantId)),
    );
    const coordinator = people.find((u) => u.roles.includes('coordinator'))!;
    const visitor = people.find((u) => u.roles.includes('home_visitor'))!;
    const viewer = (user: typeof coordinator, roles: Role[]) => ({
      tenantId,
      userId: user.id,
      label: user.displayName,
      roles,
    });
    const manager = viewer(coordinator, ['coordinator']);

    const [demo] = await database.inTenant(tenantId, (tx) =>
      tx
        .select({ id: outreachCampaigns.id })
        .from(outreachCampaigns)
        .where(and(eq(outreachCampaigns.tenantId, tenantId), eq(outreachCampaigns.name, DEMO_CAMPAIGN))),
    );
    let t0 = performance.now();
    const replanned = await database.inTenant(tenantId, (tx) => planCampaign(tx, manager, demo!.id));
    rows.push([
      'outreach: re-plan the demo campaign (Kolderbos)',
      ms(performance.now() - t0),
      `${replanned.planned} doors, ${replanned.rounds} rounds`,
    ]);

    // A city-wide campaign: every neighbourhood, one city team, ten visitors on foot or by bike
    // over five days (the same visitor account stands in for the ten).
    const areas = await database.inTenant(tenantId, (tx) =>
      tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.tenantId, tenantId)),
    );
    const today = new Date().toISOString().slice(0, 10);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const shifts = Array.from({ length: 50 }, (_, i) => ({
      visitorUserId: visitor.id,
      day: day(i % 5),
      start: 9 * 60,
      end: 17 * 60,
      mode: (i % 2 === 0 ? 'foot' : 'bike') as 'foot' | 'bike',
    }));
    t0 = performance.now();
    const { id } = await database.inTenant(tenantId, (tx) =>
      createCampaign(tx, manager, {
        name: 'Bench: the whole city',
        purpose: 'Benchmark',
        startsOn: today,
        endsOn: day(13),
        neighbourhoodIds: areas.map((a) => a.id),
        streets: [],
        filter: 'none',
        questions: [],
        tips: [],
        visitMinutes: 10,
        windowStart: 9 * 60,
        windowEnd: 20 * 60,
        teams: [],
        shifts,
      }),
    );
    const setUp = performance.now() - t0;
    const [{ doors } = { doors: 0 }] = await database.inTenant(tenantId, async (tx) =>
      rowsOf<{ doors: number }>(
        await tx.execute(sql`select count(*)::int as doors from outreach_doors where campaign_id = ${id}`),
      ),
    );
    rows.push(['outreach: set up a city-wide campaign', ms(setUp), `${doors} doors found`]);
    t0 = performance.now();
    const plan = await database.inTenant(tenantId, (tx) => planCampaign(tx, manager, id));
    rows.push([
      'outreach: plan it through the service',
      ms(performance.now() - t0),
      `${plan.planned} planned in ${plan.rounds} rounds, ${plan.unplanned.length} left out with a reason, ${plan.kilometres} km`,
    ]);

    // The doorstep: download the rounds, then sync every door in batches of 50, then again.
    t0 = performance.now();
    const mine = await database.inTenant(tenantId, (tx) => myRounds(tx, viewer(visitor, ['home_visitor'])));
    const download = performance.now() - t0;
    const all = mine.rounds.flatMap((r) => r.doors);
    rows.push([
      'outreach: download the rounds (one visitor)',
      ms(download),
      `${mine.rounds.length} rounds, ${all.length} doors`,
    ]);
    const now = new Date().toISOString();
    const records: VisitRecord[] = all.map((d, i) => ({
      clientId: randomUUID(),
      doorId: d.id,
      baseVersion: d.version,
      outcome: i % 3 === 0 ? 'not_home' : i % 3 === 1 ? 'refused' : 'talked',
      recordedAt: now,
      needs: i % 3 === 2 ? ['loneliness'] : [],
      tips: [],
      followUps: i % 6 === 2 ? [{ kind: 'callback', note: 'next week', consent: true }] : [],
    }));
    const batches: VisitRecord[][] = [];
    for (let i = 0; i < records.length; i += 50) batches.push(records.slice(i, i + 50));
    for (const label of ['new records', 'the same records again']) {
      t0 = performance.now();
      let created = 0;
      for (const batch of batches) {
        const answer = await database.inTenant(tenantId, (tx) =>
          syncVisits(tx, viewer(visitor, ['home_visitor']), batch),
        );
        created += answer.results.filter((r) => r.status === 'created').length;
      }
      const elapsed = performance.now() - t0;
      rows.push([
        `outreach: sync ${label} (batches of 50)`,
        `${((records.length / elapsed) * 1000).toFixed(0)} records/s`,
        `${records.length} records, ${created} created, ${ms(elapsed)}`,
      ]);
    }

    // The hourly job: every "not home" door of the sync above back into a round on a later day,
    // only those days' rounds planned again.
    t0 = performance.now();
    const revisits = await database.inTenant(tenantId, (tx) => planRevisits(tx, manager, id));
    rows.push([
      'outreach: plan the revisits of "not home" doors',
      ms(performance.now() - t0),
      `${revisits.planned} back in a round, days re-planned: ${revisits.days.length}, waiting with a reason: ${revisits.waiting}`,
    ]);
  } finally {
    await database.close();
    await scratch.drop();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchOutreach();
  for (const [what, value, note] of rows) console.log(`${what.padEnd(48)} ${value.padStart(16)}  ${note}`);
}
