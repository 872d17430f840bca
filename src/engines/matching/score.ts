import { distanceKm } from '../geo/distance.ts';
import { firstFreeSlot } from './constraints.ts';
import type { Need, Proposal, SoftReason, Volunteer, Weights } from './types.ts';

export const defaultWeights: Weights = { distance: 35, language: 30, continuity: 20, load: 15 };

/** The part of the score that depends on the volunteer alone: free capacity, and few recent matches. */
export function loadPart(volunteer: Volunteer): number {
  const free = volunteer.capacity > 0 ? 1 - volunteer.activeMatches / volunteer.capacity : 0;
  return 0.7 * Math.max(0, free) + 0.3 / (1 + volunteer.recentMatches);
}

/**
 * The score from its parts (each 0..1): one formula for scoreProposal() and for the bounds the
 * candidate search prunes with, so both round the same way.
 */
export function combineScore(
  weights: Weights,
  distancePart: number,
  languagePart: number,
  continuityPart: number,
  load: number,
): number {
  const total = weights.distance + weights.language + weights.continuity + weights.load;
  const raw =
    weights.distance * distancePart +
    weights.language * languagePart +
    weights.continuity * continuityPart +
    weights.load * load;
  return total > 0 ? Math.round((100 * raw) / total) : 0;
}

/** The share of the distance weight a volunteer at `km` gets: 1 at the door, 0 at the edge of reach. */
export function distancePart(km: number, maxDistanceKm: number): number {
  return maxDistanceKm > 0 ? Math.max(0, 1 - km / maxDistanceKm) : 0;
}

/** scoreProposal(...).score without building the reasons: for the bulk search. */
export function scoreOnly(need: Need, volunteer: Volunteer, weights: Weights = defaultWeights): number {
  const languagePart =
    need.languages.length === 0 || need.languages.some((language) => volunteer.languages.includes(language))
      ? 1
      : 0;
  const km = distanceKm(volunteer.home, need.location);
  const continuityPart = volunteer.helpedHouseholds.includes(need.householdId) ? 1 : 0;
  return combineScore(
    weights,
    distancePart(km, volunteer.maxDistanceKm),
    languagePart,
    continuityPart,
    loadPart(volunteer),
  );
}

/**
 * How well a volunteer who may take the need fits it: a whole number from 0 to 100, with the
 * reasons in the order an explanation reads them. Call only when hardReasons() is empty.
 */
export function scoreProposal(need: Need, volunteer: Volunteer, weights: Weights = defaultWeights): Proposal {
  const reasons: SoftReason[] = [];

  let languagePart = 1;
  if (need.languages.length > 0) {
    const shared = need.languages.find((language) => volunteer.languages.includes(language));
    if (shared) reasons.push({ kind: 'language', language: shared });
    else reasons.push({ kind: 'no_shared_language' });
    languagePart = shared ? 1 : 0;
  }

  const km = distanceKm(volunteer.home, need.location);
  reasons.push({ kind: 'distance', km: Math.round(km * 10) / 10 });

  const slot = firstFreeSlot(volunteer, need);
  if (slot) reasons.push({ kind: 'free', day: slot.day, start: slot.start });

  const continuityPart = volunteer.helpedHouseholds.includes(need.householdId) ? 1 : 0;
  if (continuityPart) reasons.push({ kind: 'continuity' });

  if (volunteer.activeMatches === 0 && !volunteer.openProposals) {
    reasons.push({ kind: 'light_load', activeMatches: 0 });
  }

  return {
    needId: need.id,
    volunteerId: volunteer.id,
    score: combineScore(
      weights,
      distancePart(km, volunteer.maxDistanceKm),
      languagePart,
      continuityPart,
      loadPart(volunteer),
    ),
    reasons,
  };
}
