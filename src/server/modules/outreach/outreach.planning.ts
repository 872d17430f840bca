import { type Job, type Plan, type Problem, solve, type Vehicle } from '../../../engines/routing/index.ts';

/**
 * The bridge between campaign rows and the route planner: which doors each group of shifts may
 * take, which doors no shift can ever reach in their visiting time, and the engine's problem.
 */

export interface PlanDoor {
  id: string;
  lat: number;
  lon: number;
  windowStart: number;
  windowEnd: number;
  /** The shift a coordinator put this door in by hand. */
  pinnedShiftId: string | null;
}

export interface PlanShift {
  id: string;
  start: number;
  end: number;
  lat: number;
  lon: number;
  mode: 'foot' | 'bike';
}

export const minutesPerKm = { foot: 12, bike: 4 } as const;
const DETOUR = 1.3;

/** Can this shift start a visit inside the door's window and still finish it before the shift ends? */
export function shiftCoversWindow(
  shift: Pick<PlanShift, 'start' | 'end'>,
  door: Pick<PlanDoor, 'windowStart' | 'windowEnd'>,
  visitMinutes: number,
): boolean {
  return Math.max(door.windowStart, shift.start) <= Math.min(door.windowEnd, shift.end - visitMinutes);
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const kmPerLon = 111.32 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kmPerLon, (a.lat - b.lat) * 110.57) * DETOUR;
}

/**
 * Whether the engine in this build plans from coordinates (`points` with per-vehicle speeds). An
 * engine that only reads matrices gets them instead; both give the same kind of plan.
 */
let enginePlansPoints: boolean | undefined;
function engineTakesPoints(): boolean {
  if (enginePlansPoints === undefined) {
    try {
      const probe = solve(
        {
          jobs: [{ id: 'j', location: 1, ready: 0, due: 1000, service: 1, demand: 1 }],
          vehicles: [
            { id: 'v', start: 0, end: 0, shiftStart: 0, shiftEnd: 1000, capacity: 1, minutesPerKm: 12 },
          ],
          size: 2,
          points: [
            { lat: 50.96, lon: 5.5 },
            { lat: 50.961, lon: 5.5 },
          ],
        } as unknown as Problem,
        { seed: 1, iterations: 1 },
      );
      enginePlansPoints = probe.routes.some((r) => r.stops.length === 1) && Number.isFinite(probe.distance);
    } catch {
      enginePlansPoints = false;
    }
  }
  return enginePlansPoints;
}

export function buildProblem(doors: PlanDoor[], shifts: PlanShift[], visitMinutes: number): Problem {
  const places = [
    ...shifts.map((s) => ({ lat: s.lat, lon: s.lon })),
    ...doors.map((d) => ({ lat: d.lat, lon: d.lon })),
  ];
  const jobs: Job[] = doors.map((d, i) => ({
    id: d.id,
    location: shifts.length + i,
    ready: d.windowStart,
    due: d.windowEnd,
    service: visitMinutes,
    demand: 1,
    ...(d.pinnedShiftId ? { pinnedTo: d.pinnedShiftId } : {}),
  }));
  const vehicles: (Vehicle & { minutesPerKm: number })[] = shifts.map((s, i) => ({
    id: s.id,
    start: i,
    end: i,
    shiftStart: s.start,
    shiftEnd: s.end,
    capacity: 10_000,
    minutesPerKm: minutesPerKm[s.mode],
  }));
  const size = places.length;
  if (engineTakesPoints()) {
    return { jobs, vehicles, size, points: places, detourFactor: DETOUR } as unknown as Problem;
  }
  // Matrices: one speed for the group (the slowest of its visitors), so no plan is too tight.
  const pace = Math.max(...vehicles.map((v) => v.minutesPerKm), 1);
  const distance = new Float64Array(size * size);
  const duration = new Float64Array(size * size);
  for (let a = 0; a < size; a++)
    for (let b = 0; b < size; b++) {
      const d = a === b ? 0 : km(places[a]!, places[b]!);
      distance[a * size + b] = d;
      duration[a * size + b] = d * pace;
    }
  return { jobs, vehicles, size, distance, duration } as unknown as Problem;
}

/** Plans one group of doors over one group of shifts; deterministic for the same input. */
export function planGroup(
  doors: PlanDoor[],
  shifts: PlanShift[],
  visitMinutes: number,
  budgetMs = 5_000,
): { plan: Plan; problem: Problem } {
  const problem = buildProblem(doors, shifts, visitMinutes);
  if (doors.length === 0 || shifts.length === 0) {
    return { plan: { routes: [], unassigned: doors.map((d) => d.id), distance: 0 }, problem };
  }
  const iterations = Math.min(20_000, Math.max(500, doors.length * 40));
  return { plan: solve(problem, { seed: 1, iterations, timeBudgetMs: budgetMs }), problem };
}
