import { z } from 'zod';
import { brusselsNow } from './brussels.ts';
import { languageCodeSchema } from './languages.ts';
import { emailSchema, languageSchema, slugSchema } from './schemas.ts';

/**
 * Genk Helpt: volunteers, help needs and matches. Request and response shapes shared by the API
 * and the web app. Validation messages are stable English phrases; the web maps them to
 * translation keys (features/help/validation.ts), so a field gets the same answer in both places.
 */

export { helpMessages } from './help.messages.ts';
export { helpProgrammeName } from './help.programme.ts';

import { helpMessages } from './help.messages.ts';
import { HELP_DAY_MINUTES } from './help.programme.ts';

/**
 * A phone number someone gives: required where the form asks it, optional elsewhere, but never
 * so short ("abc", "123") that nobody could ring it. One rule for the public form, the staff
 * request form and the volunteer's profile.
 */
const phoneSchema = z.string().trim().min(6, helpMessages.phoneShort).max(40);

export const helpNeedStatuses = [
  'new',
  'proposed',
  'accepted',
  'in_progress',
  'done',
  'cancelled',
  'no_match',
] as const;
export const helpNeedStatusSchema = z.enum(helpNeedStatuses);
export type HelpNeedStatus = z.infer<typeof helpNeedStatusSchema>;

/** Open: still waiting for a volunteer or being helped. */
export const openNeedStatuses: readonly HelpNeedStatus[] = ['new', 'proposed', 'no_match'];
export const closedNeedStatuses: readonly HelpNeedStatus[] = ['done', 'cancelled'];

export const helpMatchStatuses = [
  'proposed',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  'completed',
  'ended',
] as const;
export type HelpMatchStatus = (typeof helpMatchStatuses)[number];

export const urgencies = ['low', 'normal', 'high'] as const;
export const urgencySchema = z.enum(urgencies);

export const screenings = ['intake', 'good_conduct_children'] as const;
export const screeningSchema = z.enum(screenings);

export const transportMeans = ['car', 'bike', 'foot', 'public_transport'] as const;
export const commitments = ['one_off', 'recurring', 'both'] as const;

/** Kept in languages.ts, beside the list of languages the forms offer. */
export { languageCodeSchema };

const todayIso = () => brusselsNow().date;

/**
 * A date range (a window, a recurring request, a volunteer's time away) spans at most one year: the
 * last day no later than the same day a year after the first (from 2026-03-10 up to 2027-03-10). Help
 * is planned weeks ahead, not years; a longer range is a typo (2062 for 2026) and would hold a
 * volunteer's calendar or a request open forever.
 */
export const MAX_RANGE_YEARS = 1;
const lastDayOfRange = (from: string) =>
  `${String(Number(from.slice(0, 4)) + MAX_RANGE_YEARS).padStart(4, '0')}${from.slice(4)}`;

export const isoDateSchema = z
  .string()
  // An empty field says a date is needed, not that the date does not exist.
  .min(1, helpMessages.dateMissing)
  .regex(/^\d{4}-\d{2}-\d{2}$/, helpMessages.dateFormat)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, helpMessages.dateNotReal);

const minuteSchema = z.number().int().min(0, helpMessages.slotRange).max(1440, helpMessages.slotRange);

export const weeklySlotSchema = z
  .strictObject({ day: z.number().int().min(0).max(6), start: minuteSchema, end: minuteSchema })
  .refine((slot) => slot.end > slot.start, { message: helpMessages.slotOrder, path: ['end'] });
export type WeeklySlotInput = z.infer<typeof weeklySlotSchema>;

/** Weekly slots: each one valid, and none overlapping another on the same day. */
export const weeklySlotsSchema = z
  .array(weeklySlotSchema)
  .max(28)
  .superRefine((slots, ctx) => {
    for (let i = 0; i < slots.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = slots[i]!;
        const b = slots[j]!;
        if (a.day === b.day && a.start < b.end && b.start < a.end) {
          ctx.addIssue({ code: 'custom', message: helpMessages.slotOverlap, path: [i] });
        }
      }
    }
  });

export const dateRangeSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .refine((r) => r.to >= r.from, { message: helpMessages.rangeOrder, path: ['to'] })
  .refine((r) => r.to <= lastDayOfRange(r.from), { message: helpMessages.rangeTooLong, path: ['to'] });

/** When help is needed over days: not over yet, and starting at most a year ahead (as a moment). */
const neededRangeSchema = dateRangeSchema
  .refine((r) => r.to >= todayIso(), { message: helpMessages.inPast, path: ['to'] })
  .refine((r) => r.from <= lastDayOfRange(todayIso()), { message: helpMessages.tooFarAhead, path: ['from'] });

export const needTimingSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('moment'),
      date: isoDateSchema
        .refine((d) => d >= todayIso(), helpMessages.inPast)
        // As for a range (see MAX_RANGE_YEARS): a date years ahead is a typo, not a plan.
        .refine((d) => d <= lastDayOfRange(todayIso()), helpMessages.tooFarAhead),
      start: minuteSchema,
      end: minuteSchema,
    })
    .refine((t) => t.end > t.start, { message: helpMessages.slotOrder, path: ['end'] })
    // Today, in Brussels: the start must not have gone by yet (a start this very minute is fine).
    .refine(
      (t) => {
        const now = brusselsNow();
        return t.date !== now.date || t.start >= now.minute;
      },
      { message: helpMessages.timeInPast, path: ['start'] },
    ),
  z.strictObject({
    kind: z.literal('window'),
    range: neededRangeSchema,
  }),
  z
    .strictObject({
      kind: z.literal('recurring'),
      slots: weeklySlotsSchema.refine((s) => s.length > 0, helpMessages.chooseOne),
      range: neededRangeSchema,
    })
    // Weekly help on a Friday between a Monday and a Tuesday never takes place; nor on a day of the
    // range that has gone by. Each such day is named: the volunteer must be free on every one.
    .superRefine((t, ctx) => {
      // The later of today and the first day (dates as text: Math.max does not apply).
      let from = todayIso();
      if (t.range.from > from) from = t.range.from;
      t.slots.forEach((slot, i) => {
        if (!weekdayInRange(slot.day, { from, to: t.range.to }))
          ctx.addIssue({ code: 'custom', message: helpMessages.noDayInRange, path: ['slots', i, 'day'] });
      });
    }),
]);

/** Whether a weekday (0 = Monday) falls between the first and last day of a range, both included. */
export function weekdayInRange(day: number, range: { from: string; to: string }): boolean {
  const first = new Date(`${range.from}T00:00:00Z`);
  const days = Math.round((new Date(`${range.to}T00:00:00Z`).getTime() - first.getTime()) / 86_400_000);
  if (!(days >= 0)) return true; // an impossible range is refused on its own field
  if (days >= 6) return true;
  const firstWeekday = (first.getUTCDay() + 6) % 7;
  return (day - firstWeekday + 7) % 7 <= days;
}
export type NeedTimingInput = z.infer<typeof needTimingSchema>;

const localisedSchema = z.strictObject({
  nl: z.string().trim().min(1).max(80),
  en: z.string().trim().min(1).max(80),
  fr: z.string().trim().min(1).max(80),
});

export const helpTypeSchema = z.object({
  id: z.string(),
  code: z.string(),
  names: localisedSchema,
  requiredScreenings: z.array(z.string()),
  requiredMeans: z.array(z.string()),
  active: z.boolean(),
});
export type HelpType = z.infer<typeof helpTypeSchema>;

export const helpTypeInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and underscores'),
  names: localisedSchema,
  requiredScreenings: z.array(screeningSchema).max(screenings.length).default([]),
  requiredMeans: z.array(z.enum(transportMeans)).max(transportMeans.length).default([]),
  active: z.boolean().default(true),
});

export const helpTypePatchSchema = z
  .strictObject({
    names: localisedSchema.optional(),
    requiredScreenings: z.array(screeningSchema).max(screenings.length).optional(),
    requiredMeans: z.array(z.enum(transportMeans)).max(transportMeans.length).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const areaSchema = z.object({ id: z.string(), name: z.string() });

// ---------------------------------------------------------------- volunteers

export const signupSchema = z.strictObject({
  tenant: slugSchema,
  email: emailSchema,
  displayName: z.string().trim().min(1).max(120),
  language: languageSchema.default('nl'),
  /** Interested in becoming a family coach later (talent coaching programme). */
  wantsCoaching: z.boolean().default(false),
});

export const confirmSignupSchema = z.strictObject({
  tenant: slugSchema,
  token: z.string().min(20).max(100),
});

export const volunteerProfileInputSchema = z.strictObject({
  phone: phoneSchema.nullable().default(null),
  helpTypes: z.array(z.string().trim().min(1).max(40)).min(1, helpMessages.chooseOne).max(30),
  languages: z.array(languageCodeSchema).min(1, helpMessages.chooseOne).max(12),
  homeAreaId: z.string().uuid(),
  maxDistanceKm: z.number().min(0.5, helpMessages.distanceRange).max(50, helpMessages.distanceRange),
  commitment: z.enum(commitments),
  slots: weeklySlotsSchema,
  away: z.array(dateRangeSchema).max(20).default([]),
  means: z.array(z.enum(transportMeans)).min(1, helpMessages.chooseOne).max(transportMeans.length),
  capacity: z.number().int().min(1, helpMessages.capacityRange).max(10, helpMessages.capacityRange),
  wantsCoaching: z.boolean(),
});
export type VolunteerProfileInput = z.infer<typeof volunteerProfileInputSchema>;

export const volunteerSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  helpTypes: z.array(z.string()),
  languages: z.array(z.string()),
  homeAreaId: z.string().nullable(),
  homeAreaName: z.string().nullable(),
  maxDistanceKm: z.number(),
  commitment: z.enum(commitments),
  slots: z.array(z.object({ day: z.number(), start: z.number(), end: z.number() })),
  away: z.array(z.object({ from: z.string(), to: z.string() })),
  means: z.array(z.string()),
  capacity: z.number(),
  wantsCoaching: z.boolean(),
  intakeDoneOn: z.string().nullable(),
  goodConductOn: z.string().nullable(),
  agreementSignedOn: z.string().nullable(),
  active: z.boolean(),
  profileComplete: z.boolean(),
  activeMatches: z.number(),
  /** Matches the volunteer reported done, and all the time they gave (at the end and session by session). */
  helped: z.number(),
  minutes: z.number(),
});
export type VolunteerView = z.infer<typeof volunteerSchema>;

/** The day a screening was done: it counts from then on, so not a day still to come (Brussels). */
const doneOnSchema = isoDateSchema
  .refine((d) => d <= todayIso(), helpMessages.inFuture)
  .nullable()
  .optional();

export const screeningPatchSchema = z
  .strictObject({
    intakeDoneOn: doneOnSchema,
    goodConductOn: doneOnSchema,
    agreementSignedOn: doneOnSchema,
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

// ---------------------------------------------------------------- needs

export const requesterSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
});

/** What a request says: the same when it is posted and when it is changed. */
const needFields = {
  helpType: z.string().trim().min(1).max(40),
  description: z.string().trim().min(1).max(2000),
  arrangements: z.string().trim().max(1000).optional(),
  timing: needTimingSchema,
  languages: z.array(languageCodeSchema).max(6).default([]),
  urgency: urgencySchema.default('normal'),
  sensitive: z.boolean().default(false),
};

export const needInputSchema = z
  .strictObject({
    /** Staff post for a household they may see; partners describe who asks instead. */
    householdId: z.string().uuid().optional(),
    requester: requesterSchema.optional(),
    areaId: z.string().uuid().optional(),
    ...needFields,
    /** The family agreed, now, that the volunteer who accepts may get their address and phone. */
    consentGiven: z.boolean().default(false),
    /**
     * A partner in several partner organisations names the one it posts for (one it is a member of);
     * without it, the oldest. Only partners post for an organisation.
     */
    organisationId: z.string().uuid().optional(),
  })
  .refine((v) => v.householdId || v.requester, {
    message: 'a household or the person asking',
    path: ['householdId'],
  })
  .refine((v) => v.householdId || v.areaId, { message: 'the neighbourhood', path: ['areaId'] });
export type NeedInput = z.infer<typeof needInputSchema>;

/** A partner organisation the signed-in account may post a request for (one it is a member of). */
export const postingOrganisationSchema = z.object({ id: z.string(), name: z.string() });
export type PostingOrganisation = z.infer<typeof postingOrganisationSchema>;

/**
 * What staff (or the partner who posted it) may still change while nobody has been asked. A field
 * left out keeps what the request says (no default: a change that leaves out `sensitive` must not
 * make a sensitive request visible to all); an empty `arrangements` clears them.
 */
export const needEditSchema = z.strictObject({
  areaId: z.string().uuid().optional(),
  ...needFields,
  languages: needFields.languages.removeDefault().optional(),
  urgency: urgencySchema.optional(),
  sensitive: z.boolean().optional(),
});
export type NeedEdit = z.infer<typeof needEditSchema>;

/** Link a request that came without a household (public form, partner) to a resident's household. */
export const needLinkSchema = z.strictObject({ personId: z.string().uuid() });

export const publicNeedInputSchema = z.strictObject({
  tenant: slugSchema,
  name: z.string().trim().min(1).max(120),
  // Empty: the field is required; too short ("abc"): the number looks incomplete.
  phone: z.string().trim().min(1).pipe(phoneSchema),
  areaId: z.string().uuid(),
  helpType: z.string().trim().min(1).max(40),
  description: z.string().trim().min(1).max(1000),
  language: languageCodeSchema.default('nl'),
  timing: needTimingSchema,
  consentGiven: z.literal(true),
});

export const statusChangeSchema = z.strictObject({
  status: z.enum(['in_progress', 'done', 'cancelled', 'new']),
  reason: z.string().trim().min(1).max(500),
});

export const proposeSchema = z.strictObject({
  volunteerIds: z.array(z.string().uuid()).min(1).max(5),
});

export const picksSchema = z.strictObject({ volunteerIds: z.array(z.string().uuid()).max(50) });

/** The longest word of feedback, from the family or the volunteer (the family's page says it). */
export const FEEDBACK_COMMENT_MAX = 1000;

export const feedbackSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(FEEDBACK_COMMENT_MAX).optional(),
});

/** Staff ask the family for feedback: by e-mail, or a link shown once to pass on. */
export const feedbackLinkRequestSchema = z.strictObject({ byEmail: z.boolean() });

export const feedbackLinkSchema = z.object({
  sentByEmail: z.boolean(),
  /** The link to pass on, shown once; null when it went by e-mail. */
  url: z.string().nullable(),
  expiresAt: z.string(),
});
export type FeedbackLink = z.infer<typeof feedbackLinkSchema>;

/** The family's own link: the municipality and the single-use token. */
export const feedbackTokenSchema = z.strictObject({
  tenant: slugSchema,
  token: z.string().min(20).max(100),
});

/** What the family's page shows: the kind of help and the day, nothing about anyone. */
export const publicFeedbackViewSchema = z.object({
  helpType: z.object({ nl: z.string(), en: z.string(), fr: z.string() }),
  day: z.string().nullable(),
});
export type PublicFeedbackView = z.infer<typeof publicFeedbackViewSchema>;

export const publicFeedbackInputSchema = feedbackTokenSchema.extend(feedbackSchema.shape);

export const completeSchema = z.strictObject({
  /**
   * The time given and not logged yet, on any days (the server holds it to 12 hours for each day
   * since the help began: hoursSince).
   */
  minutes: z.number().int().min(0).max(100_000, helpMessages.hoursSince),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(FEEDBACK_COMMENT_MAX).optional(),
});

/** Time given on one day of a match (weekly help is logged session by session). */
export const hoursSchema = z.strictObject({
  on: isoDateSchema,
  minutes: z.number().int().min(1, 'at least 1 minute').max(HELP_DAY_MINUTES, helpMessages.hoursPerDay),
});
export type HoursInput = z.infer<typeof hoursSchema>;

/** Why a volunteer says no this time: a choice, not free text (staff read it beside the request). */
export const declineReasons = ['time', 'distance', 'fit', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const declineSchema = z.strictObject({ reason: z.enum(declineReasons).optional() });

export const matchingSendSchema = z.strictObject({
  proposals: z
    .array(z.strictObject({ needId: z.string().uuid(), volunteerId: z.string().uuid() }))
    .min(1)
    .max(500),
});

export const needSummarySchema = z.object({
  id: z.string(),
  helpType: z.string(),
  status: helpNeedStatusSchema,
  urgency: urgencySchema,
  sensitive: z.boolean(),
  areaName: z.string().nullable(),
  timing: z.unknown(),
  languages: z.array(z.string()),
  householdId: z.string().nullable(),
  householdName: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  noMatchReason: z.string().nullable(),
  waitingProposals: z.number(),
});
export type NeedSummary = z.infer<typeof needSummarySchema>;

/** One page of the requests list, newest first, and how many there are in all. */
export const needPageSchema = z.object({
  needs: z.array(needSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type NeedPage = z.infer<typeof needPageSchema>;

export const needListQuerySchema = z.strictObject({
  status: helpNeedStatusSchema.optional(),
  /** Part of the family's or the asker's name; at least two characters. Empty: no search. */
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(2).max(80).optional()),
  /** 1 is the newest; a page past the last is empty. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const needEventSchema = z.object({
  at: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  /** Words staff typed; for a step Samen took, English words beside the key the screens translate. */
  reason: z.string(),
  reasonKey: z.string().nullable(),
  reasonValues: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
});

export const matchSummarySchema = z.object({
  id: z.string(),
  needId: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  status: z.enum(helpMatchStatuses),
  score: z.number(),
  explanation: z.string(),
  proposedAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  minutes: z.number().nullable(),
  /** Why the volunteer said no, when they said. */
  declineReason: z.enum(declineReasons).nullable(),
});

export const needDetailSchema = needSummarySchema.extend({
  description: z.string(),
  arrangements: z.string().nullable(),
  requesterName: z.string().nullable(),
  requesterPhone: z.string().nullable(),
  areaId: z.string().nullable(),
  pickedVolunteerIds: z.array(z.string()),
  events: z.array(needEventSchema),
  matches: z.array(matchSummarySchema),
  residentFeedback: z
    .object({
      rating: z.number(),
      comment: z.string().nullable(),
      /** Staff on the family's behalf, or the family itself through its link. */
      by: z.enum(['staff', 'family']),
      at: z.string().nullable(),
    })
    .nullable(),
  /** The latest feedback link for the family (never the link itself: it is shown only once). */
  feedbackLink: z
    .object({
      createdAt: z.string(),
      expiresAt: z.string(),
      usedAt: z.string().nullable(),
      sentByEmail: z.boolean(),
    })
    .nullable(),
  /** Whether an e-mail address of the family is known, so the link can be mailed. */
  familyHasEmail: z.boolean(),
});
export type NeedDetail = z.infer<typeof needDetailSchema>;

export const candidateSchema = z.object({
  volunteerId: z.string(),
  displayName: z.string(),
  score: z.number(),
  explanation: z.string(),
  alreadyAsked: z.boolean(),
});

export const candidatesSchema = z.object({
  candidates: z.array(candidateSchema),
  noCandidate: z.string().nullable(),
});

/** What a volunteer sees of a need: minimised until they accept, the rest once they have. */
export const volunteerMatchSchema = z.object({
  id: z.string(),
  status: z.enum(helpMatchStatuses),
  needStatus: helpNeedStatusSchema,
  helpType: z.string(),
  areaName: z.string().nullable(),
  timing: z.unknown(),
  urgency: urgencySchema,
  explanation: z.string(),
  proposedAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  minutes: z.number().nullable(),
  /** Only once accepted, while the match is active. */
  details: z
    .object({
      description: z.string(),
      arrangements: z.string().nullable(),
      contactName: z.string(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
});
export type VolunteerMatch = z.infer<typeof volunteerMatchSchema>;

export const volunteerHomeSchema = z.object({
  profile: volunteerSchema.nullable(),
  proposals: z.array(volunteerMatchSchema),
  active: z.array(volunteerMatchSchema),
  history: z.array(volunteerMatchSchema),
  totalMinutes: z.number(),
});
export type VolunteerHome = z.infer<typeof volunteerHomeSchema>;

export const boardSchema = z.object({
  open: z.array(needSummarySchema),
  waiting: z.array(matchSummarySchema.extend({ helpType: z.string(), areaName: z.string().nullable() })),
  noMatch: z.array(needSummarySchema),
  active: z.array(needSummarySchema),
  /** How many there are in each list; a list shows at most 200 (open and no match by urgency, then oldest). */
  totals: z.object({ open: z.number(), waiting: z.number(), noMatch: z.number(), active: z.number() }),
});
export type Board = z.infer<typeof boardSchema>;

export const matchingRunSchema = z.object({
  proposals: z.array(
    z.object({
      needId: z.string(),
      volunteerId: z.string(),
      volunteerName: z.string(),
      helpType: z.string(),
      areaName: z.string().nullable(),
      urgency: urgencySchema,
      score: z.number(),
      explanation: z.string(),
    }),
  ),
  unassigned: z.array(z.object({ needId: z.string(), helpType: z.string(), reason: z.string() })),
});
export type MatchingRun = z.infer<typeof matchingRunSchema>;

/**
 * A count under `smallNumber` (5) is null, and so is one that the other counts of its row would give
 * back as 1 to 4 (see shownCounts in help.figures.ts): shown as "—", so no family stands out.
 */
const withheld = z.number().nullable();
export const figuresSchema = z.object({
  rows: z.array(
    z.object({
      helpType: z.string(),
      areaName: z.string(),
      needs: withheld,
      matched: withheld,
      matchedWithin48h: withheld,
      /** Share of needs matched within 48 hours, 0..1; null when that count is withheld. */
      shareWithin48h: z.number().nullable(),
      /** Null when fewer than 5 needs were matched. */
      medianHoursToMatch: z.number().nullable(),
      noMatch: withheld,
      /** Minutes of help logged; null when fewer than 5 needs had hours logged. */
      minutes: z.number().nullable(),
    }),
  ),
  /** Counts under this are withheld (null), and so is what is worked out from fewer needs. */
  smallNumber: z.number(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const setPasswordLinkSchema = z.object({ tenant: z.string(), token: z.string() });
