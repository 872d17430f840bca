import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { createdAt, intakeTenantId, tenantId } from '../../db/columns.ts';

/** An organisation that sends signals: energy supplier, grid operator, water company, landlord, ... */
export const partnerOrganisations = pgTable(
  'partner_organisations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** Accounts with the `partner` role that act for this organisation. */
    memberUserIds: uuid('member_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('partner_organisations_name').on(t.tenantId, t.name),
  ],
);

/** API keys: only an HMAC of the key is kept; the key itself is shown once. */
export const partnerApiKeys = pgTable(
  'partner_api_keys',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    partnerId: uuid('partner_id').notNull(),
    label: text('label').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The first characters, so a partner can tell its keys apart. */
    prefix: text('prefix').notNull(),
    /** Postcodes of the municipalities this key may send signals for; empty: all of this installation's municipality. */
    postcodes: text('postcodes').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('partner_api_keys_hash').on(t.tenantId, t.keyHash),
  ],
);

export const signalTeams = pgTable(
  'signal_teams',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    leadUserId: uuid('lead_user_id'),
    memberUserIds: uuid('member_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('signal_teams_name').on(t.tenantId, t.name)],
);

/** Per-municipality settings: response deadlines per kind and how long data is kept. */
export const signalSettings = pgTable('signal_settings', {
  tenantId: tenantId().primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const signalUploads = pgTable(
  'signal_uploads',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    partnerId: uuid('partner_id').notNull(),
    via: text('via', { enum: ['upload', 'api'] }).notNull(),
    fileName: text('file_name'),
    format: text('format').notNull(),
    rows: integer('rows').notNull(),
    created: integer('created').notNull(),
    duplicates: integer('duplicates').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('signal_uploads_partner').on(t.tenantId, t.partnerId, t.createdAt),
  ],
);

export const signalCases = pgTable(
  'signal_cases',
  {
    tenantId: intakeTenantId(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id'),
    /** For a case without a known household: whom to reach, from the signal. */
    label: text('label').notNull(),
    /**
     * For an open case without a known household: the person's name key, birth date and address
     * key, so that further signals about the same person join this case instead of starting
     * another. Cleared when the case closes (the person's next signal starts a new case).
     */
    personKey: uuid('person_key'),
    status: text('status', {
      enum: ['new', 'assigned', 'contacting', 'help_offered', 'committee', 'closed'],
    }).notNull(),
    teamId: uuid('team_id'),
    assignedUserId: uuid('assigned_user_id'),
    vulnerabilities: text('vulnerabilities').array().notNull().default(sql`'{}'::text[]`),
    /** The urgency at the last change, for sorting; the page recomputes it with its explanation. */
    score: integer('score').notNull().default(0),
    firstContactDueAt: timestamp('first_contact_due_at', { withTimezone: true }).notNull(),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    response: text('response'),
    outcome: text('outcome'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One open case per household: new signals for the household join it.
    uniqueIndex('signal_cases_open_household')
      .on(t.tenantId, t.householdId)
      .where(sql`closed_at is null and household_id is not null`),
    // One open case per person nobody could link to a household (closing a case clears its key). No
    // closed_at in the predicate: the lookup then names only this index's columns, and no planner
    // prefers the open-cases index to it (as one did on statistics taken before a large import).
    uniqueIndex('signal_cases_open_person').on(t.tenantId, t.personKey).where(sql`person_key is not null`),
    index('signal_cases_open').on(t.tenantId, t.closedAt, t.score),
  ],
);

export const signals = pgTable(
  'signals',
  {
    tenantId: intakeTenantId(),
    id: uuid('id').notNull().defaultRandom(),
    partnerId: uuid('partner_id').notNull(),
    reference: text('reference').notNull(),
    uploadId: uuid('upload_id'),
    kind: text('kind').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    nameKey: text('name_key').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    /** The registry's keyed hash of the national number; never the number. */
    nationalNumberHash: text('national_number_hash'),
    street: text('street').notNull(),
    houseNumber: text('house_number').notNull(),
    box: text('box').notNull().default(''),
    postcode: text('postcode').notNull(),
    municipality: text('municipality').notNull(),
    addressKey: text('address_key').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    arrearsSince: date('arrears_since', { mode: 'string' }),
    plannedAction: text('planned_action').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }),
    phone: text('phone'),
    email: text('email'),
    linkStatus: text('link_status', { enum: ['linked', 'review', 'unknown'] }).notNull(),
    linkConfidence: real('link_confidence'),
    linkCandidates: jsonb('link_candidates'),
    householdId: uuid('household_id'),
    personId: uuid('person_id'),
    caseId: uuid('case_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The same signal twice (same partner reference) creates nothing new.
    unique('signals_partner_reference').on(t.tenantId, t.partnerId, t.reference),
    index('signals_case').on(t.tenantId, t.caseId),
    // Only the few signals waiting for review are looked up by status.
    index('signals_review').on(t.tenantId).where(sql`link_status = 'review'`),
  ],
);

export const signalCaseEvents = pgTable(
  'signal_case_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    type: text('type').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('signal_case_events_case').on(t.tenantId, t.caseId),
  ],
);

/** Meetings of the local advisory committee (LAC). */
export const committeeMeetings = pgTable(
  'committee_meetings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    meetsOn: date('meets_on', { mode: 'string' }).notNull(),
    location: text('location'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A request awaiting the committee's decision (e.g. a disconnection), and the decision. */
export const committeeItems = pgTable(
  'committee_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    meetingId: uuid('meeting_id'),
    request: text('request').notNull(),
    requestedDate: date('requested_date', { mode: 'string' }),
    note: text('note'),
    decision: text('decision'),
    unanimous: boolean('unanimous'),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('committee_items_meeting').on(t.tenantId, t.meetingId),
  ],
);
