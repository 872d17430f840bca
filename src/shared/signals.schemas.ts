import { z } from 'zod';
import { brusselsDay } from './brussels.ts';
import { reasonParamsSchema, signalFileReasons } from './import-reasons.ts';
import { isPlausibleBelgianPostcode } from './postcodes.ts';
import { isRealDate } from './schemas.ts';

/** Early signals of payment arrears: shapes shared by the API and the web app. */

export const signalKinds = [
  'energy',
  'water',
  'rent',
  'eviction_petition',
  'health_insurance',
  'other',
] as const;
export const signalKindSchema = z.enum(signalKinds);
export type SignalKindValue = z.infer<typeof signalKindSchema>;

export const plannedActions = ['none', 'disconnection', 'eviction_hearing', 'other'] as const;
export const plannedActionSchema = z.enum(plannedActions);

export const partnerKinds = [
  'energy_supplier',
  'grid_operator',
  'water_company',
  'social_housing',
  'landlord',
  'health_insurer',
  'court',
  'other',
] as const;
export const partnerKindSchema = z.enum(partnerKinds);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-mm-dd')
  .refine((value) => isRealDate(value), 'this date does not exist');

/** A day that has come: a birth date, the start of arrears (today in Brussels at the latest). */
const pastDay = isoDate.refine((day) => day <= brusselsDay(0), 'cannot be in the future');

/** One signal as a partner sends it through the API. Amounts in euro cents. */
export const signalInputSchema = z.strictObject({
  reference: z.string().trim().min(1).max(100),
  kind: signalKindSchema,
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  birthDate: pastDay.nullable().optional(),
  nationalNumber: z.string().trim().max(20).nullable().optional(),
  street: z.string().trim().min(1).max(100),
  houseNumber: z.string().trim().min(1).max(12),
  box: z.string().trim().max(12).optional(),
  postcode: z
    .string()
    .regex(/^\d{4}$/, 'four digits')
    .refine(isPlausibleBelgianPostcode, 'not a Belgian postcode'),
  municipality: z.string().trim().min(1).max(100),
  amountCents: z.number().int().min(0).max(100_000_000),
  arrearsSince: pastDay.nullable().optional(),
  plannedAction: plannedActionSchema.default('none'),
  plannedDate: isoDate.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
});
export type SignalInput = z.infer<typeof signalInputSchema>;

export const MAX_BATCH = 1000;
export const signalBatchSchema = z.strictObject({
  signals: z.array(signalInputSchema).min(1).max(MAX_BATCH),
});

export const rowErrorSchema = z.object({
  /** Line in the file (header = 1) or position in the batch (first = 1); 0 for the whole file. */
  row: z.number(),
  field: z.string(),
  /** Why, as a stable code (`import-reasons.ts`); the web words it in the reader's language. */
  code: z.enum(signalFileReasons),
  /** The values the code's words fill in (`{ line: 12 }`, `{ value: 'abc' }`); empty when none. */
  params: reasonParamsSchema,
  /** Why, in English. */
  reason: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const intakeResultSchema = z.object({
  uploadId: z.string().nullable(),
  received: z.number(),
  created: z.number(),
  /** Signals already known by their reference: nothing new was created for them. */
  duplicates: z.number(),
  linked: z.number(),
  review: z.number(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

export const uploadPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  separator: z.string().nullable(),
  rows: z.number(),
  valid: z.number(),
  duplicates: z.number(),
  errors: z.array(rowErrorSchema),
  sample: z.array(
    z.object({
      row: z.number(),
      reference: z.string(),
      kind: signalKindSchema,
      name: z.string(),
      address: z.string(),
      amountCents: z.number(),
      plannedAction: plannedActionSchema,
      plannedDate: z.string().nullable(),
    }),
  ),
});
export type UploadPreview = z.infer<typeof uploadPreviewSchema>;

export const uploadSchema = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  format: z.string(),
  rows: z.number(),
  created: z.number(),
  duplicates: z.number(),
  createdAt: z.string(),
});

/** What a partner may know about its own signal: picked up or not, never why. */
export const submissionSchema = z.object({
  id: z.string(),
  reference: z.string(),
  kind: signalKindSchema,
  receivedAt: z.string(),
  status: z.enum(['picked_up', 'not_picked_up']),
});
export type Submission = z.infer<typeof submissionSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  label: z.string(),
  prefix: z.string(),
  /** Postcodes the key may send signals for; empty = the whole municipality. */
  postcodes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyCreatedSchema = apiKeySchema.extend({
  /** Shown once; only a keyed hash is kept. */
  key: z.string(),
});

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: partnerKindSchema,
  memberUserIds: z.array(z.string()),
});
export type Partner = z.infer<typeof partnerSchema>;

export const linkCandidateSchema = z.object({
  householdId: z.string(),
  householdName: z.string(),
  address: z.string(),
  confidence: z.number(),
  reason: z.string(),
});

export const reviewItemSchema = z.object({
  signalId: z.string(),
  partnerName: z.string(),
  kind: signalKindSchema,
  name: z.string(),
  birthDate: z.string().nullable(),
  address: z.string(),
  receivedAt: z.string(),
  candidates: z.array(linkCandidateSchema),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewDecisionSchema = z.strictObject({
  /** The household the signal belongs to, or null: none of the suggestions (the case starts without one). */
  householdId: z.string().uuid().nullable(),
});

export const caseStatuses = ['new', 'assigned', 'contacting', 'help_offered', 'committee', 'closed'] as const;
export const caseStatusSchema = z.enum(caseStatuses);

export const urgencyFactorSchema = z.object({
  code: z.string(),
  points: z.number(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const caseSummarySchema = z.object({
  id: z.string(),
  householdId: z.string().nullable(),
  householdName: z.string(),
  status: caseStatusSchema,
  kinds: z.array(signalKindSchema),
  signals: z.number(),
  amountCents: z.number(),
  score: z.number(),
  effectiveActionDate: z.string().nullable(),
  firstContactDueAt: z.string(),
  firstContactAt: z.string().nullable(),
  overdue: z.boolean(),
  teamName: z.string().nullable(),
  assignedName: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const attemptChannels = ['letter', 'phone', 'home_visit', 'door_card', 'office_appointment'] as const;
export const attemptResults = ['reached', 'not_reached', 'appointment_made', 'wrong_details'] as const;
export const offerKinds = [
  'debt_counselling',
  'payment_plan',
  'advisory_committee',
  'other_support',
] as const;
export const responses = ['accepted', 'refused', 'unreachable'] as const;
export const outcomes = [
  'resolved',
  'payment_plan',
  'debt_counselling',
  'refused',
  'unreachable',
  'moved',
  'other',
] as const;
export const committeeRequests = ['disconnection', 'eviction', 'other'] as const;
export const committeeDecisions = ['approved', 'refused', 'postponed'] as const;

export const caseEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  detail: z.record(z.string(), z.unknown()),
  authorName: z.string().nullable(),
  occurredAt: z.string(),
});

export const caseSignalSchema = z.object({
  id: z.string(),
  partnerName: z.string(),
  reference: z.string(),
  kind: signalKindSchema,
  name: z.string(),
  address: z.string(),
  amountCents: z.number(),
  arrearsSince: z.string().nullable(),
  plannedAction: plannedActionSchema,
  plannedDate: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  receivedAt: z.string(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  factors: z.array(urgencyFactorSchema),
  children: z.number(),
  vulnerabilities: z.array(z.string()),
  teamId: z.string().nullable(),
  assignedUserId: z.string().nullable(),
  outcome: z.string().nullable(),
  response: z.string().nullable(),
  signalList: z.array(caseSignalSchema),
  events: z.array(caseEventSchema),
  committeeItems: z.array(
    z.object({
      id: z.string(),
      request: z.string(),
      requestedDate: z.string().nullable(),
      decision: z.string().nullable(),
      winterBan: z.boolean(),
    }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const note = z.string().trim().max(2000).optional();
export const assignInputSchema = z.strictObject({
  userId: z.string().uuid().nullable().optional(),
  teamId: z.string().uuid().nullable().optional(),
});
export const attemptInputSchema = z.strictObject({
  channel: z.enum(attemptChannels),
  result: z.enum(attemptResults),
  note,
});
export const offerInputSchema = z.strictObject({ kind: z.enum(offerKinds), note });
export const responseInputSchema = z.strictObject({ response: z.enum(responses), note });
export const closeInputSchema = z.strictObject({ outcome: z.enum(outcomes), note });
export const vulnerabilitiesInputSchema = z.strictObject({
  vulnerabilities: z.array(z.string().trim().min(1).max(60)).max(10),
});
/** A disconnection or an eviction is asked for a date: the committee (and the winter ban) needs it. */
export const committeeRequestsWithDate: readonly (typeof committeeRequests)[number][] = [
  'disconnection',
  'eviction',
];
export const committeeRequestInputSchema = z
  .strictObject({
    request: z.enum(committeeRequests),
    requestedDate: isoDate.nullable().optional(),
    note,
  })
  .refine((input) => !committeeRequestsWithDate.includes(input.request) || !!input.requestedDate, {
    message: 'a disconnection or an eviction needs the date it is asked for',
    path: ['requestedDate'],
  });
export const decisionInputSchema = z.strictObject({
  decision: z.enum(committeeDecisions),
  unanimous: z.boolean(),
  note,
});

export const meetingInputSchema = z.strictObject({
  meetsOn: isoDate,
  location: z.string().trim().max(200).optional(),
});

export const committeeItemSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  householdName: z.string(),
  request: z.string(),
  requestedDate: z.string().nullable(),
  note: z.string().nullable(),
  decision: z.string().nullable(),
  unanimous: z.boolean().nullable(),
  decisionNote: z.string().nullable(),
  winterBan: z.boolean(),
});
export const meetingSchema = z.object({
  id: z.string(),
  meetsOn: z.string(),
  location: z.string().nullable(),
  items: z.array(committeeItemSchema),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  leadUserId: z.string().nullable(),
  memberUserIds: z.array(z.string()),
});
export const teamInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  leadUserId: z.string().uuid().nullable().optional(),
  memberUserIds: z.array(z.string().uuid()).max(100),
});

export const deadlineRuleSchema = z.object({
  normal: z.number().int().min(1).max(60),
  urgent: z.number().int().min(1).max(60),
});
export const settingsSchema = z.strictObject({
  deadlines: z.record(signalKindSchema, deadlineRuleSchema),
  keepUncontactedSignalsDays: z.number().int().min(30).max(3650),
  keepClosedCasesDays: z.number().int().min(30).max(3650),
});
export type SignalSettings = z.infer<typeof settingsSchema>;
