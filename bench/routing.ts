// The route planner on the 56 Solomon VRPTW instances, against the best known distances
// (../shared/bench-data/vrptw, beside the repository). Reference: VROOM v1.12 averages +1.63%.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Job,
  type Point,
  type Problem,
  parseSolomon,
  planProblems,
  solve,
  type Vehicle,
} from '../src/engines/routing/index.ts';

const dataDir = path.resolve(import.meta.dirname, '../../shared/bench-data/vrptw');

export function benchRouting(
  iterations = Number(process.env.ROUTING_ITERATIONS ?? 20_000),
): [string, string, string][] {
  if (!existsSync(dataDir)) return [['routing: Solomon instances', 'skipped', `no data at ${dataDir}`]];
  const bks = JSON.parse(readFileSync(path.join(dataDir, 'BKS.json'), 'utf8')) as Record<
    string,
    { best_known_cost: number }
  >;
  const names = Object.keys(bks)
    .filter((k) => k.endsWith('_distance'))
    .map((k) => k.replace(/_distance$/, ''))
    .sort();
  const gaps: number[] = [];
  let ms = 0;
  let invalid = 0;
  for (const name of names) {
    const problem = parseSolomon(readFileSync(path.join(dataDir, 'solomon', `${name}.txt`), 'utf8'));
    const start = performance.now();
    const plan = solve(problem, { seed: 1, iterations });
    ms += performance.now() - start;
    if (planProblems(problem, plan).length > 0 || plan.unassigned.length > 0) invalid += 1;
    gaps.push((plan.distance / bks[`${name}_distance`]!.best_known_cost - 1) * 100);
    if (process.env.ROUTING_VERBOSE) console.log(name, gaps.at(-1)!.toFixed(2));
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  return [
    [
      `routing: ${names.length} Solomon instances, ${iterations} iterations`,
      `+${mean.toFixed(2)}% mean gap`,
      `median +${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}%, worst +${sorted.at(-1)!.toFixed(2)}%, ${invalid} invalid (VROOM: +1.63%)`,
    ],
    ['routing: time per instance', `${Math.round(ms / names.length)} ms`, 'one core'],
  ];
}

/** A door-to-door campaign: addresses spread over Genk's neighbourhoods, visitors on foot in day shifts. */
export function cityCampaign(addresses: number, visitors: number, days: number, seed = 7): Problem {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Neighbourhood centres around Genk; homes cluster around them.
  const centres = Array.from({ length: 12 }, () => ({
    lat: 50.94 + random() * 0.06,
    lon: 5.45 + random() * 0.11,
  }));
  const offices = centres.slice(0, 3);
  const points: Point[] = [...offices];
  const jobs: Job[] = [];
  for (let i = 0; i < addresses; i++) {
    const c = centres[Math.floor(random() * centres.length)]!;
    const r = Math.sqrt(random()) * 0.012;
    const angle = random() * 2 * Math.PI;
    points.push({ lat: c.lat + r * Math.sin(angle), lon: c.lon + r * Math.cos(angle) * 1.6 });
    // Some households are best visited in the evening (working families).
    const evening = random() < 0.15;
    jobs.push({
      id: `door-${i}`,
      location: points.length - 1,
      ready: evening ? 17 * 60 : 9 * 60,
      due: evening ? 20 * 60 : 17 * 60,
      service: 4,
      demand: 1,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let d = 0; d < days; d++) {
    for (let v = 0; v < visitors; v++) {
      const late = v % 3 === 2;
      vehicles.push({
        id: `visitor-${v}-day-${d}`,
        start: v % offices.length,
        end: v % offices.length,
        shiftStart: late ? 12 * 60 : 9 * 60,
        shiftEnd: late ? 20 * 60 : 17 * 60,
        capacity: 1000,
        minutesPerKm: v % 5 === 4 ? 4 : 12,
      });
    }
  }
  return { jobs, vehicles, size: points.length, points };
}

export function benchCampaign(
  addresses: number,
  visitors: number,
  budgetMs: number,
): [string, string, string] {
  const problem = cityCampaign(addresses, visitors, 5);
  const start = performance.now();
  const plan = solve(problem, { seed: 1, iterations: 10_000_000, timeBudgetMs: budgetMs });
  const ms = performance.now() - start;
  const planned = problem.jobs.length - plan.unassigned.length;
  const invalid = planProblems(problem, plan).length;
  return [
    `routing: campaign, ${addresses} doors, ${visitors} visitors x 5 days`,
    `${(ms / 1000).toFixed(1)} s`,
    `${((100 * planned) / addresses).toFixed(1)}% doors planned, ${plan.distance.toFixed(0)} km walked, ${invalid} rule breaks, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'campaign')
    console.log(
      benchCampaign(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])).join('  |  '),
    );
  else for (const row of benchRouting()) console.log(row.join('  |  '));
}
