import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { NeedTiming, SoftReason, WeeklySlot } from '../../../engines/matching/types.ts';
import { createdAt, tenantId } from '../../db/columns.ts';

/** The catalogue of kinds of help; each municipality edits its own. */
export const helpTypes = pgTable(
  'help_types',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    names: jsonb('names').$type<{ nl: string; en: string; fr: string }>().notNull(),
    requiredScreenings: text('required_screenings').array().notNull().default(sql`'{}'::text[]`),
    /** The volunteer needs one of these means of transport (a ride needs a car); empty: any. */
    requiredMeans: text('required_means').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('help_types_tenant_code').on(t.tenantId, t.code),
  ],
);

/** Someone offered help on the public page and has not confirmed their e-mail address yet. */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    language: text('language').notNull().default('nl'),
    wantsCoaching: boolean('wants_coaching').notNull().default(false),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    userId: uuid('user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('volunteer_signups_tenant_token').on(t.tenantId, t.tokenHash),
  ],
);

/** A volunteer's profile: one per account holding the volunteer role. */
export const volunteers = pgTable(
  'volunteers',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    phone: text('phone'),
    helpTypes: text('help_types').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    homeAreaId: uuid('home_area_id'),
    /** The centre of the home neighbourhood, never the volunteer's exact address. */
    homeLat: doublePrecision('home_lat'),
    homeLon: doublePrecision('home_lon'),
    maxDistanceKm: real('max_distance_km').notNull().default(3),
    commitment: text('commitment', { enum: ['one_off', 'recurring', 'both'] })
      .notNull()
      .default('both'),
    slots: jsonb('slots').$type<WeeklySlot[]>().notNull().default([]),
    away: jsonb('away').$type<{ from: string; to: string }[]>().notNull().default([]),
    means: text('means').array().notNull().default(sql`'{}'::text[]`),
    capacity: integer('capacity').notNull().default(1),
    wantsCoaching: boolean('wants_coaching').notNull().default(false),
    intakeDoneOn: date('intake_done_on', { mode: 'string' }),
    goodConductOn: date('good_conduct_on', { mode: 'string' }),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

export interface Requester {
  name: string;
  phone?: string;
  email?: string;
}

/** A care need: what, when, where, for whom; its workflow status and why it has no match. */
export const helpNeeds = pgTable(
  'help_needs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id'),
    /** Whom the volunteer contacts: the household's reference person, when known. */
    contactPersonId: uuid('contact_person_id'),
    /** A resident or partner who asked without a household record: name and phone. */
    requester: jsonb('requester').$type<Requester>(),
    helpType: text('help_type').notNull(),
    description: text('description').notNull(),
    arrangements: text('arrangements'),
    timing: jsonb('timing').$type<NeedTiming>().notNull(),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    urgency: text('urgency', { enum: ['low', 'normal', 'high'] })
      .notNull()
      .default('normal'),
    sensitive: boolean('sensitive').notNull().default(false),
    /** Sensitive needs: only these volunteers, picked by staff, may see or get them. */
    pickedVolunteerIds: uuid('picked_volunteer_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', {
      enum: ['new', 'proposed', 'accepted', 'in_progress', 'done', 'cancelled', 'no_match'],
    })
      .notNull()
      .default('new'),
    /** Why no volunteer fits, in each language of the product (written when matching gives up). */
    noMatchReasons: jsonb('no_match_reasons').$type<Record<'nl' | 'en' | 'fr', string>>(),
    source: text('source', { enum: ['staff', 'partner', 'resident'] }).notNull(),
    postedBy: uuid('posted_by'),
    /**
     * The partner organisation the poster acted for, fixed when posting: its members see the request
     * (not a sensitive one) even after the poster left it; null for staff and residents.
     */
    postedByOrganisationId: uuid('posted_by_organisation_id'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    areaId: uuid('area_id'),
    residentRating: integer('resident_rating'),
    residentComment: text('resident_comment'),
    /** Who gave the family's feedback: staff on their behalf, or the family through their own link. */
    residentFeedbackBy: text('resident_feedback_by', { enum: ['staff', 'family'] }),
    residentFeedbackAt: timestamp('resident_feedback_at', { withTimezone: true }),
    createdAt: createdAt(),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('help_needs_status').on(t.tenantId, t.status, t.createdAt),
    index('help_needs_household').on(t.tenantId, t.householdId),
    index('help_needs_posted_by').on(t.tenantId, t.postedBy),
    index('help_needs_posted_by_organisation').on(t.tenantId, t.postedByOrganisationId),
  ],
);

/** Every status change of a need: who, when and why. */
export const helpNeedEvents = pgTable(
  'help_need_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    needId: uuid('need_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** Words staff typed, or the English words of a step Samen took (see reasonKey). */
    reason: text('reason').notNull(),
    /** A step Samen took itself: the screens show it in the reader's language (help.events.*). */
    reasonKey: text('reason_key'),
    reasonValues: jsonb('reason_values').$type<Record<string, string | number>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('help_need_events_need').on(t.tenantId, t.needId, t.at),
  ],
);

/**
 * A proposal to a volunteer and, once accepted, the match. At most one accepted match per need:
 * the partial unique index is the last guard against two volunteers taking the same need.
 */
export const helpMatches = pgTable(
  'help_matches',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    needId: uuid('need_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status', {
      enum: ['proposed', 'accepted', 'declined', 'expired', 'withdrawn', 'completed', 'ended'],
    })
      .notNull()
      .default('proposed'),
    score: integer('score').notNull().default(0),
    explanation: text('explanation').notNull().default(''),
    /** What speaks for the volunteer (the engine's reasons), worded in each reader's language when read. */
    reasons: jsonb('reasons').$type<SoftReason[]>(),
    proposedBy: uuid('proposed_by'),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    minutes: integer('minutes'),
    volunteerRating: integer('volunteer_rating'),
    volunteerComment: text('volunteer_comment'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('help_matches_need').on(t.tenantId, t.needId),
    index('help_matches_volunteer').on(t.tenantId, t.volunteerId, t.status),
    uniqueIndex('help_matches_one_accepted').on(t.tenantId, t.needId).where(sql`status = 'accepted'`),
    uniqueIndex('help_matches_one_open_per_volunteer')
      .on(t.tenantId, t.needId, t.volunteerId)
      .where(sql`status in ('proposed', 'accepted')`),
  ],
);

/**
 * Time a volunteer gave on one day of a match: weekly help is logged session by session, besides
 * the minutes reported when the help is done (help_matches.minutes).
 */
export const helpHours = pgTable(
  'help_hours',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    matchId: uuid('match_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('help_hours_match').on(t.tenantId, t.matchId),
    index('help_hours_volunteer').on(t.tenantId, t.volunteerId),
  ],
);

/**
 * A single-use link for the family to give feedback on help that was given, without an account.
 * Only the token's keyed hash is stored; the link itself goes out by e-mail or is shown once to staff.
 */
export const helpFeedbackLinks = pgTable(
  'help_feedback_links',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    needId: uuid('need_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Sent to the family's e-mail address (true), or shown to staff to pass on (false). */
    sentByEmail: boolean('sent_by_email').notNull().default(false),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('help_feedback_links_tenant_token').on(t.tenantId, t.tokenHash),
    index('help_feedback_links_need').on(t.tenantId, t.needId),
  ],
);
