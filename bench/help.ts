// Genk Helpt, the API side, on the demo city in PostgreSQL: ranking one request through the service
// and the HTTP route (rows to engine types, engine, explanation, audit), the matching board, and the
// all-at-once run, first with the demo volunteers and then with a pool of 2,000. The engine alone at
// scale is measured in bench/matching.ts. Run alone with `node --import tsx bench/help.ts`;
// `benchHelp()` returns the table rows for bench/run.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres, rowsOf } from '../src/server/db/client.ts';
import { createScratchDatabase } from '../src/server/db/scratch.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/seed/demo.ts';
import { seededRandom } from '../src/server/db/seed/demo-city.ts';
import { loadEnv } from '../src/server/env.ts';
import { buildApp } from '../src/server/http/app.ts';
import { centreOf } from '../src/server/modules/help/help.matching.ts';
import { helpNeeds, volunteers } from '../src/server/modules/help/help.tables.ts';
import { findTenantBySlug } from '../src/server/modules/identity/identity.service.ts';
import { users } from '../src/server/modules/identity/identity.tables.ts';
import { neighbourhoods } from '../src/server/modules/registry/registry.tables.ts';

type Row = [string, string, string];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function timed(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const TYPES = [
  'errands',
  'rides',
  'company',
  'homework',
  'language_buddy',
  'repairs',
  'paperwork',
  'digital',
];
const LANGUAGES = ['nl', 'fr', 'en', 'tr', 'ar', 'it', 'pl', 'el', 'es', 'ro'];

export async function benchHelp(): Promise<Row[]> {
  const rows: Row[] = [];
  const baseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(baseUrl, 'samen_bench_help');
  const database = await openPostgres(scratch.url, 10);
  const step = (message: string) => console.error(`[help bench] ${message}`);
  try {
    step('migrating and seeding the demo city');
    await database.migrate();
    await seedDemo(database);
    const genk = (await findTenantBySlug(database, 'genk'))!;
    const env = loadEnv({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'samen-bench-help-')),
      LOG_LEVEL: 'silent',
      DEMO: 'on',
    });
    const app = await buildApp({ env, database, migration: 'bench', webDir: null, logger: false });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: 'genk', email: 'coordinator@genk.demo', password: DEMO_PASSWORD },
    });
    const cookie = [login.headers['set-cookie']].flat()[0]!.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const headers = {
      cookie,
      'x-csrf-token': me.json().csrfToken as string,
      'content-type': 'application/json',
    };
    const needIds = (
      await database.inTenant(genk.id, (tx) => tx.select({ id: helpNeeds.id }).from(helpNeeds))
    ).map((n) => n.id);

    const measure = async (label: string) => {
      const [{ n: pool } = { n: 0 }] = rowsOf<{ n: number }>(
        await database.inTenant(genk.id, (tx) => tx.execute(sql`select count(*)::int as n from volunteers`)),
      );
      let i = 0;
      const rank = await timed(100, () =>
        app.inject({
          method: 'GET',
          url: `/api/help/needs/${needIds[i++ % needIds.length]}/candidates`,
          headers,
        }),
      );
      rows.push([
        `help: rank one request (GET candidates), ${label}`,
        `p50 ${ms(percentile(rank, 50))}`,
        `p95 ${ms(percentile(rank, 95))}, ${pool} volunteers`,
      ]);
      const board = await timed(30, () => app.inject({ method: 'GET', url: '/api/help/board', headers }));
      rows.push([
        `help: matching board, ${label}`,
        `p50 ${ms(percentile(board, 50))}`,
        `p95 ${ms(percentile(board, 95))}`,
      ]);
      const run = await timed(10, () =>
        app.inject({ method: 'POST', url: '/api/help/matching/run', headers, payload: '{}' }),
      );
      rows.push([
        `help: all-at-once run (review), ${label}`,
        `p50 ${ms(percentile(run, 50))}`,
        `${needIds.length} open requests`,
      ]);
    };

    step('measuring with the demo volunteers');
    await measure('demo pool');

    step('adding 2,000 volunteers');
    const r = seededRandom(2026);
    await database.inTenant(genk.id, async (tx) => {
      const areas = await tx
        .select()
        .from(neighbourhoods)
        .where(sql`${neighbourhoods.tenantId} = ${genk.id}`);
      const people = Array.from({ length: 2000 }, (_, i) => ({
        tenantId: genk.id,
        email: `bench.volunteer.${i}@genk.demo`,
        displayName: `Bench volunteer ${i}`,
        roles: ['volunteer'],
      }));
      const created: { id: string }[] = [];
      for (let i = 0; i < people.length; i += 500) {
        created.push(
          ...(await tx
            .insert(users)
            .values(people.slice(i, i + 500))
            .returning({ id: users.id })),
        );
      }
      const profiles = created.map(({ id }) => {
        const area = r.pick(areas);
        const home = centreOf(area.outline);
        const days = [0, 1, 2, 3, 4, 5, 6].filter(() => r.chance(0.4));
        return {
          tenantId: genk.id,
          userId: id,
          helpTypes: TYPES.filter(() => r.chance(0.3)).concat(r.pick(TYPES)),
          languages: ['nl', ...LANGUAGES.filter(() => r.chance(0.15))],
          homeAreaId: area.id,
          homeLat: home.lat,
          homeLon: home.lon,
          maxDistanceKm: r.int(2, 10),
          slots: days.map((day) => ({ day, start: 9 * 60, end: 21 * 60 })),
          capacity: r.int(1, 3),
          intakeDoneOn: '2026-01-01',
          agreementSignedOn: '2026-01-01',
          goodConductOn: r.chance(0.3) ? '2026-01-01' : null,
        };
      });
      for (let i = 0; i < profiles.length; i += 500)
        await tx.insert(volunteers).values(profiles.slice(i, i + 500));
    });
    const owner = new pg.Client({ connectionString: scratch.url });
    await owner.connect();
    await owner.query('analyze');
    await owner.end();
    step('measuring with 2,000 volunteers');
    await measure('2,000 volunteers');
    await app.close();
  } finally {
    await database.close();
    await scratch.drop();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchHelp();
  for (const [what, value, note] of rows) console.log(`${what.padEnd(60)} ${value.padEnd(16)} ${note}`);
}
