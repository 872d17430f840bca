import type { Problem } from './types.ts';

/** Distances and durations between locations, from matrices or from coordinates. */
export interface Travel {
  distance(a: number, b: number): number;
  /** Duration for vehicle v. */
  duration(v: number, a: number, b: number): number;
  /** For each job (given by its location), the k nearest other jobs, nearest first (ties by index). */
  nearest(jobLocations: Int32Array, k: number): Int32Array[];
}

export function travelOf(problem: Problem): Travel {
  if (problem.distance) {
    const size = problem.size;
    const dist = problem.distance;
    const dur = problem.duration ?? problem.distance;
    return {
      distance: (a, b) => dist[a * size + b]!,
      duration: (_v, a, b) => dur[a * size + b]!,
      nearest(loc, k) {
        const n = loc.length;
        return Array.from({ length: n }, (_, a) => {
          const others: number[] = [];
          for (let b = 0; b < n; b++) if (b !== a) others.push(b);
          const row = loc[a]! * size;
          others.sort((p, q) => dist[row + loc[p]!]! - dist[row + loc[q]!]! || p - q);
          return Int32Array.from(others.slice(0, k));
        });
      },
    };
  }
  if (!problem.points) throw new Error('a routing problem needs distance matrices or points');
  // Project once to a local plane in km (equirectangular around the mean latitude: exact enough
  // within a region of tens of km), then every distance is a hypot.
  const points = problem.points;
  const meanLat = points.reduce((s, p) => s + p.lat, 0) / Math.max(1, points.length);
  const kmPerLon = 111.32 * Math.cos((meanLat * Math.PI) / 180);
  const kmPerLat = 110.57;
  const x = Float64Array.from(points, (p) => p.lon * kmPerLon);
  const y = Float64Array.from(points, (p) => p.lat * kmPerLat);
  const detour = problem.detourFactor ?? 1.3;
  const minutesPerKm = Float64Array.from(problem.vehicles, (v) => v.minutesPerKm ?? 12);
  const distance = (a: number, b: number) => Math.hypot(x[a]! - x[b]!, y[a]! - y[b]!) * detour;
  return {
    distance,
    duration: (v, a, b) => distance(a, b) * minutesPerKm[v]!,
    nearest(loc, k) {
      // A uniform grid of jobs: look in growing rings of cells until the k nearest are certain.
      const n = loc.length;
      const cell = 0.25;
      const grid = new Map<number, number[]>();
      const key = (cx: number, cy: number) => cx * 1_000_003 + cy;
      const cellOf = (j: number) => [Math.floor(x[loc[j]!]! / cell), Math.floor(y[loc[j]!]! / cell)] as const;
      for (let j = 0; j < n; j++) {
        const [cx, cy] = cellOf(j);
        const id = key(cx, cy);
        const bucket = grid.get(id);
        if (bucket) bucket.push(j);
        else grid.set(id, [j]);
      }
      const between = (a: number, b: number) => distance(loc[a]!, loc[b]!);
      return Array.from({ length: n }, (_, a) => {
        const [cx, cy] = cellOf(a);
        const found: number[] = [];
        for (let ring = 0; found.length < n - 1; ring++) {
          for (let gx = cx - ring; gx <= cx + ring; gx++) {
            const edge = gx === cx - ring || gx === cx + ring;
            for (let gy = cy - ring; gy <= cy + ring; gy += edge ? 1 : 2 * ring) {
              for (const b of grid.get(key(gx, gy)) ?? []) if (b !== a) found.push(b);
            }
          }
          // Every job within ring x cell km (straight line) has been seen by now.
          if (found.length >= k) {
            const reach = ring * cell * detour;
            let close = 0;
            for (const b of found) if (between(a, b) <= reach) close++;
            if (close >= k) break;
          }
        }
        const keyed = found.map((b) => ({ b, d: between(a, b) }));
        keyed.sort((p, q) => p.d - q.d || p.b - q.b);
        return Int32Array.from(keyed.slice(0, k), (e) => e.b);
      });
    },
  };
}
