import { z } from 'zod';
import { brusselsDay } from './brussels.ts';
import { addressFileReasons, reasonParamsSchema } from './import-reasons.ts';
import { languageCodeSchema } from './languages.ts';
import { isPlausibleBelgianPostcode } from './postcodes.ts';

/**
 * Residents and households: request and response shapes shared by the API and the web app.
 * Dates travel as ISO strings: birth dates as `YYYY-MM-DD`, moments as full ISO timestamps.
 */

// ---------------------------------------------------------------- vocabularies

/** Relation of a member to the household's reference person (as in the national register). */
export const householdRelations = [
  'reference_person',
  'partner',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other_family',
  'other',
] as const;
export const householdRelationSchema = z.enum(householdRelations);

/** Ways to reach a resident; many have no e-mail or smartphone, so a visit or the counter counts too. */
export const contactChannels = ['phone', 'sms', 'email', 'letter', 'home_visit', 'counter'] as const;
export const contactChannelSchema = z.enum(contactChannels);

/** Purposes for which the platform processes a person's data; consent is recorded per purpose. */
export const consentPurposes = [
  'registry',
  'contact',
  'help_matching',
  'talent_coaching',
  'outreach',
  'early_signals',
  'support_resources',
  'data_sharing_partners',
] as const;
export const consentPurposeSchema = z.enum(consentPurposes);

/** GDPR article 6 legal bases. */
export const legalBases = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interest',
  'public_task',
  'legitimate_interest',
] as const;
export const legalBasisSchema = z.enum(legalBases);

export const consentMethods = ['signed_form', 'verbal', 'online'] as const;
export const consentMethodSchema = z.enum(consentMethods);

/** Where a contact moment happened. */
export const timelineChannels = [
  'phone',
  'sms',
  'email',
  'letter',
  'home_visit',
  'counter',
  'online',
  'meeting',
] as const;
export const timelineChannelSchema = z.enum(timelineChannels);
export type TimelineChannel = (typeof timelineChannels)[number];

/** Records whose moment on the timeline is a day without a time (a coaching meeting is logged by its day). */
export const dayOnlyRecordTypes: readonly string[] = ['coaching_meeting'];

/**
 * How sensitive a timeline entry is. `general`: anyone who may open the person (a volunteer
 * sees that a visit took place). `staff`: city and partner staff. `welfare`: social workers only
 * (health, debts, domestic situation). The role map lives in src/shared/permissions.ts.
 */
export const timelineVisibilities = ['general', 'staff', 'welfare'] as const;
export const timelineVisibilitySchema = z.enum(timelineVisibilities);

/** Why someone opens a person's page; written to the audit trail with every read. */
export const readPurposes = [
  'contact',
  'case_work',
  'home_visit',
  'coaching',
  'help_matching',
  'data_quality',
  'residents_rights',
] as const;
export type ReadPurpose = (typeof readPurposes)[number];
export const readPurposeSchema = z.enum(readPurposes);

// ---------------------------------------------------------------- field rules

/** A real calendar date, written `YYYY-MM-DD` (rejects 2023-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a date that exists');

/** A birth date: a real date, not in the future, not before 1900. */
export const birthDateSchema = isoDateSchema
  .refine((value) => value <= brusselsDay(), 'a birth date cannot be in the future')
  .refine((value) => value >= '1900-01-01', 'a birth date before 1900 is not plausible');

/** Kept in languages.ts, beside the list of languages the forms offer. */
export { languageCodeSchema };

export const postcodeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'four digits')
  .refine(isPlausibleBelgianPostcode, 'not a Belgian postcode');

const name = z.string().trim().min(1).max(100);
const shortText = z.string().trim().max(200);

/** A Belgian national register number; digits with or without dots and dash. Stored only as a keyed hash. */
export const nationalNumberSchema = z
  .string()
  .trim()
  .max(20)
  .transform((value) => value.replaceAll(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^\d{11}$/, 'eleven digits'));

const emailAddress = z.string().email();

export const contactPointSchema = z
  .strictObject({
    channel: z.enum(['phone', 'sms', 'email']),
    value: z.string().trim().min(3).max(254),
    label: shortText.optional(),
  })
  // Feedback links and other messages are mailed to it: an e-mail contact is an address.
  .refine((c) => c.channel !== 'email' || emailAddress.safeParse(c.value).success, {
    message: 'an e-mail address',
    path: ['value'],
  });

// ---------------------------------------------------------------- addresses

const addressFields = z.strictObject({
  street: name,
  houseNumber: z.string().trim().min(1).max(12),
  box: z.string().trim().max(12).optional(),
  postcode: postcodeSchema,
  municipality: name,
  lat: z.number().min(49.4).max(51.6).optional(),
  lon: z.number().min(2.5).max(6.5).optional(),
});
/** An address; its place is both coordinates or neither (half a place finds no neighbourhood). */
export const addressInputSchema = addressFields.refine(
  (a) => (a.lat === undefined) === (a.lon === undefined),
  {
    message: 'both coordinates, or neither',
    path: ['lon'],
  },
);
export type AddressInput = z.infer<typeof addressInputSchema>;

export const addressSchema = z.object({
  id: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  box: z.string().nullable(),
  postcode: z.string(),
  municipality: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  neighbourhoodId: z.string().nullable(),
  neighbourhoodName: z.string().nullable(),
});
export type Address = z.infer<typeof addressSchema>;

export const addressSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// ---------------------------------------------------------------- persons

const personFields = {
  givenName: name,
  familyName: name,
  /** Further given names, a particle ("van", "de") or a second family name. */
  otherNames: shortText.optional(),
  birthDate: birthDateSchema.optional(),
  languages: z.array(languageCodeSchema).max(10).default([]),
  preferredLanguage: languageCodeSchema.optional(),
  contacts: z.array(contactPointSchema).max(10).default([]),
  /** Channels the person prefers, best first (many prefer a visit or a call to e-mail). */
  contactPreferences: z.array(contactChannelSchema).max(contactChannels.length).default([]),
  nationalNumber: nationalNumberSchema.optional(),
};

export const personCreateSchema = z.strictObject({
  ...personFields,
  /** Put the new person into an existing household right away. */
  household: z.strictObject({ id: z.string().uuid(), relation: householdRelationSchema }).optional(),
  /** Set after the user has seen the possible duplicates and decided this is someone else. */
  confirmNotDuplicate: z.boolean().default(false),
});
export type PersonCreate = z.infer<typeof personCreateSchema>;

/** Rectification: only the fields sent change; null clears an optional field. */
export const personPatchSchema = z
  .strictObject({
    givenName: name.optional(),
    familyName: name.optional(),
    otherNames: shortText.nullable().optional(),
    birthDate: birthDateSchema.nullable().optional(),
    languages: z.array(languageCodeSchema).max(10).optional(),
    preferredLanguage: languageCodeSchema.nullable().optional(),
    contacts: z.array(contactPointSchema).max(10).optional(),
    contactPreferences: z.array(contactChannelSchema).max(contactChannels.length).optional(),
    nationalNumber: nationalNumberSchema.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const personSummarySchema = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  otherNames: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** Derived from the birth date; what programmes target. */
  age: z.number().nullable(),
  preferredLanguage: z.string().nullable(),
  address: z.string().nullable(),
  neighbourhoodName: z.string().nullable(),
  anonymised: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personSearchQuerySchema = z.strictObject({
  /** Name, address or phone number; partial, case- and accent-insensitive, tolerant of small typos. */
  q: z.string().trim().max(200).optional(),
  neighbourhoodId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const personSearchResultSchema = personSummarySchema.extend({
  /** 0..1, how closely the name matched (1 for an exact match or a non-name search). */
  score: z.number(),
});

export const duplicateCandidateSchema = personSummarySchema.extend({
  reason: z.enum(['same_name_and_birth_date', 'same_name_and_address', 'same_national_number']),
});

/** The 409 answer of POST /api/persons when the person may already be known. */
export const duplicateConflictDetailsSchema = z.object({
  reason: z.literal('possible_duplicate'),
  candidates: z.array(duplicateCandidateSchema),
});

export const consentSchema = z.object({
  id: z.string(),
  purpose: consentPurposeSchema,
  legalBasis: legalBasisSchema,
  status: z.enum(['given', 'withdrawn']),
  method: consentMethodSchema,
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

/** A moment that has happened: not in the future, and not before 1900 (years under 100 read back wrong). */
const pastMoment = z.iso
  .datetime({ offset: true })
  .refine((v) => new Date(v).getTime() <= Date.now() + 60_000, 'cannot be in the future')
  .refine((v) => new Date(v).getUTCFullYear() >= 1900, 'not before 1900');

export const consentInputSchema = z.strictObject({
  purpose: consentPurposeSchema,
  legalBasis: legalBasisSchema.default('consent'),
  status: z.enum(['given', 'withdrawn']),
  method: consentMethodSchema,
  /** When the person gave or withdrew it; defaults to now. Not in the future. */
  at: pastMoment.optional(),
  note: shortText.optional(),
});

/** Values of a keyed timeline summary: plain, or a word in each language (a help type's name). */
export const timelineValuesSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.object({ nl: z.string(), en: z.string(), fr: z.string() })]),
);
export type TimelineValues = z.infer<typeof timelineValuesSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  occurredAt: z.string(),
  channel: timelineChannelSchema,
  purpose: z.string(),
  summary: z.string(),
  summaryKey: z.string().nullable(),
  summaryValues: timelineValuesSchema.nullable(),
  visibility: timelineVisibilitySchema,
  module: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A contact moment recorded by hand on a person (modules record theirs through the service). */
export const timelineInputSchema = z.strictObject({
  occurredAt: pastMoment.optional(),
  channel: timelineChannelSchema,
  purpose: z.string().trim().min(1).max(80),
  summary: z.string().trim().min(1).max(1000),
  visibility: timelineVisibilitySchema.default('staff'),
});

export const membershipSchema = z.object({
  householdId: z.string(),
  householdName: z.string(),
  relation: householdRelationSchema,
});

export const personDetailSchema = z.object({
  person: personSummarySchema.extend({
    languages: z.array(z.string()),
    contacts: z.array(z.object({ channel: z.string(), value: z.string(), label: z.string().optional() })),
    contactPreferences: z.array(z.string()),
    hasNationalNumber: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  households: z.array(membershipSchema),
  consents: z.array(consentSchema),
  timeline: z.array(timelineEntrySchema),
  legalHolds: z.array(
    z.object({ id: z.string(), module: z.string(), reason: z.string(), until: z.string().nullable() }),
  ),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const personReadQuerySchema = z.strictObject({ purpose: readPurposeSchema });

export const mergeInputSchema = z.strictObject({
  /** The duplicate record; everything linked to it moves to the person in the path, then it is removed. */
  duplicateId: z.string().uuid(),
});
export const mergeResultSchema = z.object({
  keptId: z.string(),
  removedId: z.string(),
  moved: z.record(z.string(), z.number()),
});

// ---------------------------------------------------------------- households

export const householdMemberInputSchema = z.strictObject({
  personId: z.string().uuid(),
  relation: householdRelationSchema,
});

export const householdCreateSchema = z.strictObject({
  name: name,
  addressId: z.string().uuid().optional(),
  members: z.array(householdMemberInputSchema).max(30).default([]),
});

export const householdPatchSchema = z
  .strictObject({
    name: name.optional(),
    addressId: z.string().uuid().nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const householdMembersSchema = z.strictObject({
  members: z.array(householdMemberInputSchema).max(30),
});

export const householdDetailSchema = z.object({
  household: z.object({
    id: z.string(),
    name: z.string(),
    address: addressSchema.nullable(),
    neighbourhoodId: z.string().nullable(),
    neighbourhoodName: z.string().nullable(),
  }),
  members: z.array(personSummarySchema.extend({ relation: householdRelationSchema })),
  timeline: z.array(timelineEntrySchema),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

// ---------------------------------------------------------------- rights, holds, grants

export const erasureInputSchema = z.strictObject({
  /** Why: the request of the person, the end of the purpose, ... (kept in the audit trail). */
  reason: z.string().trim().min(3).max(500),
});

/** The last day something holds: today or later, in Brussels (a day past would hold from nowhere). */
const untilDay = isoDateSchema.refine((day) => day >= brusselsDay(0), 'cannot be in the past');

export const legalHoldInputSchema = z.strictObject({
  personId: z.string().uuid(),
  module: z.string().trim().min(2).max(40),
  reason: z.string().trim().min(3).max(500),
  until: untilDay.optional(),
});

export const accessGrantInputSchema = z.strictObject({
  personId: z.string().uuid(),
  userId: z.string().uuid(),
  reason: z.string().trim().min(3).max(200),
  until: untilDay.optional(),
});

export const idSchema = z.object({ id: z.string() });

// ---------------------------------------------------------------- address import

export const importRowErrorSchema = z.object({
  /** 1-based line in the file (the header is line 1); 0 for the whole file. */
  row: z.number(),
  field: z.string(),
  /** Why, as a stable code (`import-reasons.ts`); the web words it in the reader's language. */
  code: z.enum(addressFileReasons),
  /** The values the code's words fill in (`{ line: 2 }`, `{ value: '0999' }`); empty when none. */
  params: reasonParamsSchema,
  /** Why, in English. */
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importPreviewSchema = z.object({
  encoding: z.enum(['utf-8', 'windows-1252']),
  separator: z.enum([';', ',']),
  coordinateSystem: z.enum(['lambert72', 'wgs84', 'none']),
  rows: z.number(),
  valid: z.number(),
  /** Rows that already exist and would be left as they are. */
  existing: z.number(),
  errors: z.array(importRowErrorSchema),
  sample: z.array(addressFields.extend({ postcode: z.string() })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const addressImportSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string().nullable(),
  totalRows: z.number(),
  processedRows: z.number(),
  insertedRows: z.number(),
  existingRows: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AddressImport = z.infer<typeof addressImportSchema>;
