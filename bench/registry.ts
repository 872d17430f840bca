// Registry benchmark on the full-scale demo city in PostgreSQL: name search, opening a person page,
// importing 100,000 addresses beside a plain COPY of the same rows. Run alone with
// `node --import tsx bench/registry.ts`; `benchRegistry()` returns the table rows for bench/run.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres, rowsOf } from '../src/server/db/client.ts';
import { createScratchDatabase } from '../src/server/db/scratch.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/seed/demo.ts';
import { seededRandom } from '../src/server/db/seed/demo-city.ts';
import { loadEnv } from '../src/server/env.ts';
import { buildApp } from '../src/server/http/app.ts';
import { findTenantBySlug } from '../src/server/modules/identity/identity.service.ts';
import { wgs84ToLambert72 } from '../src/server/modules/registry/address-csv.ts';
import { startAddressImport } from '../src/server/modules/registry/address-import.service.ts';

type Row = [string, string, string];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** 100,000 addresses in the shape of the address register export, Lambert 72 coordinates, all new to the city. */
export function generateAddressCsv(count: number, seed = 7): string {
  const r = seededRandom(seed);
  const lines = ['straatnaam;huisnummer;busnummer;postcode;gemeentenaam;x;y'];
  for (let i = 0; i < count; i++) {
    const street = `Proefstraat ${Math.floor(i / 400) + 1}`;
    const number = (i % 400) + 1;
    const { x, y } = wgs84ToLambert72(5.43 + r.next() * 0.15, 50.93 + r.next() * 0.08);
    lines.push(`${street};${number};;3600;Genk;${x.toFixed(2)};${y.toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function benchRegistry(): Promise<Row[]> {
  const rows: Row[] = [];
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(baseUrl, 'samen_bench');
  const url = new URL(scratch.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'samen-bench-'));
  const database = await openPostgres(url.toString(), 10);
  const owner = new pg.Client({ connectionString: url.toString() });
  // Dropping the database at the end ends every connection to it; that is expected.
  owner.on('error', () => undefined);
  const step = (message: string) => console.error(`[registry bench] ${message}`);
  try {
    step('migrating and seeding the full demo city');
    await database.migrate();
    let started = performance.now();
    await seedDemo(database, { scale: 'full' });
    const seedSeconds = (performance.now() - started) / 1000;
    const genk = (await findTenantBySlug(database, 'genk'))!;
    const [counts] = await database.inTenant(genk.id, async (tx) =>
      rowsOf<{ persons: number; households: number }>(
        await tx.execute(
          sql`select (select count(*) from persons)::int as persons, (select count(*) from households)::int as households`,
        ),
      ),
    );
    rows.push([
      'demo city, full scale (seed)',
      `${seedSeconds.toFixed(1)} s`,
      `${counts!.households} households, ${counts!.persons} residents`,
    ]);
    await owner.connect();
    await owner.query('analyze');
    step('searching and opening person pages');

    const env = loadEnv({ DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO: 'on' });
    const app = await buildApp({ env, database, migration: 'bench', webDir: null, logger: false });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: 'genk', email: 'social-worker@genk.demo', password: DEMO_PASSWORD },
    });
    const cookie = [login.headers['set-cookie']].flat()[0]!.split(';')[0]!;
    const headers = { cookie };

    const queries = [
      'ozturk',
      'Oztürk',
      'peeters',
      'janssns',
      'rossi',
      'esposito',
      'el amrani',
      'yilmaz',
      'nowak',
      'garcia',
      'papadop',
      'kaya',
      'jan peeters',
      'maria',
      'haddad',
      'kowalski',
      'Lindenlaan',
      'mbuyi',
      'shevchenko',
      'ahmadi',
    ];
    const search: number[] = [];
    const hits: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = queries[i % queries.length]!;
      const t0 = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: `/api/persons?q=${encodeURIComponent(q)}`,
        headers,
      });
      search.push(performance.now() - t0);
      hits.push(response.json().length);
    }
    rows.push([
      'name search p95 (HTTP, in process)',
      ms(percentile(search.slice(20), 95)),
      `target < 50 ms; median ${ms(percentile(search.slice(20), 50))}; ${Math.round(hits.reduce((a, b) => a + b, 0) / hits.length)} results on average`,
    ]);

    const sample = await owner.query<{ id: string }>(
      `select p.id from persons p where p.tenant_id = $1 order by md5(p.id::text) limit 200`,
      [genk.id],
    );
    const open: number[] = [];
    for (const { id } of sample.rows) {
      const t0 = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: `/api/persons/${id}?purpose=case_work`,
        headers,
      });
      open.push(performance.now() - t0);
      if (response.statusCode !== 200) throw new Error(`person page answered ${response.statusCode}`);
    }
    rows.push([
      'person page p95 (record, households, consents, timeline, audited)',
      ms(percentile(open.slice(20), 95)),
      `target < 50 ms; median ${ms(percentile(open.slice(20), 50))}`,
    ]);
    await app.close();

    step('importing 100,000 addresses');
    const csv = generateAddressCsv(100_000);
    const file = path.join(dir, 'addresses.csv');
    writeFileSync(file, csv);
    started = performance.now();
    const { finished } = await startAddressImport(
      database,
      { tenantId: genk.id, userId: null, label: 'bench' },
      Buffer.from(csv),
      'addresses.csv',
    );
    const result = await finished;
    const importSeconds = (performance.now() - started) / 1000;
    if (result.status !== 'done') throw new Error(`import failed: ${result.error}`);
    rows.push([
      'address import, 100,000 rows (parse, Lambert 72 to WGS84, neighbourhood, insert)',
      `${importSeconds.toFixed(1)} s`,
      `target < 30 s; ${result.insertedRows} inserted`,
    ]);

    await owner.query(
      'create table bench_addresses (street text, house_number text, box text, postcode text, municipality text, x double precision, y double precision)',
    );
    let copySeconds: number | null = null;
    try {
      started = performance.now();
      execFileSync('psql', [
        url.toString(),
        '-q',
        '-c',
        `\\copy bench_addresses from '${file}' with (format csv, header true, delimiter ';')`,
      ]);
      copySeconds = (performance.now() - started) / 1000;
    } catch {
      copySeconds = null;
    }
    rows.push([
      'plain COPY of the same rows into a bare table (psql \\copy)',
      copySeconds === null ? 'n/a' : `${copySeconds.toFixed(2)} s`,
      copySeconds === null
        ? 'psql not available'
        : `import takes ${(importSeconds / copySeconds).toFixed(1)}x the COPY time`,
    ]);
    // Shared machines skew every figure above: say how busy this one was.
    rows.push([
      'machine load during the run',
      `${loadavg()[0]!.toFixed(1)}`,
      `1-minute load average on ${availableParallelism()} cores (above the core count, timings stretch)`,
    ]);
  } catch (error) {
    step(`failed: ${(error as Error).message.slice(0, 300)}`);
    throw error;
  } finally {
    await owner.end().catch(() => undefined);
    await database.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchRegistry().catch((error: unknown) => {
    console.error(`registry bench failed: ${(error as Error).message.slice(0, 300)}`);
    console.error((error as { cause?: Error }).cause?.message ?? '');
    process.exit(1);
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), 7));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(['measure', 'result', 'note']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  process.exit(0);
}
