// `npm run bench`: start-up time on both databases, and an authenticated read endpoint under load
// beside pgbench running the same SQL at the same concurrency. Prints a table; targets are checked
// here, not in timed tests. Needs the machine's PostgreSQL (DATABASE_URL, or the local default).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createScratchDatabase } from '../src/server/db/scratch.ts';
import { benchCoaching } from './coaching.ts';
import { benchHelp } from './help.ts';
import { benchMatching } from './matching.ts';
import { benchOutreach } from './outreach.ts';
import { benchRegistry } from './registry.ts';
import { benchCampaign, benchRouting } from './routing.ts';
import { benchSignals } from './signals.ts';
import { benchWeb } from './web.ts';

const baseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 50;
const DURATION_S = 10;
const rows: [string, string, string][] = [];

function startServer(
  port: number,
  env: Record<string, string>,
): { child: ChildProcess; ready: Promise<number> } {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', DEMO: 'on', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://localhost:${port}/api/health`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return { child, ready };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function signIn(port: number) {
  const response = await fetch(`http://localhost:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'genk', email: 'coordinator@genk.demo', password: 'samen-demo-2026' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Builds the web bundle unless it is already up to date with its sources. */
function ensureWebBuilt() {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', '-e', "await (await import('./src/server/main.ts')).ensureWebBuilt(console)"],
    {
      stdio: 'inherit',
    },
  );
}

/** Start-up on both databases, and the API under load beside pgbench. */
async function benchPlatform() {
  // The web bundle is built once beforehand so start-up times measure the server, not Vite.
  ensureWebBuilt();

  // 1. Start-up to first answered request.
  const pgliteDir = mkdtempSync(path.join(tmpdir(), 'samen-bench-'));
  for (const label of ['first start (migrate + demo seed)', 'restart']) {
    const server = startServer(4101, { DATA_DIR: pgliteDir, DATABASE_URL: '' });
    const ms = await server.ready;
    rows.push([`start-up, PGlite, ${label}`, `${Math.round(ms)} ms`, 'first answered request']);
    await stop(server.child);
  }
  const database = await createScratchDatabase(baseUrl, 'samen_bench');
  try {
    let server: ReturnType<typeof startServer> | null = null;
    for (const label of ['first start (migrate + demo seed)', 'restart']) {
      server = startServer(4102, { DATA_DIR: pgliteDir, DATABASE_URL: database.url, JOBS: 'off' });
      const ms = await server.ready;
      rows.push([`start-up, PostgreSQL, ${label}`, `${Math.round(ms)} ms`, 'first answered request']);
      if (label === 'restart') break;
      await stop(server.child);
    }

    // 2. An authenticated read (session check + one indexed query) under load, on PostgreSQL.
    const cookie = await signIn(4102);
    // A few seconds first, not counted, so the JIT, the pool and the statement caches are warm.
    await autocannon({
      url: 'http://localhost:4102/api/neighbourhoods',
      connections: CONNECTIONS,
      duration: 3,
      headers: { cookie },
    });
    const result = await autocannon({
      url: 'http://localhost:4102/api/neighbourhoods',
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { cookie },
    });
    const apiRps = result.requests.average;
    const p99 = result.latency.p99;
    const non2xx = result.non2xx + result.errors;
    await stop(server!.child);

    // 3. pgbench with the same statements, as the same role, at the same concurrency.
    const tenantId = cookie.split('=')[1]!.split('.')[0]!;
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`select set_config('app.tenant_id', $1, false)`, [tenantId]);
    const session = await owner.query('select token_hash from sessions where tenant_id = $1 limit 1', [
      tenantId,
    ]);
    await owner.end();
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'samen-pgbench-')), 'read.sql');
    // What the API sends, round trip for round trip: BEGIN with the session check (session_lookup
    // sets the tenant), the route's query, COMMIT. `\;` makes pgbench send the first two as one.
    writeFileSync(
      script,
      [
        `BEGIN \\; select * from session_lookup('${tenantId}', '${session.rows[0].token_hash}');`,
        `select id, code, name, is_focus as "isFocus", outline::text as "outlineJson" from neighbourhoods where tenant_id = '${tenantId}' order by name;`,
        'COMMIT;',
        '',
      ].join('\n'),
    );
    // Each transaction's latency is logged too: the database's own p99 at this concurrency is the
    // floor under any endpoint's p99 on the same machine.
    const logDir = path.dirname(script);
    const out = execFileSync(
      'pgbench',
      [
        '-n',
        '-c',
        String(CONNECTIONS),
        '-j',
        '2',
        '-T',
        String(DURATION_S),
        '-l',
        `--log-prefix=${path.join(logDir, 'tx')}`,
        '-f',
        script,
        database.url,
      ],
      { env: { ...process.env, PGOPTIONS: '-c role=samen_app' }, encoding: 'utf8' },
    );
    const pgTps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
    const latencies = readdirSync(logDir)
      .filter((name) => name.startsWith('tx.'))
      .flatMap((name) => readFileSync(path.join(logDir, name), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const pgP50 = latencies[Math.floor(latencies.length * 0.5)]!;
    const pgP99 = latencies[Math.floor(latencies.length * 0.99)]!;
    // 4. The floor: a bare node:http server with the same driver and the same round trips.
    const floor = spawn(process.execPath, ['--import', 'tsx', 'bench/platform-floor.ts'], {
      env: {
        ...process.env,
        FLOOR_DATABASE_URL: database.url,
        FLOOR_TENANT: tenantId,
        FLOOR_TOKEN_HASH: session.rows[0].token_hash,
        FLOOR_PORT: '4103',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise((resolve) => floor.once('message', resolve));
    await autocannon({ url: 'http://localhost:4103/', connections: CONNECTIONS, duration: 3 });
    const bare = await autocannon({
      url: 'http://localhost:4103/',
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    await stop(floor);

    const ratio = apiRps / pgTps;
    rows.push([
      `GET /api/neighbourhoods, ${CONNECTIONS} connections, ${DURATION_S} s`,
      `${Math.round(apiRps)} req/s`,
      `${non2xx} errors or non-2xx`,
    ]);
    rows.push([
      '  latency p50 / p99',
      `${result.latency.p50} / ${p99} ms`,
      `target p99 < 25 ms: ${p99 < 25 ? 'met' : 'MISSED'}`,
    ]);
    rows.push([`pgbench, same SQL, ${CONNECTIONS} clients, ${DURATION_S} s`, `${Math.round(pgTps)} tps`, '']);
    rows.push([
      '  latency p50 / p99',
      `${pgP50.toFixed(1)} / ${pgP99.toFixed(1)} ms`,
      "the database alone, the API's floor",
    ]);
    rows.push(['  API / pgbench', ratio.toFixed(2), `target >= 0.50: ${ratio >= 0.5 ? 'met' : 'MISSED'}`]);
    rows.push([
      'floor: bare node:http + pg, same round trips',
      `${Math.round(bare.requests.average)} req/s`,
      `p50 / p99 ${bare.latency.p50} / ${bare.latency.p99} ms; / pgbench ${(bare.requests.average / pgTps).toFixed(2)}`,
    ]);
    rows.push(['  API / floor', (apiRps / bare.requests.average).toFixed(2), "the framework's share"]);
  } finally {
    await database.drop();
  }
}

const sections: Record<string, () => Promise<void> | void> = {
  matching: async () => {
    rows.push(...(await benchMatching()));
  },
  routing: () => {
    rows.push(...benchRouting());
    rows.push(benchCampaign(5_000, 14, 25_000));
    if (process.env.BENCH_QUICK !== '1') rows.push(benchCampaign(50_000, 100, 240_000));
  },
  platform: benchPlatform,
  registry: async () => {
    rows.push(...(await benchRegistry()));
  },
  help: async () => {
    rows.push(...(await benchHelp()));
  },
  signals: async () => {
    rows.push(...(await benchSignals()));
  },
  coaching: () => {
    rows.push(...benchCoaching());
  },
  // The first visit's download: the sign-in page and the public "ask for help" page.
  web: async () => {
    ensureWebBuilt();
    rows.push(...(await benchWeb(startServer, stop)));
  },
  // Door-to-door through the service on PostgreSQL: set-up, planning, revisits, download and sync.
  outreach: async () => {
    rows.push(...(await benchOutreach()));
  },
};

/** `npm run bench` runs every section; `BENCH=platform,registry npm run bench` runs some. */
async function main() {
  const chosen = (process.env.BENCH ?? Object.keys(sections).join(',')).split(',');
  for (const name of chosen) {
    const section = sections[name.trim()];
    if (!section)
      throw new Error(`unknown bench section "${name}"; known: ${Object.keys(sections).join(', ')}`);
    console.error(`== ${name}`);
    await section();
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'measure'.padEnd(width)}  ${'result'.padEnd(18)}  note`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(18)}  ${'-'.repeat(30)}`);
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(18)}  ${note}`);
}

await main();
