/** The inputs and outputs of the matching engine. Plain data, no I/O: the help module maps its rows to these. */

export interface Point {
  lat: number;
  lon: number;
}

/** A weekly time slot: day 0 = Monday ... 6 = Sunday; minutes from midnight, end exclusive. */
export interface WeeklySlot {
  day: number;
  start: number;
  end: number;
}

/** A date range, ISO dates (yyyy-mm-dd), both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

export interface Volunteer {
  id: string;
  helpTypes: readonly string[];
  /** Languages the volunteer speaks, ISO 639-1 codes ('nl', 'tr', 'ar', ...). */
  languages: readonly string[];
  home: Point;
  /** How far the volunteer is willing to go, in km. */
  maxDistanceKm: number;
  slots: readonly WeeklySlot[];
  away: readonly DateRange[];
  /** Screenings done: e.g. 'intake', 'good_conduct_children'. */
  screenings: readonly string[];
  /** At most this many active matches at once. */
  capacity: number;
  activeMatches: number;
  /**
   * Proposals waiting for the volunteer's answer. They take no capacity (only a yes does), but a
   * volunteer who has one is not "without another request now".
   */
  openProposals?: number;
  /** Households this volunteer helped before (continuity). */
  helpedHouseholds: readonly string[];
  /** Matches in the recent past, to spread the load. */
  recentMatches: number;
  /** One-off help, recurring help, or both (the default). */
  commitment?: 'one_off' | 'recurring' | 'both';
  /** How the volunteer gets around: 'car', 'bike', 'on_foot', ... */
  means?: readonly string[];
}

export type NeedTiming =
  | { kind: 'moment'; date: string; start: number; end: number }
  | { kind: 'window'; range: DateRange }
  | { kind: 'recurring'; slots: readonly WeeklySlot[]; range: DateRange };

export type Urgency = 'low' | 'normal' | 'high';

export interface Need {
  id: string;
  helpType: string;
  householdId: string;
  location: Point;
  timing: NeedTiming;
  /** Languages the household speaks; empty when any language will do. */
  languages: readonly string[];
  requiredScreenings: readonly string[];
  urgency: Urgency;
  /** A sensitive need: only these volunteers, picked by staff, may be proposed. */
  allowedVolunteerIds?: readonly string[];
  /** The volunteer must have one of these means (a ride needs a car); empty or absent: any. */
  requiredMeans?: readonly string[];
  /** Volunteers asked before (who said no, or let it expire): not asked again. */
  excludedVolunteerIds?: readonly string[];
}

/** Why a volunteer cannot take a need at all. */
export type HardReason =
  | { kind: 'help_type'; helpType: string }
  | { kind: 'screening'; missing: readonly string[] }
  | { kind: 'availability' }
  | { kind: 'capacity' }
  | { kind: 'distance'; km: number; maxKm: number }
  | { kind: 'not_picked' }
  | { kind: 'commitment' }
  | { kind: 'means'; required: readonly string[] }
  | { kind: 'asked_before' };

/** What speaks for a volunteer: the words of an explanation. */
export type SoftReason =
  | { kind: 'language'; language: string }
  | { kind: 'no_shared_language' }
  | { kind: 'distance'; km: number }
  | { kind: 'free'; day: number; start: number }
  | { kind: 'continuity' }
  | { kind: 'light_load'; activeMatches: number };

export interface Proposal {
  needId: string;
  volunteerId: string;
  /** 0..100, higher is a better fit. */
  score: number;
  reasons: SoftReason[];
}

export interface Weights {
  distance: number;
  language: number;
  continuity: number;
  load: number;
}
