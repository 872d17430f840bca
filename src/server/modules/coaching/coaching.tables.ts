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
import { tenants } from '../identity/identity.tables.ts';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Whom a programme is for, described by criteria (the child's age), never by a label. */
export interface TargetGroup {
  childAgeFrom: number;
  childAgeTo: number;
  description: string;
}

/** A talent coaching programme of the municipality: who it is for, how many, from when to when. */
export const coachingProgrammes = pgTable(
  'coaching_programmes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    targetGroup: jsonb('target_group').$type<TargetGroup>().notNull(),
    capacity: integer('capacity').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Training topics a coach must have attended before being matched. */
    requiredSessions: text('required_sessions')
      .array()
      .notNull()
      .default(sql`'{communication,involvement,boundaries}'::text[]`),
    /** The situations in which a social worker may be involved without the family's consent. */
    safetySituations: text('safety_situations').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('coaching_programmes_tenant_name').on(t.tenantId, t.name),
  ],
);

/** A group of families that starts together (the pilot of 20, the next of 150). */
export const coachingCohorts = pgTable(
  'coaching_cohorts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    programmeId: uuid('programme_id').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('coaching_cohorts_programme_name').on(t.tenantId, t.programmeId, t.name),
  ],
);

/**
 * A family proposed by a referrer, with the family's consent, and the intake's outcome. What the
 * referrer wrote about the family's situation (`situation`) stays with the coordinator.
 */
export const coachingReferrals = pgTable(
  'coaching_referrals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    programmeId: uuid('programme_id').notNull(),
    cohortId: uuid('cohort_id'),
    referrerId: uuid('referrer_id').notNull(),
    referrerKind: text('referrer_kind', {
      enum: ['school', 'kindergarten', 'welfare_centre', 'summer_school', 'partner', 'other'],
    }).notNull(),
    referrerOrganisation: text('referrer_organisation').notNull(),
    parentFirstNames: text('parent_first_names').notNull(),
    familyName: text('family_name').notNull(),
    childFirstName: text('child_first_name').notNull(),
    childBirthDate: date('child_birth_date', { mode: 'string' }).notNull(),
    street: text('street').notNull(),
    houseNumber: text('house_number').notNull(),
    postcode: text('postcode').notNull(),
    areaId: uuid('area_id').notNull(),
    phone: text('phone'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    sharedBackground: text('shared_background'),
    genderPreference: text('gender_preference', { enum: ['female', 'male'] }),
    interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
    situation: text('situation').notNull(),
    consentGiven: boolean('consent_given').notNull(),
    consentFreeToRefuse: boolean('consent_free_to_refuse').notNull(),
    consentMethod: text('consent_method', { enum: ['signed_form', 'verbal'] }).notNull(),
    consentOn: date('consent_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['referred', 'accepted', 'waiting', 'not_now'] })
      .notNull()
      .default('referred'),
    intakeOn: date('intake_on', { mode: 'string' }),
    intakeNotes: text('intake_notes'),
    /** The reason as the family is told it, in plain words. */
    reasonForFamily: text('reason_for_family'),
    householdId: uuid('household_id'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_referrals_referrer').on(t.tenantId, t.referrerId, t.createdAt),
    index('coaching_referrals_cohort').on(t.tenantId, t.cohortId, t.status),
  ],
);

/** A coach: a volunteer who chose "coach" and whom the coordinator took on. */
export const coachingCoaches = pgTable(
  'coaching_coaches',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** Self-described, optional, for matchmaking only, kept only with `backgroundConsent`. */
    background: text('background'),
    backgroundConsent: boolean('background_consent').notNull().default(false),
    interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
    gender: text('gender', { enum: ['female', 'male', 'other'] }),
    areaId: uuid('area_id'),
    homeLat: doublePrecision('home_lat'),
    homeLon: doublePrecision('home_lon'),
    maxDistanceKm: real('max_distance_km').notNull().default(5),
    hoursPerMonth: integer('hours_per_month').notNull().default(8),
    availableUntil: date('available_until', { mode: 'string' }),
    capacity: integer('capacity').notNull().default(1),
    screenedOn: date('screened_on', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/** A session of the coaches' training: communication, handling involvement, the programme's boundaries. */
export const coachingTrainingSessions = pgTable(
  'coaching_training_sessions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    topic: text('topic').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const coachingAttendance = pgTable(
  'coaching_attendance',
  {
    tenantId: tenantId(),
    sessionId: uuid('session_id').notNull(),
    coachId: uuid('coach_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId, t.coachId] }),
    index('coaching_attendance_coach').on(t.tenantId, t.coachId),
  ],
);

/**
 * A family's trajectory with its coach, from the match to the end with its evaluation. At most one
 * active trajectory per referral: the partial unique index is the last guard.
 */
export const coachingTrajectories = pgTable(
  'coaching_trajectories',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    referralId: uuid('referral_id').notNull(),
    cohortId: uuid('cohort_id').notNull(),
    householdId: uuid('household_id'),
    coachId: uuid('coach_id').notNull(),
    status: text('status', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    plannedEndOn: date('planned_end_on', { mode: 'string' }).notNull(),
    score: integer('score').notNull().default(0),
    explanation: text('explanation').notNull().default(''),
    decision: text('decision', { enum: ['proposal', 'swap', 'override'] }).notNull(),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    familyEvaluation: text('family_evaluation'),
    coachEvaluation: text('coach_evaluation'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_trajectories_coach').on(t.tenantId, t.coachId, t.status),
    index('coaching_trajectories_cohort').on(t.tenantId, t.cohortId),
    uniqueIndex('coaching_trajectories_one_active')
      .on(t.tenantId, t.referralId)
      .where(sql`status = 'active'`),
  ],
);

export const coachingMeetings = pgTable(
  'coaching_meetings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    trajectoryId: uuid('trajectory_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['home_visit', 'outing', 'phone', 'video', 'other'] }).notNull(),
    minutes: integer('minutes').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    /** Seen only by the coach and the coordinator. */
    privateNote: text('private_note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_meetings_trajectory').on(t.tenantId, t.trajectoryId, t.heldOn),
  ],
);

/** The family's own goals, per domain, with progress from 0 (not started) to 4 (reached). */
export const coachingGoals = pgTable(
  'coaching_goals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    trajectoryId: uuid('trajectory_id').notNull(),
    domain: text('domain', { enum: ['school', 'leisure', 'network', 'language', 'money'] }).notNull(),
    description: text('description').notNull(),
    progress: integer('progress').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_goals_trajectory').on(t.tenantId, t.trajectoryId),
  ],
);

/** A check-in every few months: where each goal stands. */
export const coachingCheckins = pgTable(
  'coaching_checkins',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    trajectoryId: uuid('trajectory_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    progress: jsonb('progress').$type<{ goalId: string; before: number; after: number }[]>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_checkins_trajectory').on(t.tenantId, t.trajectoryId),
  ],
);

/** Supporters from the Genk Helpt pool linked to a family for practical help. */
export const coachingSupporters = pgTable(
  'coaching_supporters',
  {
    tenantId: tenantId(),
    trajectoryId: uuid('trajectory_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    help: text('help').notNull(),
    linkedBy: uuid('linked_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.trajectoryId, t.volunteerId] })],
);

/** A coach's worry, raised to the coordinator, and what the coordinator did with it. */
export const coachingWorries = pgTable(
  'coaching_worries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    trajectoryId: uuid('trajectory_id').notNull(),
    coachId: uuid('coach_id').notNull(),
    concern: text('concern').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['open', 'handled'] })
      .notNull()
      .default('open'),
    outcome: text('outcome', { enum: ['talked_with_coach', 'social_worker'] }),
    /** When a social worker is involved: with the family's consent, or in a safety situation. */
    basis: text('basis', { enum: ['consent', 'safety'] }),
    safetySituation: text('safety_situation'),
    note: text('note'),
    handledBy: uuid('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_worries_status').on(t.tenantId, t.status),
  ],
);
