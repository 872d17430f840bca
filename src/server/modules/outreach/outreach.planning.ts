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

const minutesPerKm = { foot: 12, bike: 4 } as const;
const DETOUR = 1.3;

/** Can this shift start a visit inside the door's window and still finish it before the shift ends? */
export function shiftCoversWindow(
  shift: Pick<PlanShift, 'start' | 'end'>,
  door: Pick<PlanDoor, 'windowStart' | 'windowEnd'>,
  visitMinutes: number,
): boolean {
  return Math.max(door.windowStart, shift.start) <= Math.min(door.windowEnd, shift.end - visitMinutes);
}

function buildProblem(doors: PlanDoor[], shifts: PlanShift[], visitMinutes: number): Problem {
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
  const vehicles: Vehicle[] = shifts.map((s, i) => ({
    id: s.id,
    start: i,
    end: i,
    shiftStart: s.start,
    shiftEnd: s.end,
    capacity: 10_000,
    minutesPerKm: minutesPerKm[s.mode],
  }));
  // The engine plans from coordinates: distance is the straight line times the detour factor, and
  // each visitor's time follows from their own pace (on foot or by bike).
  return { jobs, vehicles, size: places.length, points: places, detourFactor: DETOUR };
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
