import { z } from 'zod';
import { brusselsNow } from './brussels.ts';
import { isoDateSchema } from './help.schemas.ts';
import { languageCodeSchema } from './languages.ts';
import { isPlausibleBelgianPostcode } from './postcodes.ts';

/**
 * Talent coaching: programmes and cohorts, referrals and intake, coaches and their training,
 * matchmaking, trajectories (meetings, goals, check-ins, supporters, worries) and the steering
 * group's aggregates. Request and response shapes shared by the API and the web app.
 */

export const coachingMessages = {
  consentRequired: "the family's consent is required, and that it was free to say no",
  inFuture: 'cannot be in the future',
  beforeStart: 'cannot be before the coaching began',
  notTrained: 'has not yet followed the required training sessions',
  notScreened: 'is not screened yet',
  capacity: 'has no room left for another family',
  hasCoach: 'this family already has an active coach',
  notAccepted: 'this family has not been accepted into a cohort',
  reasonRequired: 'say why, in a few words',
  cohortRequired: 'choose the cohort the family joins',
  safetySituation: 'one of the safety situations the programme defines',
  notAChild: 'a child under 18',
  consentTooOld: 'the consent is over a year old: ask the family again',
  beforeReferral: 'cannot be before the family was referred',
  notBelgian: 'not a Belgian postcode',
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const referrerKinds = [
  'school',
  'kindergarten',
  'welfare_centre',
  'summer_school',
  'partner',
  'other',
] as const;
export const referralStatuses = ['referred', 'accepted', 'waiting', 'not_now'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const intakeOutcomes = ['accepted', 'waiting', 'not_now'] as const;
export const meetingKinds = ['home_visit', 'outing', 'phone', 'video', 'other'] as const;
export const goalDomains = ['school', 'leisure', 'network', 'language', 'money'] as const;
export const trainingTopics = ['communication', 'involvement', 'boundaries'] as const;
export const genders = ['female', 'male', 'other'] as const;

// ---------------------------------------------------------------- programmes and cohorts

export const programmeInputSchema = z
  .strictObject({
    name: text(120),
    targetGroup: z.strictObject({
      childAgeFrom: z.number().int().min(0).max(18),
      childAgeTo: z.number().int().min(0).max(18),
      description: text(400),
    }),
    capacity: z.number().int().min(1).max(100_000),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    requiredSessions: z
      .array(z.enum(trainingTopics))
      .max(3)
      .default([...trainingTopics]),
    safetySituations: z.array(text(200)).max(10).default([]),
  })
  .refine((p) => p.endsOn > p.startsOn, { message: 'the end must be after the start', path: ['endsOn'] })
  .refine((p) => p.targetGroup.childAgeTo >= p.targetGroup.childAgeFrom, {
    message: 'the upper age must not be below the lower',
    path: ['targetGroup', 'childAgeTo'],
  });

export const cohortInputSchema = z.strictObject({
  name: text(80),
  size: z.number().int().min(1).max(10_000),
  startsOn: isoDateSchema,
});

export const cohortSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  name: z.string(),
  size: z.number(),
  startsOn: z.string(),
  accepted: z.number(),
  matched: z.number(),
  waiting: z.number(),
});
export type Cohort = z.infer<typeof cohortSchema>;

export const programmeSchema = z.object({
  id: z.string(),
  name: z.string(),
  targetGroup: z.object({ childAgeFrom: z.number(), childAgeTo: z.number(), description: z.string() }),
  capacity: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  requiredSessions: z.array(z.string()),
  safetySituations: z.array(z.string()),
  cohorts: z.array(cohortSchema),
  waitingList: z.number(),
});
export type Programme = z.infer<typeof programmeSchema>;

// ---------------------------------------------------------------- referrals

export const referralInputSchema = z.strictObject({
  programmeId: z.string().uuid(),
  referrerKind: z.enum(referrerKinds),
  referrerOrganisation: text(120),
  parentFirstNames: text(120),
  familyName: text(80),
  childFirstName: text(60),
  childBirthDate: isoDateSchema,
  street: text(120),
  houseNumber: text(12),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'a Belgian postcode of four digits')
    .refine(isPlausibleBelgianPostcode, coachingMessages.notBelgian),
  areaId: z.string().uuid(),
  phone: optionalText(40),
  languages: z.array(languageCodeSchema).max(6).default([]),
  sharedBackground: optionalText(80),
  genderPreference: z.enum(['female', 'male']).optional(),
  interests: z.array(text(40)).max(10).default([]),
  situation: text(2000),
  consentGiven: z.boolean(),
  consentFreeToRefuse: z.boolean(),
  consentMethod: z.enum(['signed_form', 'verbal']),
  consentOn: isoDateSchema,
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

/** What a referrer sees of their own referral: its status and the reason the family was told. */
export const ownReferralSchema = z.object({
  id: z.string(),
  programmeName: z.string(),
  familyLabel: z.string(),
  createdAt: z.string(),
  status: z.enum(referralStatuses),
  matched: z.boolean(),
  reasonForFamily: z.string().nullable(),
});
export type OwnReferral = z.infer<typeof ownReferralSchema>;

/** The coordinator's view of a referral, the referrer's note included. */
export const referralSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  /** The ages of the children the programme is for, both included: the intake warns outside them. */
  programmeAges: z.object({ from: z.number(), to: z.number() }),
  cohortId: z.string().nullable(),
  cohortName: z.string().nullable(),
  referrerName: z.string(),
  referrerKind: z.enum(referrerKinds),
  referrerOrganisation: z.string(),
  parentFirstNames: z.string(),
  familyName: z.string(),
  childFirstName: z.string(),
  childAge: z.number(),
  address: z.string(),
  areaName: z.string().nullable(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
  sharedBackground: z.string().nullable(),
  genderPreference: z.string().nullable(),
  interests: z.array(z.string()),
  situation: z.string(),
  consent: z.object({ given: z.boolean(), freeToRefuse: z.boolean(), method: z.string(), on: z.string() }),
  status: z.enum(referralStatuses),
  intakeOn: z.string().nullable(),
  intakeNotes: z.string().nullable(),
  reasonForFamily: z.string().nullable(),
  householdId: z.string().nullable(),
  trajectoryId: z.string().nullable(),
  coachName: z.string().nullable(),
  createdAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;

export const intakeInputSchema = z.strictObject({
  outcome: z.enum(intakeOutcomes),
  cohortId: z.string().uuid().optional(),
  intakeOn: isoDateSchema,
  reasonForFamily: text(600),
  notes: optionalText(2000),
  /** Link to a household already in the registry; otherwise one is created from the referral. */
  householdId: z.string().uuid().optional(),
});

export const referOptionsSchema = z.object({
  programmes: z.array(z.object({ id: z.string(), name: z.string(), targetGroup: z.string() })),
  areas: z.array(z.object({ id: z.string(), name: z.string() })),
});

// ---------------------------------------------------------------- coaches and training

export const coachSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  languages: z.array(z.string()),
  background: z.string().nullable(),
  interests: z.array(z.string()),
  gender: z.string().nullable(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  maxDistanceKm: z.number(),
  hoursPerMonth: z.number(),
  availableUntil: z.string().nullable(),
  capacity: z.number(),
  screenedOn: z.string().nullable(),
  active: z.boolean(),
  attendedTopics: z.array(z.string()),
  trained: z.boolean(),
  activeFamilies: z.number(),
});
export type CoachView = z.infer<typeof coachSchema>;

export const coachCandidateSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  languages: z.array(z.string()),
  areaName: z.string().nullable(),
});

export const takeOnCoachSchema = z.strictObject({ userId: z.string().uuid() });

export const coachPatchSchema = z.strictObject({
  // The day the coach was screened: it counts from then on, so not a day still to come.
  screenedOn: isoDateSchema
    .refine((d) => d <= brusselsNow().date, coachingMessages.inFuture)
    .nullable()
    .optional(),
  capacity: z.number().int().min(0).max(5).optional(),
  active: z.boolean().optional(),
});

export const coachProfileInputSchema = z.strictObject({
  languages: z.array(languageCodeSchema).min(1).max(8),
  background: optionalText(80),
  backgroundConsent: z.boolean(),
  interests: z.array(text(40)).max(10),
  gender: z.enum(genders).optional(),
  areaId: z.string().uuid(),
  maxDistanceKm: z.number().min(0.5).max(50),
  hoursPerMonth: z.number().int().min(1).max(80),
  availableUntil: isoDateSchema.optional(),
  capacity: z.number().int().min(1).max(3),
});

export const trainingSessionInputSchema = z.strictObject({
  topic: z.enum(trainingTopics),
  title: text(120),
  heldOn: isoDateSchema,
});
export const attendanceInputSchema = z.strictObject({
  coachIds: z.array(z.string().uuid()).max(500),
});
export const trainingSessionSchema = z.object({
  id: z.string(),
  topic: z.string(),
  title: z.string(),
  heldOn: z.string(),
  coachIds: z.array(z.string()),
});

// ---------------------------------------------------------------- matchmaking

export const matchmakingSchema = z.object({
  cohortId: z.string(),
  proposals: z.array(
    z.object({
      referralId: z.string(),
      familyLabel: z.string(),
      languages: z.array(z.string()),
      coachId: z.string().nullable(),
      coachName: z.string().nullable(),
      score: z.number().nullable(),
      explanation: z.string(),
      alternatives: z.array(
        z.object({ coachId: z.string(), coachName: z.string(), score: z.number(), explanation: z.string() }),
      ),
    }),
  ),
  totalScore: z.number(),
});
export type Matchmaking = z.infer<typeof matchmakingSchema>;

export const matchInputSchema = z.strictObject({
  referralId: z.string().uuid(),
  coachId: z.string().uuid(),
  /** proposal: as the engine proposed; swap: another ranked coach; override: the coordinator's own choice. */
  decision: z.enum(['proposal', 'swap', 'override']),
  reason: optionalText(600),
});

// ---------------------------------------------------------------- trajectories

export const meetingInputSchema = z.strictObject({
  heldOn: isoDateSchema,
  kind: z.enum(meetingKinds),
  minutes: z.number().int().min(5).max(720),
  topics: z.array(z.enum(goalDomains)).max(5).default([]),
  privateNote: optionalText(2000),
});

export const goalInputSchema = z.strictObject({
  domain: z.enum(goalDomains),
  description: text(300),
});

export const checkinInputSchema = z.strictObject({
  heldOn: isoDateSchema,
  progress: z
    .array(z.strictObject({ goalId: z.string().uuid(), progress: z.number().int().min(0).max(4) }))
    .min(1)
    .max(20),
  note: optionalText(1000),
});

export const worryInputSchema = z.strictObject({ concern: text(2000) });

export const worryHandleSchema = z
  .strictObject({
    outcome: z.enum(['talked_with_coach', 'social_worker']),
    basis: z.enum(['consent', 'safety']).optional(),
    safetySituation: optionalText(200),
    note: text(1000),
  })
  .refine((w) => w.outcome !== 'social_worker' || w.basis !== undefined, {
    message: "the family's consent, or a safety situation",
    path: ['basis'],
  })
  .refine((w) => w.basis !== 'safety' || (w.safetySituation?.length ?? 0) > 0, {
    message: coachingMessages.safetySituation,
    path: ['safetySituation'],
  });

export const supporterInputSchema = z.strictObject({ volunteerId: z.string().uuid(), help: text(200) });

export const endInputSchema = z.strictObject({
  endedOn: isoDateSchema,
  reason: text(600),
  familyEvaluation: text(2000),
  coachEvaluation: text(2000),
});

/**
 * A trajectory as the coach and the coordinator see it. Deliberately without what the referrer
 * wrote about the family's situation: this shape has no field for it.
 */
export const trajectorySchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'ended']),
  cohortName: z.string(),
  coachId: z.string(),
  coachName: z.string(),
  family: z.object({
    firstNames: z.string(),
    childFirstName: z.string(),
    childAge: z.number(),
    /** Null for the coach once the coaching has ended: the family's address and phone go with it. */
    address: z.string().nullable(),
    phone: z.string().nullable(),
    languages: z.array(z.string()),
  }),
  startedOn: z.string(),
  plannedEndOn: z.string(),
  today: z.string(),
  explanation: z.string(),
  meetings: z.array(
    z.object({
      id: z.string(),
      heldOn: z.string(),
      kind: z.enum(meetingKinds),
      minutes: z.number(),
      topics: z.array(z.string()),
      privateNote: z.string().nullable(),
    }),
  ),
  goals: z.array(
    z.object({ id: z.string(), domain: z.enum(goalDomains), description: z.string(), progress: z.number() }),
  ),
  checkins: z.array(z.object({ id: z.string(), heldOn: z.string(), note: z.string().nullable() })),
  supporters: z.array(z.object({ volunteerId: z.string(), name: z.string(), help: z.string() })),
  worries: z.array(
    z.object({
      id: z.string(),
      raisedAt: z.string(),
      concern: z.string(),
      status: z.enum(['open', 'handled']),
      outcome: z.string().nullable(),
    }),
  ),
  end: z
    .object({
      endedOn: z.string(),
      reason: z.string(),
      familyEvaluation: z.string().nullable(),
      coachEvaluation: z.string().nullable(),
    })
    .nullable(),
});
export type Trajectory = z.infer<typeof trajectorySchema>;

export const trajectorySummarySchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'ended']),
  familyLabel: z.string(),
  childAge: z.number(),
  languages: z.array(z.string()),
  coachName: z.string(),
  cohortName: z.string(),
  startedOn: z.string(),
  lastMeetingOn: z.string().nullable(),
});
export type TrajectorySummary = z.infer<typeof trajectorySummarySchema>;

export const alertKinds = ['no_meeting', 'over_capacity', 'ending_soon', 'not_trained'] as const;
export const alertSchema = z.object({
  kind: z.enum(alertKinds),
  trajectoryId: z.string().nullable(),
  coachId: z.string().nullable(),
  familyLabel: z.string().nullable(),
  coachName: z.string().nullable(),
  /** Days since the last meeting, days left, families above capacity or sessions missing. */
  days: z.number().nullable(),
  missing: z.array(z.string()),
});
export type CoachingAlert = z.infer<typeof alertSchema>;

export const worrySchema = z.object({
  id: z.string(),
  trajectoryId: z.string(),
  familyLabel: z.string(),
  coachName: z.string(),
  concern: z.string(),
  raisedAt: z.string(),
  status: z.enum(['open', 'handled']),
  outcome: z.string().nullable(),
  basis: z.string().nullable(),
  safetySituations: z.array(z.string()),
});
export type Worry = z.infer<typeof worrySchema>;

/** Aggregates only; a count under 5 is null ("fewer than 5"), so no family can be singled out. */
const hidden = z.number().nullable();
export const dashboardSchema = z.object({
  cohorts: z.array(
    z.object({
      name: z.string(),
      programmeName: z.string(),
      size: z.number(),
      families: hidden,
      active: hidden,
      ended: hidden,
    }),
  ),
  meetingsPerMonth: z.array(z.object({ month: z.string(), meetings: hidden })),
  goalsProgressed: hidden,
  goalsTotal: hidden,
  smallNumber: z.number(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const coachHomeSchema = z.object({
  profileComplete: z.boolean(),
  trained: z.boolean(),
  missingSessions: z.array(z.string()),
  families: z.array(trajectorySummarySchema),
  /** The coach's own profile, to view and change it; null before the coordinator took them on. */
  profile: coachSchema.nullable(),
  /** The neighbourhoods a coach can choose as their area. */
  areas: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CoachHome = z.infer<typeof coachHomeSchema>;
