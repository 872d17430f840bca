import { distanceKm } from '../geo/distance.ts';
import { firstFreeSlot } from './constraints.ts';
import type { Need, Proposal, SoftReason, Volunteer, Weights } from './types.ts';

export const defaultWeights: Weights = { distance: 35, language: 30, continuity: 20, load: 15 };

/**
 * How well a volunteer who may take the need fits it: a whole number from 0 to 100, with the
 * reasons in the order an explanation reads them. Call only when hardReasons() is empty.
 */
export function scoreProposal(need: Need, volunteer: Volunteer, weights: Weights = defaultWeights): Proposal {
  const reasons: SoftReason[] = [];
  const total = weights.distance + weights.language + weights.continuity + weights.load;

  let languagePart = 1;
  if (need.languages.length > 0) {
    const shared = need.languages.find((language) => volunteer.languages.includes(language));
    if (shared) reasons.push({ kind: 'language', language: shared });
    else reasons.push({ kind: 'no_shared_language' });
    languagePart = shared ? 1 : 0;
  }

  const km = distanceKm(volunteer.home, need.location);
  reasons.push({ kind: 'distance', km: Math.round(km * 10) / 10 });
  const distancePart = volunteer.maxDistanceKm > 0 ? Math.max(0, 1 - km / volunteer.maxDistanceKm) : 0;

  const slot = firstFreeSlot(volunteer, need);
  if (slot) reasons.push({ kind: 'free', day: slot.day, start: slot.start });

  const continuityPart = volunteer.helpedHouseholds.includes(need.householdId) ? 1 : 0;
  if (continuityPart) reasons.push({ kind: 'continuity' });

  const free = volunteer.capacity > 0 ? 1 - volunteer.activeMatches / volunteer.capacity : 0;
  const loadPart = 0.7 * Math.max(0, free) + 0.3 / (1 + volunteer.recentMatches);
  if (volunteer.activeMatches === 0) reasons.push({ kind: 'light_load', activeMatches: 0 });

  const raw =
    weights.distance * distancePart +
    weights.language * languagePart +
    weights.continuity * continuityPart +
    weights.load * loadPart;
  return {
    needId: need.id,
    volunteerId: volunteer.id,
    score: total > 0 ? Math.round((100 * raw) / total) : 0,
    reasons,
  };
}
