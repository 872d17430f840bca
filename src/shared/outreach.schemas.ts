import { z } from 'zod';
import { isRealDate } from './schemas.ts';

/**
 * Door-to-door outreach: campaigns, teams, visitors' shifts, planned rounds, and visits recorded on
 * the doorstep (offline, synced later). Shapes shared by the API and the web app.
 */

export const outreachMessages = {
  shiftOrder: 'the shift must end after it starts',
  windowOrder: 'the end of the visiting time must be after its start',
  periodOrder: 'the last day must not be before the first',
  endsInPast: 'the last day must not be before today',
  dateFormat: 'a date as YYYY-MM-DD',
  dateNotReal: 'this date does not exist',
  bothCoordinates: 'both coordinates of the starting point, or neither',
  visitorBusy: 'this visitor has another round at that time',
  where: 'choose at least one neighbourhood or street',
  retryOrder: 'the end of the time to come back must be after its start',
} as const;

export const needKinds = ['family', 'financial', 'mental', 'housing', 'loneliness', 'safety'] as const;
export const needKindSchema = z.enum(needKinds);
export type NeedKind = z.infer<typeof needKindSchema>;

export const householdFilters = ['none', 'alone_over_75', 'children_under_12'] as const;
export const householdFilterSchema = z.enum(householdFilters);

export const travelModes = ['foot', 'bike'] as const;
export const travelModeSchema = z.enum(travelModes);

export const followUpKinds = ['volunteer_help', 'welfare', 'partner', 'callback'] as const;
export const followUpKindSchema = z.enum(followUpKinds);

export const visitOutcomes = ['not_home', 'refused', 'talked'] as const;
export const visitOutcomeSchema = z.enum(visitOutcomes);

/** Where a door stands in its campaign. */
export const doorStates = ['open', 'unplannable', 'no_coordinates', 'not_home', 'refused', 'talked'] as const;
export type DoorState = (typeof doorStates)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, outreachMessages.dateFormat)
  .refine(isRealDate, outreachMessages.dateNotReal);
const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const text = (max: number) => z.string().trim().min(1).max(max);

/** A starting point is both coordinates or none: half of one was mixed with the default. */
const wholeStartPoint = (s: { startLat?: number; startLon?: number }) =>
  (s.startLat === undefined) === (s.startLon === undefined);
const halfStartPoint = { message: outreachMessages.bothCoordinates, path: ['startLon'] };

export const shiftInputSchema = z
  .strictObject({
    visitorUserId: z.string().uuid(),
    day: isoDate,
    start: minuteOfDay,
    end: minuteOfDay,
    mode: travelModeSchema.default('foot'),
    /** Where the visitor starts and ends; the centre of the team's first neighbourhood when left out. */
    startLat: z.number().min(-90).max(90).optional(),
    startLon: z.number().min(-180).max(180).optional(),
  })
  .refine((s) => s.end > s.start, { message: outreachMessages.shiftOrder, path: ['end'] })
  .refine(wholeStartPoint, halfStartPoint);
export type ShiftInput = z.infer<typeof shiftInputSchema>;

export const teamInputSchema = z.strictObject({
  name: text(120),
  organisation: z.enum(['city', 'partner']),
  partnerName: z.string().trim().max(120).optional(),
  managerUserId: z.string().uuid().nullable().default(null),
  /** The neighbourhoods this team visits; empty: every neighbourhood of the campaign no other team takes. */
  neighbourhoodIds: z.array(z.string().uuid()).max(100).default([]),
  memberUserIds: z.array(z.string().uuid()).max(100).default([]),
});
export type TeamInput = z.infer<typeof teamInputSchema>;

export const campaignInputSchema = z
  .strictObject({
    name: text(160),
    purpose: text(2000),
    startsOn: isoDate,
    endsOn: isoDate,
    neighbourhoodIds: z.array(z.string().uuid()).max(100).default([]),
    streets: z.array(text(120)).max(200).default([]),
    filter: householdFilterSchema.default('none'),
    questions: z.array(text(300)).max(30).default([]),
    tips: z.array(text(300)).max(30).default([]),
    visitMinutes: z.number().int().min(2).max(120).default(10),
    /** Best visiting time for every door unless changed per door (minutes of the day). */
    windowStart: minuteOfDay.default(9 * 60),
    windowEnd: minuteOfDay.default(20 * 60),
    teams: z.array(teamInputSchema).max(20).default([]),
    shifts: z.array(shiftInputSchema).max(500).default([]),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: outreachMessages.periodOrder, path: ['endsOn'] })
  .refine((c) => c.windowEnd > c.windowStart, { message: outreachMessages.windowOrder, path: ['windowEnd'] })
  .refine((c) => c.neighbourhoodIds.length > 0 || c.streets.length > 0, {
    message: outreachMessages.where,
    path: ['neighbourhoodIds'],
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const shiftsAddSchema = z.strictObject({ shifts: z.array(shiftInputSchema).min(1).max(500) });

export const doorPatchSchema = z
  .strictObject({
    /** Keep this door in this round when re-planning (null: let the planner choose again). */
    pinnedShiftId: z.string().uuid().nullable().optional(),
    windowStart: minuteOfDay.optional(),
    windowEnd: minuteOfDay.optional(),
  })
  .refine((d) => d.windowStart === undefined || d.windowEnd === undefined || d.windowEnd > d.windowStart, {
    message: outreachMessages.windowOrder,
    path: ['windowEnd'],
  });

export const campaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  doors: z.number(),
  visited: z.number(),
  plannedAt: z.string().nullable(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const doorSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  label: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  neighbourhoodId: z.string().nullable(),
  state: z.enum(doorStates),
  reason: z.string().nullable(),
  shiftId: z.string().nullable(),
  pinned: z.boolean(),
  seq: z.number().nullable(),
  eta: z.number().nullable(),
  windowStart: z.number(),
  windowEnd: z.number(),
  attempts: z.number(),
  needsReview: z.boolean(),
  /** A "not home" door is not tried again before this day. */
  retryNotBefore: z.string().nullable(),
});
export type Door = z.infer<typeof doorSchema>;

export const shiftSchema = z.object({
  id: z.string(),
  teamId: z.string().nullable(),
  visitorUserId: z.string(),
  visitorName: z.string(),
  day: z.string(),
  start: z.number(),
  end: z.number(),
  mode: travelModeSchema,
  startLat: z.number(),
  startLon: z.number(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.enum(['city', 'partner']),
  partnerName: z.string().nullable(),
  managerUserId: z.string().nullable(),
  neighbourhoodIds: z.array(z.string()),
  memberUserIds: z.array(z.string()),
});

export const neighbourhoodOutlineSchema = z.object({
  id: z.string(),
  name: z.string(),
  isFocus: z.boolean(),
  outline: z.object({ type: z.string(), coordinates: z.any() }),
});

export const campaignDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  filter: householdFilterSchema,
  streets: z.array(z.string()),
  neighbourhoodIds: z.array(z.string()),
  questions: z.array(z.string()),
  tips: z.array(z.string()),
  visitMinutes: z.number(),
  plannedAt: z.string().nullable(),
  teams: z.array(teamSchema),
  shifts: z.array(shiftSchema),
  doors: z.array(doorSchema),
  neighbourhoods: z.array(neighbourhoodOutlineSchema),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

export const planResultSchema = z.object({
  planned: z.number(),
  rounds: z.number(),
  unplanned: z.array(
    z.object({ doorId: z.string(), address: z.string(), state: z.string(), reason: z.string() }),
  ),
  kilometres: z.number(),
  millis: z.number(),
});
export type PlanResult = z.infer<typeof planResultSchema>;

export const progressRowSchema = z.object({
  neighbourhoodId: z.string().nullable(),
  neighbourhoodName: z.string(),
  doors: z.number(),
  planned: z.number(),
  visited: z.number(),
  talked: z.number(),
  notHome: z.number(),
  refused: z.number(),
  needs: z.record(z.string(), z.number()),
  followUpsOpen: z.number(),
});
export const progressSchema = z.object({
  campaignId: z.string(),
  total: progressRowSchema,
  byNeighbourhood: z.array(progressRowSchema),
});
export type Progress = z.infer<typeof progressSchema>;

/** What a visitor's phone downloads: only what the doorstep needs, never the household's file. */
export const roundDoorSchema = z.object({
  id: z.string(),
  version: z.number(),
  bellName: z.string(),
  address: z.string(),
  language: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  seq: z.number(),
  eta: z.number().nullable(),
  state: z.enum(doorStates),
  earlierNotHome: z.array(z.object({ at: z.string(), note: z.string().nullable() })),
});
export type RoundDoor = z.infer<typeof roundDoorSchema>;

export const roundSchema = z.object({
  shiftId: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  day: z.string(),
  start: z.number(),
  end: z.number(),
  mode: travelModeSchema,
  startLat: z.number(),
  startLon: z.number(),
  questions: z.array(z.string()),
  tips: z.array(z.string()),
  doors: z.array(roundDoorSchema),
});
export type Round = z.infer<typeof roundSchema>;

export const myRoundsSchema = z.object({
  serverTime: z.string(),
  rounds: z.array(roundSchema),
  helpTypes: z.array(
    z.object({ code: z.string(), names: z.object({ nl: z.string(), en: z.string(), fr: z.string() }) }),
  ),
});
export type MyRounds = z.infer<typeof myRoundsSchema>;

export const followUpInputSchema = z.strictObject({
  kind: followUpKindSchema,
  /** The kind of volunteer help (Genk Helpt catalogue code), for volunteer_help. */
  helpType: z.string().trim().min(1).max(40).optional(),
  partnerName: z.string().trim().max(120).optional(),
  note: z.string().trim().max(1000).default(''),
  /** The resident agreed to this follow-up, on the doorstep. */
  consent: z.boolean(),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const visitRecordSchema = z
  .strictObject({
    /** Made on the phone when the form is saved: sending the same record twice creates it once. */
    clientId: z.string().uuid(),
    doorId: z.string().uuid(),
    /** The door's version when the phone downloaded it: a newer one means someone else was there too. */
    baseVersion: z.number().int().min(0),
    outcome: visitOutcomeSchema,
    /** The phone's clock when the form was saved, as reported; the server's clock orders records. */
    recordedAt: z.string().datetime({ offset: true }),
    retryHint: z.string().trim().max(200).optional(),
    /** When to come back, as the resident or a neighbour said (minutes of the day; not before a day). */
    retryFrom: minuteOfDay.optional(),
    retryUntil: minuteOfDay.optional(),
    retryOn: isoDate.optional(),
    needs: z.array(needKindSchema).max(needKinds.length).default([]),
    tips: z.array(z.string().trim().max(300)).max(30).default([]),
    followUps: z.array(followUpInputSchema).max(10).default([]),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.retryFrom === undefined || r.retryUntil === undefined || r.retryUntil > r.retryFrom, {
    message: outreachMessages.retryOrder,
    path: ['retryUntil'],
  });
export type VisitRecord = z.infer<typeof visitRecordSchema>;

/**
 * The outbox as sent: up to 200 records, each with its id. Each record is checked against
 * visitRecordSchema on its own, so one the server cannot take is answered `rejected` with the field
 * and why, and the others still land: a phone must never be stuck behind one record.
 */
export const syncInputSchema = z.strictObject({
  records: z
    .array(z.looseObject({ clientId: z.string().uuid() }))
    .min(1)
    .max(200),
});

export const syncResultSchema = z.object({
  serverTime: z.string(),
  results: z.array(
    z.object({
      clientId: z.string(),
      status: z.enum(['created', 'duplicate', 'conflict', 'rejected']),
      code: z.string().optional(),
      message: z.string().optional(),
      visitId: z.string().optional(),
      /** Minutes the phone's clock was ahead (positive) or behind when it reported the record. */
      clockSkewMinutes: z.number().optional(),
    }),
  ),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

export const concernSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  householdId: z.string(),
  householdName: z.string(),
  address: z.string(),
  campaignName: z.string(),
  visitorName: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type Concern = z.infer<typeof concernSchema>;

export const outreachOptionsSchema = z.object({
  neighbourhoods: z.array(z.object({ id: z.string(), name: z.string(), isFocus: z.boolean() })),
  visitors: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
  managers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type OutreachOptions = z.infer<typeof outreachOptionsSchema>;

// ---------------------------------------------------------------- settling a door two visitors recorded

export const reviewVisitSchema = z.object({
  id: z.string(),
  visitorName: z.string(),
  outcome: visitOutcomeSchema,
  retryHint: z.string().nullable(),
  needs: z.array(z.string()),
  tips: z.array(z.string()),
  followUps: z.array(z.object({ kind: z.string(), consent: z.boolean(), note: z.string() })),
  note: z.string().nullable(),
  conflict: z.boolean(),
  receivedAt: z.string(),
  recordedAt: z.string(),
});
export type ReviewVisit = z.infer<typeof reviewVisitSchema>;

export const reviewDoorSchema = z.object({
  doorId: z.string(),
  label: z.string(),
  address: z.string(),
  state: z.enum(doorStates),
  visits: z.array(reviewVisitSchema),
});
export type ReviewDoor = z.infer<typeof reviewDoorSchema>;

/** Keep one visitor's record as what happened at the door, or put the outcome and needs together. */
export const resolveInputSchema = z.discriminatedUnion('choice', [
  z.strictObject({
    choice: z.literal('visit'),
    visitId: z.string().uuid(),
    note: z.string().trim().max(1000).optional(),
  }),
  z.strictObject({
    choice: z.literal('merge'),
    outcome: visitOutcomeSchema,
    needs: z.array(needKindSchema).max(needKinds.length).default([]),
    note: z.string().trim().max(1000).optional(),
  }),
]);
export type ResolveInput = z.infer<typeof resolveInputSchema>;

// ---------------------------------------------------------------- changing shifts and campaigns

export const shiftPatchSchema = z
  .strictObject({
    visitorUserId: z.string().uuid().optional(),
    day: isoDate.optional(),
    start: minuteOfDay.optional(),
    end: minuteOfDay.optional(),
    mode: travelModeSchema.optional(),
    startLat: z.number().min(-90).max(90).optional(),
    startLon: z.number().min(-180).max(180).optional(),
  })
  .refine((s) => s.start === undefined || s.end === undefined || s.end > s.start, {
    message: outreachMessages.shiftOrder,
    path: ['end'],
  })
  .refine(wholeStartPoint, halfStartPoint);
export type ShiftPatch = z.infer<typeof shiftPatchSchema>;

export const teamEditSchema = teamInputSchema.extend({
  /** An existing team keeps its id; a team without one is new. */
  id: z.string().uuid().optional(),
});
export type TeamEdit = z.infer<typeof teamEditSchema>;

/** What can change after set-up; left out: unchanged. Teams, when given, is the whole new list. */
export const campaignPatchSchema = z
  .strictObject({
    name: text(160).optional(),
    purpose: text(2000).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    neighbourhoodIds: z.array(z.string().uuid()).max(100).optional(),
    streets: z.array(text(120)).max(200).optional(),
    filter: householdFilterSchema.optional(),
    questions: z.array(text(300)).max(30).optional(),
    tips: z.array(text(300)).max(30).optional(),
    visitMinutes: z.number().int().min(2).max(120).optional(),
    teams: z.array(teamEditSchema).max(20).optional(),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, {
    message: outreachMessages.periodOrder,
    path: ['endsOn'],
  });
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

export const campaignChangeSchema = z.object({
  id: z.string(),
  doorsAdded: z.number(),
  doorsRemoved: z.number(),
  shiftsRemoved: z.number(),
  /** The rounds were planned again because where, when or who changed. */
  replanned: z.boolean(),
});
export type CampaignChange = z.infer<typeof campaignChangeSchema>;

export const revisitResultSchema = z.object({
  /** "Not home" doors put back into a round on a later day. */
  planned: z.number(),
  /** "Not home" doors that no coming shift can take, with why. */
  waiting: z.number(),
  days: z.array(z.string()),
});
export type RevisitResult = z.infer<typeof revisitResultSchema>;
