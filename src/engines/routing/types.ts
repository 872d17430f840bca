/** The route planner's inputs and outputs: plain data, no I/O. Times and durations in one unit (minutes in Samen). */

export interface Job {
  id: string;
  /** Index into the travel matrices. */
  location: number;
  /** Earliest and latest start of the visit (its time window). */
  ready: number;
  due: number;
  /** How long the visit takes. */
  service: number;
  /** Load it takes (1 per door for visits; Solomon demands in the benchmarks). */
  demand: number;
  /** Only this vehicle may take it (a coordinator moved the door by hand). */
  pinnedTo?: string;
}

export interface Vehicle {
  id: string;
  start: number;
  end: number;
  shiftStart: number;
  shiftEnd: number;
  capacity: number;
  /** With `points`: how many minutes this vehicle takes per km (on foot about 12, by bike about 4). */
  minutesPerKm?: number;
}

export interface Point {
  lat: number;
  lon: number;
}

/**
 * Travel is given either as row-major size x size matrices (distance drives the objective,
 * duration the schedule), or, for city-sized problems where a matrix would not fit, as WGS84
 * points: distance is then the straight line times a detour factor for the street network, in km,
 * and duration follows from each vehicle's minutes per km.
 */
export interface Problem {
  jobs: readonly Job[];
  vehicles: readonly Vehicle[];
  size: number;
  distance?: Float64Array;
  duration?: Float64Array;
  points?: readonly Point[];
  /** Street distance / straight-line distance; 1.3 is typical for walking in a town. */
  detourFactor?: number;
}

export interface Stop {
  jobId: string;
  arrival: number;
  start: number;
  departure: number;
}

export interface Route {
  vehicleId: string;
  stops: Stop[];
  distance: number;
  /** When the vehicle is back at its end location. */
  end: number;
}

export interface Plan {
  routes: Route[];
  unassigned: string[];
  distance: number;
}

export interface SolveOptions {
  seed?: number;
  /** Iterations of ruin and recreate; with the seed this fixes the result. */
  iterations?: number;
  /** Optional wall-clock cap in ms (then the result may depend on the machine's speed). */
  timeBudgetMs?: number;
}
