import type { Problem } from './types.ts';

/** Reads a Solomon VRPTW instance (the classic text format) into a Problem with Euclidean distances. */
export function parseSolomon(text: string): Problem & { name: string } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines[0] ?? 'instance';
  const vehicleLine = lines.findIndex((l) => /^NUMBER\s+CAPACITY/.test(l));
  const [count, capacity] = (lines[vehicleLine + 1] ?? '').split(/\s+/).map(Number) as [number, number];
  const rows = lines
    .slice(lines.findIndex((l) => l.startsWith('CUST NO.')) + 1)
    .filter((l) => /^\d/.test(l))
    .map((l) => l.split(/\s+/).map(Number));
  const size = rows.length;
  const distance = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      distance[a * size + b] = Math.hypot(rows[a]![1]! - rows[b]![1]!, rows[a]![2]! - rows[b]![2]!);
    }
  }
  const depot = rows[0]!;
  return {
    name,
    size,
    distance,
    jobs: rows.slice(1).map((r) => ({
      id: String(r[0]),
      location: r[0]!,
      demand: r[3]!,
      ready: r[4]!,
      due: r[5]!,
      service: r[6]!,
    })),
    vehicles: Array.from({ length: count }, (_, i) => ({
      id: `v${i + 1}`,
      start: 0,
      end: 0,
      shiftStart: depot[4]!,
      shiftEnd: depot[5]!,
      capacity,
    })),
  };
}
