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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TimelineValues } from '../../../shared/registry.schemas.ts';
import { createdAt, tenantId } from '../../db/columns.ts';

export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface ContactPoint {
  channel: 'phone' | 'sms' | 'email';
  value: string;
  label?: string;
}

export const neighbourhoods = pgTable(
  'neighbourhoods',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    isFocus: boolean('is_focus').notNull().default(false),
    outline: jsonb('outline').$type<PolygonGeometry>().notNull(),
    managerUserId: uuid('manager_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('neighbourhoods_tenant_code').on(t.tenantId, t.code),
  ],
);

/**
 * The key of the HMAC that turns national register numbers into matching keys. One per
 * municipality, so a hash from one cannot be matched in another.
 */
export const tenantSecrets = pgTable('tenant_secrets', {
  tenantId: tenantId().primaryKey(),
  hmacKey: text('hmac_key').notNull(),
  createdAt: createdAt(),
});

export const addresses = pgTable(
  'addresses',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    street: text('street').notNull(),
    houseNumber: text('house_number').notNull(),
    box: text('box').notNull().default(''),
    postcode: text('postcode').notNull(),
    municipality: text('municipality').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Derived from the coordinates (point in polygon) when the address is saved. */
    neighbourhoodId: uuid('neighbourhood_id'),
    /** Normalised street|number|box|postcode: the same address imported twice is one row. */
    addressKey: text('address_key').notNull(),
    /** Lowercase, accents removed: "street number box postcode municipality". */
    search: text('search').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('addresses_tenant_key').on(t.tenantId, t.addressKey),
    index('addresses_neighbourhood').on(t.tenantId, t.neighbourhoodId),
  ],
);

export const persons = pgTable(
  'persons',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    otherNames: text('other_names'),
    birthDate: date('birth_date', { mode: 'string' }),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    preferredLanguage: text('preferred_language'),
    contacts: jsonb('contacts').$type<ContactPoint[]>().notNull().default([]),
    contactPreferences: text('contact_preferences').array().notNull().default(sql`'{}'::text[]`),
    /** HMAC-SHA256 of the national register number with the tenant's key; never the number. */
    nationalNumberHash: text('national_number_hash'),
    /** Normalised "given other family" for search (trigram index in the registry_rls migration). */
    nameSearch: text('name_search').notNull(),
    /** Normalised given and family name tokens, sorted: the duplicate check compares these. */
    nameKey: text('name_key').notNull(),
    /** Phone numbers as digits (national form), space separated. */
    phoneSearch: text('phone_search').notNull().default(''),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('persons_name_key').on(t.tenantId, t.nameKey),
    /** Lists in name order (a neighbourhood, a search without words) without sorting every row. */
    index('persons_by_name').on(t.tenantId, t.familyName, t.givenName),
    uniqueIndex('persons_tenant_national_number')
      .on(t.tenantId, t.nationalNumberHash)
      .where(sql`national_number_hash is not null`),
  ],
);

export const households = pgTable(
  'households',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    addressId: uuid('address_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('households_address').on(t.tenantId, t.addressId),
  ],
);

export const householdMembers = pgTable(
  'household_members',
  {
    tenantId: tenantId(),
    householdId: uuid('household_id').notNull(),
    personId: uuid('person_id').notNull(),
    relation: text('relation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.householdId, t.personId] }),
    index('household_members_person').on(t.tenantId, t.personId),
  ],
);

/** Statements of consent (or another legal basis) per person and purpose; the newest one counts. */
export const consents = pgTable(
  'consents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    status: text('status', { enum: ['given', 'withdrawn'] }).notNull(),
    method: text('method').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('consents_person_purpose').on(t.tenantId, t.personId, t.purpose, t.recordedAt),
  ],
);

/** Every contact moment of every module, linked to the module's own record. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id'),
    householdId: uuid('household_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    purpose: text('purpose').notNull(),
    summary: text('summary').notNull(),
    /** A moment a module wrote: shown through timeline.<key> in the reader's language (summary: English). */
    summaryKey: text('summary_key'),
    summaryValues: jsonb('summary_values').$type<TimelineValues>(),
    visibility: text('visibility', { enum: ['general', 'staff', 'welfare'] }).notNull(),
    module: text('module').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('timeline_person').on(t.tenantId, t.personId, t.occurredAt),
    index('timeline_household').on(t.tenantId, t.householdId, t.occurredAt),
  ],
);

/** A programme must keep a person's data (e.g. an open file); erasure waits until it is lifted. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    module: text('module').notNull(),
    reason: text('reason').notNull(),
    until: date('until', { mode: 'string' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('legal_holds_person').on(t.tenantId, t.personId),
  ],
);

/** Lets one user see one person (a home visitor's visit, a coach's family, a volunteer's match). */
export const personAccessGrants = pgTable(
  'person_access_grants',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    userId: uuid('user_id').notNull(),
    reason: text('reason').notNull(),
    until: date('until', { mode: 'string' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('person_access_grants_user').on(t.tenantId, t.userId, t.personId),
    index('person_access_grants_person').on(t.tenantId, t.personId),
  ],
);

export const addressImports = pgTable(
  'address_imports',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    fileName: text('file_name'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    existingRows: integer('existing_rows').notNull().default(0),
    error: text('error'),
    startedBy: uuid('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
