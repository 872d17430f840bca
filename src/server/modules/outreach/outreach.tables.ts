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
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../../db/columns.ts';

/** A door-to-door campaign: why, when, where, what to ask and hand out. */
export const outreachCampaigns = pgTable(
  'outreach_campaigns',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    neighbourhoodIds: uuid('neighbourhood_ids').array().notNull().default(sql`'{}'::uuid[]`),
    streets: text('streets').array().notNull().default(sql`'{}'::text[]`),
    filter: text('filter', { enum: ['none', 'alone_over_75', 'children_under_12'] })
      .notNull()
      .default('none'),
    questions: jsonb('questions').$type<string[]>().notNull().default([]),
    tips: jsonb('tips').$type<string[]>().notNull().default([]),
    visitMinutes: integer('visit_minutes').notNull().default(10),
    plannedAt: timestamp('planned_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Visitors under a neighbourhood manager, from the city or a partner organisation. */
export const outreachTeams = pgTable(
  'outreach_teams',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation', { enum: ['city', 'partner'] }).notNull(),
    partnerName: text('partner_name'),
    managerUserId: uuid('manager_user_id'),
    neighbourhoodIds: uuid('neighbourhood_ids').array().notNull().default(sql`'{}'::uuid[]`),
    memberUserIds: uuid('member_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outreach_teams_campaign').on(t.tenantId, t.campaignId),
  ],
);

/** One visitor on one day: a round once the planner has given it doors. */
export const outreachShifts = pgTable(
  'outreach_shifts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    teamId: uuid('team_id'),
    visitorUserId: uuid('visitor_user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    mode: text('mode', { enum: ['foot', 'bike'] }).notNull(),
    startLat: doublePrecision('start_lat').notNull(),
    startLon: doublePrecision('start_lon').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outreach_shifts_campaign').on(t.tenantId, t.campaignId),
    index('outreach_shifts_visitor').on(t.tenantId, t.visitorUserId, t.day),
  ],
);

/** A household's door in a campaign: its state, its round and its place in it. */
export const outreachDoors = pgTable(
  'outreach_doors',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    householdId: uuid('household_id').notNull(),
    addressId: uuid('address_id').notNull(),
    neighbourhoodId: uuid('neighbourhood_id'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    state: text('state', {
      enum: ['open', 'unplannable', 'no_coordinates', 'not_home', 'refused', 'talked'],
    })
      .notNull()
      .default('open'),
    reason: text('reason'),
    shiftId: uuid('shift_id'),
    /** The round the door was in before a coordinator or a re-plan moved it: its visitor may still sync. */
    previousShiftId: uuid('previous_shift_id'),
    pinned: boolean('pinned').notNull().default(false),
    seq: integer('seq'),
    eta: integer('eta'),
    windowStart: integer('window_start').notNull(),
    windowEnd: integer('window_end').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Raised by every visit recorded; a visit made on an older version is a second opinion. */
    version: integer('version').notNull().default(0),
    needsReview: boolean('needs_review').notNull().default(false),
    /** How a coordinator settled two visitors' records of this door (both records stay as they are). */
    resolution: jsonb('resolution').$type<DoorResolution>(),
    /** A "not home" door is not tried again before this day (the day the resident or visitor gave). */
    retryNotBefore: date('retry_not_before', { mode: 'string' }),
    lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('outreach_doors_household').on(t.tenantId, t.campaignId, t.householdId),
    index('outreach_doors_shift').on(t.tenantId, t.shiftId),
  ],
);

export interface DoorResolution {
  /** visit: one record was chosen; merge: the outcome and needs were put together from both. */
  choice: 'visit' | 'merge';
  visitId: string | null;
  outcome: 'not_home' | 'refused' | 'talked';
  needs: string[];
  visitIds: string[];
  note: string | null;
  by: string;
  at: string;
}

export interface FollowUpRecord {
  kind: 'volunteer_help' | 'welfare' | 'partner' | 'callback';
  helpType?: string;
  partnerName?: string;
  note: string;
  consent: boolean;
}

/** What a visitor recorded at a door; the phone's id makes a second sync a no-op. */
export const outreachVisits = pgTable(
  'outreach_visits',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    doorId: uuid('door_id').notNull(),
    shiftId: uuid('shift_id'),
    visitorUserId: uuid('visitor_user_id').notNull(),
    outcome: text('outcome', { enum: ['not_home', 'refused', 'talked'] }).notNull(),
    retryHint: text('retry_hint'),
    /** When to come back, as the resident or a neighbour said: from/until (minutes of the day), not before a day. */
    retryFrom: integer('retry_from'),
    retryUntil: integer('retry_until'),
    retryOn: date('retry_on', { mode: 'string' }),
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    tips: text('tips').array().notNull().default(sql`'{}'::text[]`),
    followUps: jsonb('follow_ups').$type<FollowUpRecord[]>().notNull().default([]),
    note: text('note'),
    baseVersion: integer('base_version').notNull(),
    /** Another visit was recorded for the door since this phone downloaded it: both are kept. */
    conflict: boolean('conflict').notNull().default(false),
    clientRecordedAt: timestamp('client_recorded_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('outreach_visits_client').on(t.tenantId, t.clientId),
    index('outreach_visits_door').on(t.tenantId, t.doorId, t.receivedAt),
  ],
);

/** Work agreed on the doorstep, in the place that does it; safety concerns go to social workers. */
export const outreachFollowUps = pgTable(
  'outreach_follow_ups',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    visitId: uuid('visit_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    doorId: uuid('door_id').notNull(),
    householdId: uuid('household_id').notNull(),
    kind: text('kind', { enum: ['volunteer_help', 'welfare', 'partner', 'callback', 'safety'] }).notNull(),
    status: text('status', { enum: ['open', 'done', 'no_consent'] })
      .notNull()
      .default('open'),
    consent: boolean('consent').notNull(),
    note: text('note').notNull().default(''),
    partnerName: text('partner_name'),
    helpNeedId: uuid('help_need_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outreach_follow_ups_campaign').on(t.tenantId, t.campaignId, t.status),
    index('outreach_follow_ups_kind').on(t.tenantId, t.kind, t.status),
  ],
);
