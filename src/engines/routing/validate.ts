import { travelOf } from './travel.ts';
import type { Plan, Problem } from './types.ts';

/** Every rule a plan must keep; returns what is broken, empty when the plan is valid. */
export function planProblems(problem: Problem, plan: Plan): string[] {
  const problems: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const travel = travelOf(problem);
  const vehicleIndex = new Map(problem.vehicles.map((v, i) => [v.id, i]));
  const seen = new Set<string>();
  for (const route of plan.routes) {
    const vehicle = vehicles.get(route.vehicleId);
    if (!vehicle) {
      problems.push(`unknown vehicle ${route.vehicleId}`);
      continue;
    }
    let place = vehicle.start;
    let time = vehicle.shiftStart;
    let load = 0;
    for (const stop of route.stops) {
      const job = jobs.get(stop.jobId);
      if (!job) {
        problems.push(`unknown job ${stop.jobId}`);
        continue;
      }
      if (seen.has(job.id)) problems.push(`job ${job.id} visited twice`);
      seen.add(job.id);
      if (job.pinnedTo && job.pinnedTo !== vehicle.id)
        problems.push(`job ${job.id} is pinned to ${job.pinnedTo}`);
      const start = Math.max(
        job.ready,
        time + travel.duration(vehicleIndex.get(vehicle.id)!, place, job.location),
      );
      if (start > job.due + 1e-6) problems.push(`job ${job.id} starts at ${start}, after ${job.due}`);
      time = start + job.service;
      place = job.location;
      load += job.demand;
    }
    if (load > vehicle.capacity) problems.push(`vehicle ${vehicle.id} carries ${load} > ${vehicle.capacity}`);
    const back = time + travel.duration(vehicleIndex.get(vehicle.id)!, place, vehicle.end);
    if (back > vehicle.shiftEnd + 1e-6)
      problems.push(`vehicle ${vehicle.id} is back at ${back}, after ${vehicle.shiftEnd}`);
  }
  for (const id of plan.unassigned) {
    if (seen.has(id)) problems.push(`job ${id} is both planned and unassigned`);
    seen.add(id);
  }
  for (const job of problem.jobs) if (!seen.has(job.id)) problems.push(`job ${job.id} is missing`);
  return problems;
}
