import './coaching.rules.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  assignCohort,
  type CoachingFamily,
  type CoachProfile,
  coachHardReasons,
  explainCoach,
  explainCoachBlock,
  explainNoCoach,
  rankCoaches,
  scoreCoach,
} from '../../../engines/matching/index.ts';
import { brusselsNow } from '../../../shared/brussels.ts';
import {
  type CoachHome,
  type CoachingAlert,
  type CoachView,
  coachingMessages,
  type Dashboard,
  type Matchmaking,
  type meetingKinds,
  type OwnReferral,
  type Programme,
  type Referral,
  type ReferralInput,
  type Trajectory,
  type TrajectorySummary,
  trainingTopics,
  type Worry,
} from '../../../shared/coaching.schemas.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { TimelineChannel } from '../../../shared/registry.schemas.ts';
import { addDays, daysBetween, now, today } from '../../clock.ts';
import { counted } from '../../counted.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { centreOf } from '../help/help.matching.ts';
import { volunteers } from '../help/help.tables.ts';
import { addRoles, type Language, tenantName } from '../identity/identity.service.ts';
import { users } from '../identity/identity.tables.ts';
import { recordConsent } from '../registry/consent.service.ts';
import { createHousehold, householdContact } from '../registry/households.service.ts';
import { createPerson, requireVisibleHousehold } from '../registry/persons.service.ts';
import type { Viewer } from '../registry/record-rules.ts';
import { createAddress, recordContact } from '../registry/registry.service.ts';
import { neighbourhoods } from '../registry/registry.tables.ts';
import { trajectoryVisibleTo } from './coaching.rules.ts';
import {
  coachingAttendance,
  coachingCheckins,
  coachingCoaches,
  coachingCohorts,
  coachingGoals,
  coachingMeetings,
  coachingProgrammes,
  coachingReferrals,
  coachingSupporters,
  coachingTrainingSessions,
  coachingTrajectories,
  coachingWorries,
} from './coaching.tables.ts';

type ReferralRow = typeof coachingReferrals.$inferSelect;
type TrajectoryRow = typeof coachingTrajectories.$inferSelect;
type CoachRow = typeof coachingCoaches.$inferSelect;

/** Counts under this are shown to the steering group as "fewer than 5". */
export const SMALL_NUMBER = 5;
/** Alerts: no meeting for this many days; a trajectory ending within this many days. */
export const NO_MEETING_DAYS = 30;
export const ENDING_SOON_DAYS = 60;
/** A trajectory runs two to three years; it is planned at two and can run on. */
const PLANNED_YEARS = 2;

/** A refusal naming the field: 400 for a value that is wrong in itself, 409 for one that clashes with the state. */
function refuse(
  field: string,
  message: string,
  options: { conflict?: boolean; reason?: string; why?: string } = {},
) {
  const details = [{ in: 'body', field, message, ...(options.reason ? { reason: options.reason } : {}) }];
  return options.conflict
    ? new AppError('CONFLICT', options.why ?? `${field}: ${message}`, details)
    : new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid', details);
}

function ageOn(birthDate: string, on: string): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

const familyLabel = (r: Pick<ReferralRow, 'parentFirstNames' | 'familyName'>) =>
  `${r.parentFirstNames} ${r.familyName}`;
const addressText = (r: Pick<ReferralRow, 'street' | 'houseNumber' | 'postcode'>) =>
  `${r.street} ${r.houseNumber}, ${r.postcode}`;

/** The Dutch words of the steps that carry no values. */
const stepWords = {
  matched: 'een coach werd gekoppeld aan het gezin',
  goal: 'het gezin koos een nieuw doel',
  checkin: 'tussentijdse opvolging van de doelen',
  ended: 'de coaching werd afgesloten, met een evaluatie',
} as const;

/** Where a coach met the family, as the household timeline names it. */
const meetingChannel: Record<(typeof meetingKinds)[number], TimelineChannel> = {
  home_visit: 'home_visit',
  outing: 'meeting',
  phone: 'phone',
  video: 'online',
  other: 'meeting',
};

/**
 * A step on the household timeline: stored as a key with values (`timeline.coaching.*` in the web
 * app's words), shown in the reader's language; the Dutch words stay in `summary` for exports.
 */
async function timeline(
  tx: Tx,
  actor: Actor,
  householdId: string | null,
  what: keyof typeof stepWords | { key: string; words: string; values?: Record<string, string | number> },
  options: {
    visibility?: 'staff' | 'welfare';
    occurredAt?: Date;
    recordType: string;
    recordId: string;
    channel?: TimelineChannel;
  },
) {
  if (!householdId) return;
  const step = typeof what === 'string' ? { key: what, words: stepWords[what], values: undefined } : what;
  await recordContact(tx, actor, {
    householdId,
    channel: options.channel ?? 'online',
    purpose: 'talent_coaching',
    summary: `Talentcoaching: ${step.words}`,
    summaryKey: `coaching.${step.key}`,
    summaryValues: step.values ?? {},
    // A family's place in the programme is for staff; what a social worker is asked stays with welfare.
    visibility: options.visibility ?? 'staff',
    occurredAt: options.occurredAt,
    module: 'coaching',
    recordType: options.recordType,
    recordId: options.recordId,
  });
}

// ---------------------------------------------------------------- programmes and cohorts

export async function listProgrammes(tx: Tx, tenantId: string): Promise<Programme[]> {
  const programmes = await tx
    .select()
    .from(coachingProgrammes)
    .where(eq(coachingProgrammes.tenantId, tenantId))
    .orderBy(asc(coachingProgrammes.startsOn), asc(coachingProgrammes.name));
  const cohorts = await tx
    .select()
    .from(coachingCohorts)
    .where(eq(coachingCohorts.tenantId, tenantId))
    .orderBy(asc(coachingCohorts.startsOn), asc(coachingCohorts.name));
  const counts = rowsOf<{
    cohort_id: string | null;
    programme_id: string;
    status: string;
    matched: number;
    n: number;
  }>(
    await tx.execute(sql`select r.cohort_id, r.programme_id, r.status,
        count(t.id)::int as matched, count(*)::int as n
      from coaching_referrals r
      left join coaching_trajectories t on t.tenant_id = r.tenant_id and t.referral_id = r.id and t.status = 'active'
      where r.tenant_id = ${tenantId} group by r.cohort_id, r.programme_id, r.status`),
  );
  return programmes.map((p) => ({
    id: p.id,
    name: p.name,
    targetGroup: p.targetGroup,
    capacity: p.capacity,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    requiredSessions: p.requiredSessions,
    safetySituations: p.safetySituations,
    waitingList: counts
      .filter((c) => c.programme_id === p.id && c.status === 'waiting')
      .reduce((s, c) => s + c.n, 0),
    cohorts: cohorts
      .filter((c) => c.programmeId === p.id)
      .map((c) => {
        const mine = counts.filter((x) => x.cohort_id === c.id);
        const of = (status: string) => mine.filter((x) => x.status === status).reduce((s, x) => s + x.n, 0);
        return {
          id: c.id,
          programmeId: p.id,
          name: c.name,
          size: c.size,
          startsOn: c.startsOn,
          accepted: of('accepted'),
          matched: mine.reduce((s, x) => s + x.matched, 0),
          waiting: of('waiting'),
        };
      }),
  }));
}

export async function createProgramme(
  tx: Tx,
  actor: Actor,
  input: Omit<Programme, 'id' | 'cohorts' | 'waitingList'>,
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(coachingProgrammes)
    .values({ tenantId: actor.tenantId, ...input })
    .onConflictDoNothing()
    .returning({ id: coachingProgrammes.id });
  if (!row) throw refuse('name', 'a programme with this name exists already', { conflict: true });
  await recordAudit(tx, actor, {
    action: 'coaching.programme_created',
    recordType: 'coaching_programme',
    recordId: row.id,
  });
  return row;
}

async function requireProgramme(tx: Tx, tenantId: string, id: string, field = 'programmeId') {
  const [programme] = await tx
    .select()
    .from(coachingProgrammes)
    .where(and(eq(coachingProgrammes.tenantId, tenantId), eq(coachingProgrammes.id, id)));
  if (!programme) throw refuse(field, 'not a programme of this municipality');
  return programme;
}

export async function createCohort(
  tx: Tx,
  actor: Actor,
  programmeId: string,
  input: { name: string; size: number; startsOn: string },
): Promise<{ id: string }> {
  const [programme] = await tx
    .select()
    .from(coachingProgrammes)
    .where(and(eq(coachingProgrammes.tenantId, actor.tenantId), eq(coachingProgrammes.id, programmeId)));
  if (!programme) throw notFound('The programme');
  const [{ taken } = { taken: 0 }] = rowsOf<{ taken: number }>(
    await tx.execute(sql`select coalesce(sum(size), 0)::int as taken from coaching_cohorts
      where tenant_id = ${actor.tenantId} and programme_id = ${programmeId}`),
  );
  if (taken + input.size > programme.capacity) {
    throw refuse(
      'size',
      `the programme has room for ${counted(programme.capacity - taken, 'more family', 'more families')}`,
      {
        conflict: true,
        reason: 'programme_capacity',
      },
    );
  }
  const [row] = await tx
    .insert(coachingCohorts)
    .values({ tenantId: actor.tenantId, programmeId, ...input })
    .onConflictDoNothing()
    .returning({ id: coachingCohorts.id });
  if (!row) throw refuse('name', 'a cohort with this name exists already', { conflict: true });
  await recordAudit(tx, actor, {
    action: 'coaching.cohort_created',
    recordType: 'coaching_cohort',
    recordId: row.id,
    details: { programmeId, size: input.size },
  });
  return row;
}

// ---------------------------------------------------------------- referrals and intake

export async function referOptions(tx: Tx, tenantId: string) {
  const programmes = await tx
    .select()
    .from(coachingProgrammes)
    .where(eq(coachingProgrammes.tenantId, tenantId))
    .orderBy(asc(coachingProgrammes.name));
  const areas = await tx
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.tenantId, tenantId))
    .orderBy(asc(neighbourhoods.name));
  return {
    programmes: programmes.map((p) => ({ id: p.id, name: p.name, targetGroup: p.targetGroup.description })),
    areas,
  };
}

async function requireArea(tx: Tx, tenantId: string, id: string, field = 'areaId') {
  const [area] = await tx
    .select()
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.tenantId, tenantId), eq(neighbourhoods.id, id)));
  if (!area) throw refuse(field, 'not a neighbourhood of this municipality');
  return area;
}

/** A referrer proposes a family, with the family's consent, freely given. */
export async function createReferral(tx: Tx, viewer: Viewer, input: ReferralInput): Promise<{ id: string }> {
  if (!input.consentGiven) throw refuse('consentGiven', coachingMessages.consentRequired);
  if (!input.consentFreeToRefuse) throw refuse('consentFreeToRefuse', coachingMessages.consentRequired);
  const day = today();
  if (input.consentOn > day) throw refuse('consentOn', coachingMessages.inFuture);
  // A consent a referrer recorded long ago no longer tells what the family wants now.
  if (input.consentOn < addDays(day, -365)) throw refuse('consentOn', coachingMessages.consentTooOld);
  if (input.childBirthDate > day) throw refuse('childBirthDate', coachingMessages.inFuture);
  if (ageOn(input.childBirthDate, day) >= 18) throw refuse('childBirthDate', coachingMessages.notAChild);
  await requireProgramme(tx, viewer.tenantId, input.programmeId);
  await requireArea(tx, viewer.tenantId, input.areaId);
  const [row] = await tx
    .insert(coachingReferrals)
    .values({
      tenantId: viewer.tenantId,
      referrerId: viewer.userId,
      ...input,
      phone: input.phone || null,
      sharedBackground: input.sharedBackground || null,
      genderPreference: input.genderPreference ?? null,
      languages: [...new Set(input.languages)],
    })
    .returning({ id: coachingReferrals.id });
  await recordAudit(tx, viewer, {
    action: 'coaching.referral_created',
    recordType: 'coaching_referral',
    recordId: row!.id,
    purpose: 'talent_coaching',
    details: { programmeId: input.programmeId, consentMethod: input.consentMethod },
  });
  return row!;
}

/** A referrer's own referrals, and only those: status and the reason the family was told. */
export async function listOwnReferrals(tx: Tx, viewer: Viewer): Promise<OwnReferral[]> {
  const rows = await tx
    .select({ r: coachingReferrals, programmeName: coachingProgrammes.name })
    .from(coachingReferrals)
    .innerJoin(
      coachingProgrammes,
      and(
        eq(coachingProgrammes.tenantId, coachingReferrals.tenantId),
        eq(coachingProgrammes.id, coachingReferrals.programmeId),
      ),
    )
    .where(
      and(eq(coachingReferrals.tenantId, viewer.tenantId), eq(coachingReferrals.referrerId, viewer.userId)),
    )
    .orderBy(desc(coachingReferrals.createdAt));
  const matched = await activeTrajectoryByReferral(
    tx,
    viewer.tenantId,
    rows.map((x) => x.r.id),
  );
  return rows.map(({ r, programmeName }) => ({
    id: r.id,
    programmeName,
    familyLabel: familyLabel(r),
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    matched: matched.has(r.id),
    reasonForFamily: r.reasonForFamily,
  }));
}

async function activeTrajectoryByReferral(tx: Tx, tenantId: string, referralIds: string[]) {
  if (referralIds.length === 0) return new Map<string, { id: string; coachName: string }>();
  const rows = await tx
    .select({
      referralId: coachingTrajectories.referralId,
      id: coachingTrajectories.id,
      coachName: users.displayName,
    })
    .from(coachingTrajectories)
    .innerJoin(
      users,
      and(eq(users.tenantId, coachingTrajectories.tenantId), eq(users.id, coachingTrajectories.coachId)),
    )
    .where(
      and(
        eq(coachingTrajectories.tenantId, tenantId),
        eq(coachingTrajectories.status, 'active'),
        inArray(coachingTrajectories.referralId, referralIds),
      ),
    );
  return new Map(rows.map((r) => [r.referralId, { id: r.id, coachName: r.coachName }]));
}

/** The coordinator's list of referrals: everything the intake needs, the referrer's note included. */
export async function listReferrals(tx: Tx, viewer: Viewer, id?: string): Promise<Referral[]> {
  const rows = await tx
    .select({
      r: coachingReferrals,
      programmeName: coachingProgrammes.name,
      targetGroup: coachingProgrammes.targetGroup,
      cohortName: coachingCohorts.name,
      referrerName: users.displayName,
      areaName: neighbourhoods.name,
    })
    .from(coachingReferrals)
    .innerJoin(
      coachingProgrammes,
      and(
        eq(coachingProgrammes.tenantId, coachingReferrals.tenantId),
        eq(coachingProgrammes.id, coachingReferrals.programmeId),
      ),
    )
    .leftJoin(
      coachingCohorts,
      and(
        eq(coachingCohorts.tenantId, coachingReferrals.tenantId),
        eq(coachingCohorts.id, coachingReferrals.cohortId),
      ),
    )
    .innerJoin(
      users,
      and(eq(users.tenantId, coachingReferrals.tenantId), eq(users.id, coachingReferrals.referrerId)),
    )
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.tenantId, coachingReferrals.tenantId),
        eq(neighbourhoods.id, coachingReferrals.areaId),
      ),
    )
    .where(
      and(eq(coachingReferrals.tenantId, viewer.tenantId), id ? eq(coachingReferrals.id, id) : undefined),
    )
    .orderBy(desc(coachingReferrals.createdAt))
    .limit(1000);
  const trajectories = await activeTrajectoryByReferral(
    tx,
    viewer.tenantId,
    rows.map((x) => x.r.id),
  );
  const day = today();
  return rows.map(({ r, programmeName, targetGroup, cohortName, referrerName, areaName }) => ({
    id: r.id,
    programmeId: r.programmeId,
    programmeName,
    programmeAges: { from: targetGroup.childAgeFrom, to: targetGroup.childAgeTo },
    cohortId: r.cohortId,
    cohortName,
    referrerName,
    referrerKind: r.referrerKind,
    referrerOrganisation: r.referrerOrganisation,
    parentFirstNames: r.parentFirstNames,
    familyName: r.familyName,
    childFirstName: r.childFirstName,
    childAge: ageOn(r.childBirthDate, day),
    address: addressText(r),
    areaName,
    phone: r.phone,
    languages: r.languages,
    sharedBackground: r.sharedBackground,
    genderPreference: r.genderPreference,
    interests: r.interests,
    situation: r.situation,
    consent: {
      given: r.consentGiven,
      freeToRefuse: r.consentFreeToRefuse,
      method: r.consentMethod,
      on: r.consentOn,
    },
    status: r.status,
    intakeOn: r.intakeOn,
    intakeNotes: r.intakeNotes,
    reasonForFamily: r.reasonForFamily,
    householdId: r.householdId,
    trajectoryId: trajectories.get(r.id)?.id ?? null,
    coachName: trajectories.get(r.id)?.coachName ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Every referral, for the intake: what referrers wrote about families, so the read is audited. */
export async function listReferralsForIntake(tx: Tx, viewer: Viewer): Promise<Referral[]> {
  const referrals = await listReferrals(tx, viewer);
  await recordAudit(tx, viewer, {
    action: 'coaching.referrals_listed',
    recordType: 'coaching_referral',
    purpose: 'talent_coaching',
    details: { referrals: referrals.length },
  });
  return referrals;
}

export async function getReferral(tx: Tx, viewer: Viewer, id: string): Promise<Referral> {
  const [referral] = await listReferrals(tx, viewer, id);
  if (!referral) throw notFound('The referral');
  await recordAudit(tx, viewer, {
    action: 'coaching.referral_read',
    recordType: 'coaching_referral',
    recordId: id,
    purpose: 'talent_coaching',
  });
  return referral;
}

async function lockReferral(tx: Tx, tenantId: string, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .select()
    .from(coachingReferrals)
    .where(and(eq(coachingReferrals.tenantId, tenantId), eq(coachingReferrals.id, id)))
    .for('update');
  return row;
}

/** The consent the referrer recorded, on the file of the person who speaks for the family, dated then. */
function recordReferralConsent(tx: Tx, viewer: Viewer, personId: string, referral: ReferralRow) {
  return recordConsent(tx, viewer, personId, {
    purpose: 'talent_coaching',
    legalBasis: 'consent',
    status: 'given',
    method: referral.consentMethod,
    // The start of that day in Brussels (+02:00 is its earliest midnight): a withdrawal recorded
    // later the same day stays the newer word.
    at: `${referral.consentOn}T00:00:00+02:00`,
    note: `Given to ${referral.referrerOrganisation}; the family was told it was free to say no`,
  });
}

/**
 * The registry household for an accepted family: the one the coordinator chose, or a new one made
 * from the referral (a parent and the child), with the consent the referrer recorded.
 */
async function ensureHousehold(tx: Tx, viewer: Viewer, referral: ReferralRow, householdId?: string) {
  if (householdId) {
    const household = await requireVisibleHousehold(tx, viewer, householdId);
    // The family agreed when referred: that goes on its file, dated then, so a withdrawal since
    // stays the latest word and the intake is refused.
    const contact = await householdContact(tx, viewer.tenantId, household.id);
    if (contact) {
      await recordReferralConsent(tx, viewer, contact, referral);
      if (!(await coachingConsentHolds(tx, viewer.tenantId, household.id))) throw consentWithdrawn();
    }
    return household.id;
  }
  if (referral.householdId) return referral.householdId;
  const area = await requireArea(tx, viewer.tenantId, referral.areaId);
  const centre = centreOf(area.outline);
  const { address } = await createAddress(tx, viewer, {
    street: referral.street,
    houseNumber: referral.houseNumber,
    postcode: referral.postcode,
    municipality: (await tenantName(tx, viewer.tenantId)) ?? '—',
    lat: centre.lat,
    lon: centre.lon,
  });
  const household = await createHousehold(tx, viewer, {
    name: `Gezin ${referral.familyName}`,
    addressId: address.id,
    members: [],
  });
  const languages = referral.languages;
  const parent = await createPerson(tx, viewer, {
    givenName: referral.parentFirstNames.split(/\s*(?:,|&| en | and | et )\s*/)[0]!,
    familyName: referral.familyName,
    languages,
    preferredLanguage: languages[0],
    contacts: referral.phone ? [{ channel: 'phone', value: referral.phone }] : [],
    contactPreferences: [],
    household: { id: household.id, relation: 'reference_person' },
    confirmNotDuplicate: true,
  });
  await createPerson(tx, viewer, {
    givenName: referral.childFirstName,
    familyName: referral.familyName,
    birthDate: referral.childBirthDate,
    languages,
    contacts: [],
    contactPreferences: [],
    household: { id: household.id, relation: 'child' },
    confirmNotDuplicate: true,
  });
  await recordReferralConsent(tx, viewer, parent.id, referral);
  return household.id;
}

const outcomeWords = { accepted: 'aanvaard', waiting: 'op de wachtlijst', not_now: 'nu niet' } as const;

/** The intake's outcome: accepted into a cohort, the waiting list, or not now; with the reason the family is told. */
export async function decideIntake(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: {
    outcome: 'accepted' | 'waiting' | 'not_now';
    cohortId?: string;
    intakeOn: string;
    reasonForFamily: string;
    notes?: string;
    householdId?: string;
  },
) {
  const referral = await lockReferral(tx, viewer.tenantId, id);
  if (!referral) throw notFound('The referral');
  if (input.intakeOn > today()) throw refuse('intakeOn', coachingMessages.inFuture);
  if (input.intakeOn < brusselsNow(referral.createdAt).date)
    throw refuse('intakeOn', coachingMessages.beforeReferral);
  const active = await activeTrajectoryByReferral(tx, viewer.tenantId, [id]);
  if (active.size > 0)
    throw refuse('outcome', coachingMessages.hasCoach, { conflict: true, reason: 'has_coach' });
  let cohortId: string | null = null;
  let householdId = referral.householdId;
  if (input.outcome === 'accepted') {
    if (!input.cohortId) throw refuse('cohortId', coachingMessages.cohortRequired);
    const [cohort] = await tx
      .select()
      .from(coachingCohorts)
      .where(and(eq(coachingCohorts.tenantId, viewer.tenantId), eq(coachingCohorts.id, input.cohortId)));
    if (!cohort || cohort.programmeId !== referral.programmeId)
      throw refuse('cohortId', 'not a cohort of this programme');
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from coaching_referrals where tenant_id = ${viewer.tenantId}
        and cohort_id = ${cohort.id} and status = 'accepted' and id <> ${id}`),
    );
    if (n >= cohort.size)
      throw refuse('cohortId', 'this cohort is full; put the family on the waiting list', {
        conflict: true,
        reason: 'cohort_full',
      });
    cohortId = cohort.id;
    householdId = await ensureHousehold(tx, viewer, referral, input.householdId);
  }
  await tx
    .update(coachingReferrals)
    .set({
      status: input.outcome,
      cohortId,
      intakeOn: input.intakeOn,
      intakeNotes: input.notes ?? null,
      reasonForFamily: input.reasonForFamily,
      householdId,
      decidedBy: viewer.userId,
      decidedAt: now(),
    })
    .where(and(eq(coachingReferrals.tenantId, viewer.tenantId), eq(coachingReferrals.id, id)));
  await timeline(
    tx,
    viewer,
    householdId,
    {
      key: 'intake',
      words: `intakegesprek, ${outcomeWords[input.outcome]}`,
      values: { outcome: input.outcome },
    },
    {
      recordType: 'coaching_referral',
      recordId: id,
    },
  );
  await recordAudit(tx, viewer, {
    action: 'coaching.intake_decided',
    recordType: 'coaching_referral',
    recordId: id,
    purpose: 'talent_coaching',
    details: { outcome: input.outcome, cohortId, householdId },
  });
  return { id };
}

// ---------------------------------------------------------------- coaches and training

/** The training topics a coach must have attended: those every programme of the municipality asks. */
async function requiredTopics(tx: Tx, tenantId: string, programmeId?: string): Promise<string[]> {
  const rows = await tx
    .select({ required: coachingProgrammes.requiredSessions })
    .from(coachingProgrammes)
    .where(
      and(
        eq(coachingProgrammes.tenantId, tenantId),
        programmeId ? eq(coachingProgrammes.id, programmeId) : undefined,
      ),
    );
  if (rows.length === 0) return [...trainingTopics];
  return [...new Set(rows.flatMap((r) => r.required))].sort();
}

async function attendedTopics(tx: Tx, tenantId: string): Promise<Map<string, Set<string>>> {
  const rows = await tx
    .select({ coachId: coachingAttendance.coachId, topic: coachingTrainingSessions.topic })
    .from(coachingAttendance)
    .innerJoin(
      coachingTrainingSessions,
      and(
        eq(coachingTrainingSessions.tenantId, coachingAttendance.tenantId),
        eq(coachingTrainingSessions.id, coachingAttendance.sessionId),
      ),
    )
    .where(eq(coachingAttendance.tenantId, tenantId));
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.coachId) ?? new Set<string>();
    set.add(r.topic);
    out.set(r.coachId, set);
  }
  return out;
}

async function activeFamilyCounts(tx: Tx, tenantId: string): Promise<Map<string, number>> {
  const rows = rowsOf<{ coach_id: string; n: number }>(
    await tx.execute(sql`select coach_id, count(*)::int as n from coaching_trajectories
      where tenant_id = ${tenantId} and status = 'active' group by coach_id`),
  );
  return new Map(rows.map((r) => [r.coach_id, r.n]));
}

export async function listCoaches(tx: Tx, tenantId: string, userIds?: string[]): Promise<CoachView[]> {
  if (userIds && userIds.length === 0) return [];
  const rows = await tx
    .select({
      c: coachingCoaches,
      displayName: users.displayName,
      email: users.email,
      areaName: neighbourhoods.name,
    })
    .from(coachingCoaches)
    .innerJoin(users, and(eq(users.tenantId, coachingCoaches.tenantId), eq(users.id, coachingCoaches.userId)))
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.tenantId, coachingCoaches.tenantId),
        eq(neighbourhoods.id, coachingCoaches.areaId),
      ),
    )
    .where(
      and(
        eq(coachingCoaches.tenantId, tenantId),
        userIds ? inArray(coachingCoaches.userId, userIds) : undefined,
      ),
    )
    .orderBy(asc(users.displayName));
  const required = await requiredTopics(tx, tenantId);
  const attended = await attendedTopics(tx, tenantId);
  const active = await activeFamilyCounts(tx, tenantId);
  return rows.map(({ c, displayName, email, areaName }) => {
    const topics = [...(attended.get(c.userId) ?? [])].sort();
    return {
      userId: c.userId,
      displayName,
      email,
      languages: c.languages,
      background: c.backgroundConsent ? c.background : null,
      interests: c.interests,
      gender: c.gender,
      areaId: c.areaId,
      areaName,
      maxDistanceKm: c.maxDistanceKm,
      hoursPerMonth: c.hoursPerMonth,
      availableUntil: c.availableUntil,
      capacity: c.capacity,
      screenedOn: c.screenedOn,
      active: c.active,
      attendedTopics: topics,
      trained: required.every((t) => topics.includes(t)),
      activeFamilies: active.get(c.userId) ?? 0,
    };
  });
}

/** Volunteers who chose "coach" on the sign-up and are not coaches yet. */
export async function coachCandidates(tx: Tx, tenantId: string) {
  const rows = rowsOf<{
    user_id: string;
    display_name: string;
    languages: string[];
    area_name: string | null;
  }>(
    await tx.execute(sql`select v.user_id, u.display_name, v.languages, n.name as area_name
      from volunteers v
      join users u on u.tenant_id = v.tenant_id and u.id = v.user_id
      left join neighbourhoods n on n.tenant_id = v.tenant_id and n.id = v.home_area_id
      where v.tenant_id = ${tenantId} and v.wants_coaching and v.active
        and not exists (select 1 from coaching_coaches c where c.tenant_id = v.tenant_id and c.user_id = v.user_id)
      order by u.display_name`),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    languages: r.languages,
    areaName: r.area_name,
  }));
}

/** The coordinator takes on a volunteer who chose "coach": a coach profile from the volunteer's, and the coach role. */
export async function takeOnCoach(tx: Tx, actor: Actor, userId: string): Promise<CoachView> {
  const [volunteer] = await tx
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.tenantId, actor.tenantId), eq(volunteers.userId, userId)));
  if (!volunteer) throw refuse('userId', 'not a volunteer of this municipality');
  if (!volunteer.wantsCoaching)
    throw refuse('userId', 'this volunteer did not choose to coach', { conflict: true });
  await tx
    .insert(coachingCoaches)
    .values({
      tenantId: actor.tenantId,
      userId,
      languages: volunteer.languages,
      areaId: volunteer.homeAreaId,
      homeLat: volunteer.homeLat,
      homeLon: volunteer.homeLon,
      maxDistanceKm: Math.max(volunteer.maxDistanceKm, 3),
    })
    .onConflictDoNothing();
  await addRoles(tx, actor, userId, ['coach']);
  await recordAudit(tx, actor, { action: 'coaching.coach_taken_on', recordType: 'coach', recordId: userId });
  return (await listCoaches(tx, actor.tenantId, [userId]))[0]!;
}

export async function updateCoach(
  tx: Tx,
  actor: Actor,
  userId: string,
  change: { screenedOn?: string | null; capacity?: number; active?: boolean },
): Promise<CoachView> {
  const [row] = await tx
    .update(coachingCoaches)
    .set({ ...change, updatedAt: now() })
    .where(and(eq(coachingCoaches.tenantId, actor.tenantId), eq(coachingCoaches.userId, userId)))
    .returning({ id: coachingCoaches.userId });
  if (!row) throw notFound('The coach');
  await recordAudit(tx, actor, {
    action: 'coaching.coach_updated',
    recordType: 'coach',
    recordId: userId,
    details: change,
  });
  return (await listCoaches(tx, actor.tenantId, [userId]))[0]!;
}

/** A coach keeps their own profile: languages, background (with consent), interests, area, time, capacity. */
export async function saveCoachProfile(
  tx: Tx,
  actor: Actor & { userId: string },
  input: {
    languages: string[];
    background?: string;
    backgroundConsent: boolean;
    interests: string[];
    gender?: 'female' | 'male' | 'other';
    areaId: string;
    maxDistanceKm: number;
    hoursPerMonth: number;
    availableUntil?: string;
    capacity: number;
  },
): Promise<CoachView> {
  const area = await requireArea(tx, actor.tenantId, input.areaId);
  const home = centreOf(area.outline);
  const values = {
    languages: [...new Set(input.languages)],
    // Without consent the background is not kept at all.
    background: input.backgroundConsent ? input.background || null : null,
    backgroundConsent: input.backgroundConsent,
    interests: [...new Set(input.interests)],
    gender: input.gender ?? null,
    areaId: area.id,
    homeLat: home.lat,
    homeLon: home.lon,
    maxDistanceKm: input.maxDistanceKm,
    hoursPerMonth: input.hoursPerMonth,
    availableUntil: input.availableUntil ?? null,
    capacity: input.capacity,
    updatedAt: now(),
  };
  const [row] = await tx
    .update(coachingCoaches)
    .set(values)
    .where(and(eq(coachingCoaches.tenantId, actor.tenantId), eq(coachingCoaches.userId, actor.userId)))
    .returning({ id: coachingCoaches.userId });
  if (!row) throw notFound('Your coach profile');
  await recordAudit(tx, actor, {
    action: 'coaching.profile_saved',
    recordType: 'coach',
    recordId: actor.userId,
  });
  return (await listCoaches(tx, actor.tenantId, [actor.userId]))[0]!;
}

export async function listTrainingSessions(tx: Tx, tenantId: string) {
  const sessions = await tx
    .select()
    .from(coachingTrainingSessions)
    .where(eq(coachingTrainingSessions.tenantId, tenantId))
    .orderBy(desc(coachingTrainingSessions.heldOn));
  const attendance = await tx
    .select()
    .from(coachingAttendance)
    .where(eq(coachingAttendance.tenantId, tenantId));
  return sessions.map((s) => ({
    id: s.id,
    topic: s.topic,
    title: s.title,
    heldOn: s.heldOn,
    coachIds: attendance.filter((a) => a.sessionId === s.id).map((a) => a.coachId),
  }));
}

export async function createTrainingSession(
  tx: Tx,
  actor: Actor,
  input: { topic: string; title: string; heldOn: string },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(coachingTrainingSessions)
    .values({ tenantId: actor.tenantId, ...input })
    .returning({ id: coachingTrainingSessions.id });
  await recordAudit(tx, actor, {
    action: 'coaching.training_created',
    recordType: 'coaching_training',
    recordId: row!.id,
  });
  return row!;
}

/** Who attended a session; attendance is recorded once the session has taken place. */
export async function setAttendance(tx: Tx, actor: Actor, sessionId: string, coachIds: string[]) {
  const [session] = await tx
    .select()
    .from(coachingTrainingSessions)
    .where(
      and(eq(coachingTrainingSessions.tenantId, actor.tenantId), eq(coachingTrainingSessions.id, sessionId)),
    );
  if (!session) throw notFound('The training session');
  if (session.heldOn > today())
    throw refuse('coachIds', 'attendance is recorded after the session', { conflict: true });
  const unique = [...new Set(coachIds)];
  const known = await listCoaches(tx, actor.tenantId, unique);
  if (known.length !== unique.length) throw refuse('coachIds', 'not a coach of this municipality');
  await tx
    .delete(coachingAttendance)
    .where(and(eq(coachingAttendance.tenantId, actor.tenantId), eq(coachingAttendance.sessionId, sessionId)));
  if (unique.length > 0) {
    await tx
      .insert(coachingAttendance)
      .values(unique.map((coachId) => ({ tenantId: actor.tenantId, sessionId, coachId })));
  }
  await recordAudit(tx, actor, {
    action: 'coaching.attendance_recorded',
    recordType: 'coaching_training',
    recordId: sessionId,
    details: { coaches: unique.length },
  });
  return { id: sessionId };
}

// ---------------------------------------------------------------- matchmaking

function toEngineFamily(r: ReferralRow, area: { lat: number; lon: number }): CoachingFamily {
  return {
    id: r.id,
    location: area,
    languages: r.languages,
    sharedBackground: r.sharedBackground,
    interests: r.interests,
    genderPreference: r.genderPreference,
  };
}

async function engineCoaches(tx: Tx, tenantId: string, programmeId: string, onlyIds?: string[]) {
  const rows = await tx
    .select({ c: coachingCoaches, displayName: users.displayName })
    .from(coachingCoaches)
    .innerJoin(users, and(eq(users.tenantId, coachingCoaches.tenantId), eq(users.id, coachingCoaches.userId)))
    .where(
      and(
        eq(coachingCoaches.tenantId, tenantId),
        onlyIds ? inArray(coachingCoaches.userId, onlyIds) : eq(coachingCoaches.active, true),
      ),
    );
  const required = await requiredTopics(tx, tenantId, programmeId);
  const attended = await attendedTopics(tx, tenantId);
  const active = await activeFamilyCounts(tx, tenantId);
  const names = new Map<string, string>();
  const coaches: CoachProfile[] = [];
  for (const { c, displayName } of rows) {
    names.set(c.userId, displayName);
    coaches.push(toEngineCoach(c, required, attended.get(c.userId), active.get(c.userId) ?? 0));
  }
  return { coaches, names };
}

function toEngineCoach(
  c: CoachRow,
  required: string[],
  attended: Set<string> | undefined,
  activeFamilies: number,
) {
  return {
    id: c.userId,
    languages: c.languages,
    background: c.backgroundConsent ? c.background : null,
    interests: c.interests,
    // A coach without an area yet is placed nowhere near: never matched on distance by accident.
    home: { lat: c.homeLat ?? 0, lon: c.homeLon ?? 0 },
    maxDistanceKm: c.maxDistanceKm,
    gender: c.gender,
    missingSessions: required.filter((t) => !attended?.has(t)),
    screened: c.screenedOn !== null,
    capacity: c.active ? c.capacity : 0,
    activeFamilies,
  } satisfies CoachProfile;
}

async function areaCentres(tx: Tx, tenantId: string) {
  const rows = await tx.select().from(neighbourhoods).where(eq(neighbourhoods.tenantId, tenantId));
  return new Map(rows.map((n) => [n.id, centreOf(n.outline)]));
}

/**
 * Proposals for a cohort: the best overall assignment of its accepted families without a coach to
 * coaches within capacity, each explained, with the next best coaches as alternatives. Nothing is
 * stored: the coordinator confirms, swaps or overrides each family.
 */
export async function runMatchmaking(
  tx: Tx,
  viewer: Viewer,
  cohortId: string,
  language: Language,
): Promise<Matchmaking> {
  const [cohort] = await tx
    .select()
    .from(coachingCohorts)
    .where(and(eq(coachingCohorts.tenantId, viewer.tenantId), eq(coachingCohorts.id, cohortId)));
  if (!cohort) throw notFound('The cohort');
  const waiting = rowsOf<{ id: string }>(
    await tx.execute(sql`select r.id from coaching_referrals r where r.tenant_id = ${viewer.tenantId}
      and r.cohort_id = ${cohortId} and r.status = 'accepted'
      and not exists (select 1 from coaching_trajectories t where t.tenant_id = r.tenant_id
        and t.referral_id = r.id and t.status = 'active')`),
  );
  const referrals = waiting.length
    ? await tx
        .select()
        .from(coachingReferrals)
        .where(
          and(
            eq(coachingReferrals.tenantId, viewer.tenantId),
            inArray(
              coachingReferrals.id,
              waiting.map((w) => w.id),
            ),
          ),
        )
    : [];
  const centres = await areaCentres(tx, viewer.tenantId);
  const families = referrals.map((r) => toEngineFamily(r, centres.get(r.areaId)!));
  const { coaches, names } = await engineCoaches(tx, viewer.tenantId, cohort.programmeId);
  const result = assignCohort(families, coaches);
  const chosen = new Map(result.proposals.map((p) => [p.familyId, p]));
  const proposals = referrals
    .map((r) => {
      const family = families.find((f) => f.id === r.id)!;
      const ranking = rankCoaches(family, coaches, { limit: 4 });
      const pick = chosen.get(r.id) ?? null;
      return {
        referralId: r.id,
        familyLabel: familyLabel(r),
        languages: r.languages,
        coachId: pick?.coachId ?? null,
        coachName: pick ? names.get(pick.coachId)! : null,
        score: pick?.score ?? null,
        explanation: pick
          ? explainCoach(pick.reasons, language)
          : ranking.proposals.length > 0
            ? {
                nl: 'De coaches die passen, zijn al voorgesteld voor een ander gezin',
                en: 'The coaches who fit are proposed for another family',
                fr: 'Les coachs qui conviennent sont proposés à une autre famille',
              }[language]
            : explainNoCoach(ranking.blocking, language),
        alternatives: ranking.proposals
          .filter((p) => p.coachId !== pick?.coachId)
          .slice(0, 3)
          .map((p) => ({
            coachId: p.coachId,
            coachName: names.get(p.coachId)!,
            score: p.score,
            explanation: explainCoach(p.reasons, language),
          })),
      };
    })
    .sort((a, b) => (a.familyLabel < b.familyLabel ? -1 : 1));
  await recordAudit(tx, viewer, {
    action: 'coaching.matchmaking_run',
    recordType: 'coaching_cohort',
    recordId: cohortId,
    details: { families: families.length, proposals: result.proposals.length, totalCost: result.totalCost },
  });
  return { cohortId, proposals, totalScore: result.totalScore };
}

/**
 * The coordinator's decision for one family: the engine's proposal, a swap for another ranked
 * coach, or an override with a reason. The coach must be trained, screened and have room; the
 * family must have no active coach. Audit-logged with the decision and its reason.
 */
export async function confirmMatch(
  tx: Tx,
  viewer: Viewer,
  input: { referralId: string; coachId: string; decision: 'proposal' | 'swap' | 'override'; reason?: string },
): Promise<{ id: string }> {
  const referral = await lockReferral(tx, viewer.tenantId, input.referralId);
  if (!referral) throw refuse('referralId', 'not a referral of this municipality');
  if (referral.status !== 'accepted' || !referral.cohortId)
    throw refuse('referralId', coachingMessages.notAccepted, { conflict: true, reason: 'not_accepted' });
  if ((await activeTrajectoryByReferral(tx, viewer.tenantId, [referral.id])).size > 0)
    throw refuse('referralId', coachingMessages.hasCoach, {
      conflict: true,
      reason: 'has_coach',
      why: 'This family already has an active coach',
    });
  if (input.decision === 'override' && !input.reason) throw refuse('reason', coachingMessages.reasonRequired);
  if (!(await coachingConsentHolds(tx, viewer.tenantId, referral.householdId))) throw consentWithdrawn();
  const [coachRow] = await tx
    .select()
    .from(coachingCoaches)
    .where(and(eq(coachingCoaches.tenantId, viewer.tenantId), eq(coachingCoaches.userId, input.coachId)))
    .for('update');
  if (!coachRow) throw refuse('coachId', 'not a coach of this municipality');
  const { coaches } = await engineCoaches(tx, viewer.tenantId, referral.programmeId, [input.coachId]);
  const coach = coaches[0]!;
  const centres = await areaCentres(tx, viewer.tenantId);
  const family = toEngineFamily(referral, centres.get(referral.areaId)!);
  // Distance is a preference here: an override may choose a coach from further away.
  const hard = coachHardReasons(family, coach).filter((r) => r.kind !== 'distance');
  const first = hard[0];
  if (first) {
    const message =
      first.kind === 'not_trained'
        ? `${coachingMessages.notTrained} (${first.missing.join(', ')})`
        : first.kind === 'not_screened'
          ? coachingMessages.notScreened
          : coachingMessages.capacity;
    throw refuse('coachId', message, {
      conflict: true,
      reason: first.kind,
      why: `This coach cannot be matched: ${explainCoachBlock(first.kind, 'en')}`,
    });
  }
  const scored = scoreCoach(family, coach);
  const startedOn = today();
  let trajectory: { id: string } | undefined;
  try {
    [trajectory] = await tx
      .insert(coachingTrajectories)
      .values({
        tenantId: viewer.tenantId,
        referralId: referral.id,
        cohortId: referral.cohortId,
        householdId: referral.householdId,
        coachId: input.coachId,
        startedOn,
        plannedEndOn: addDays(startedOn, PLANNED_YEARS * 365),
        score: scored.score,
        explanation: explainCoach(scored.reasons, 'nl'),
        decision: input.decision,
        decisionReason: input.reason ?? null,
        decidedBy: viewer.userId,
      })
      .returning({ id: coachingTrajectories.id });
  } catch (error) {
    if (
      /coaching_trajectories_one_active|unique/i.test(
        String((error as { cause?: Error }).cause?.message ?? error),
      )
    )
      throw refuse('referralId', coachingMessages.hasCoach, { conflict: true, reason: 'has_coach' });
    throw error;
  }
  await timeline(tx, viewer, referral.householdId, 'matched', {
    recordType: 'coaching_trajectory',
    recordId: trajectory!.id,
  });
  await recordAudit(tx, viewer, {
    action: 'coaching.match_decided',
    recordType: 'coaching_trajectory',
    recordId: trajectory!.id,
    purpose: 'talent_coaching',
    details: {
      referralId: referral.id,
      coachId: input.coachId,
      decision: input.decision,
      reason: input.reason ?? null,
      score: scored.score,
    },
  });
  return trajectory!;
}

// ---------------------------------------------------------------- trajectories

/** The trajectory, if this viewer may see it (the record rule); otherwise "not found", revealing nothing. */
async function requireTrajectory(tx: Tx, viewer: Viewer, id: string): Promise<TrajectoryRow> {
  const [row] = await tx
    .select()
    .from(coachingTrajectories)
    .where(
      and(
        eq(coachingTrajectories.tenantId, viewer.tenantId),
        eq(coachingTrajectories.id, id),
        trajectoryVisibleTo(viewer),
      ),
    );
  if (!row) throw notFound('The family');
  return row;
}

/**
 * The family's consent for talent coaching still holds: the latest `talent_coaching` statement of
 * anyone in the household is not a withdrawal. No statement at all holds: the referral carries the
 * consent the referrer recorded (families coached before it was written on their file have none).
 * A withdrawal stops every step of the coaching from then on but its end.
 */
async function coachingConsentHolds(tx: Tx, tenantId: string, householdId: string | null): Promise<boolean> {
  if (!householdId) return true;
  const [latest] = rowsOf<{ status: string }>(
    await tx.execute(sql`select c.status from consents c
      join household_members hm on hm.tenant_id = c.tenant_id and hm.person_id = c.person_id
      where c.tenant_id = ${tenantId} and hm.household_id = ${householdId} and c.purpose = 'talent_coaching'
      order by c.recorded_at desc, c.created_at desc limit 1`),
  );
  return latest?.status !== 'withdrawn';
}

const consentWithdrawn = () =>
  new AppError('CONFLICT', 'The family has withdrawn its consent for talent coaching', { reason: 'consent' });

/** A trajectory in progress whose family's consent holds: the steps of the coaching need both. */
async function requireActiveTrajectory(tx: Tx, viewer: Viewer, id: string) {
  const row = await requireOpenTrajectory(tx, viewer, id);
  if (!(await coachingConsentHolds(tx, viewer.tenantId, row.householdId))) throw consentWithdrawn();
  return row;
}

async function requireOpenTrajectory(tx: Tx, viewer: Viewer, id: string) {
  const row = await requireTrajectory(tx, viewer, id);
  if (row.status !== 'active') throw new AppError('CONFLICT', 'This coaching has ended', { reason: 'ended' });
  return row;
}

async function referralOf(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(coachingReferrals)
    .where(and(eq(coachingReferrals.tenantId, tenantId), eq(coachingReferrals.id, id)));
  return row!;
}

/**
 * A trajectory as its coach (or the coordinator) sees it: the family's first names, address,
 * languages and the child's age; never what the referrer wrote about the family's situation.
 */
export async function getTrajectory(tx: Tx, viewer: Viewer, id: string): Promise<Trajectory> {
  const t = await requireTrajectory(tx, viewer, id);
  const r = await referralOf(tx, viewer.tenantId, t.referralId);
  const [cohort] = await tx
    .select({ name: coachingCohorts.name })
    .from(coachingCohorts)
    .where(and(eq(coachingCohorts.tenantId, viewer.tenantId), eq(coachingCohorts.id, t.cohortId)));
  const [coach] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, viewer.tenantId), eq(users.id, t.coachId)));
  const where = (table: { tenantId: AnyPgColumn; trajectoryId: AnyPgColumn }) =>
    and(eq(table.tenantId, viewer.tenantId), eq(table.trajectoryId, id));
  const meetings = await tx
    .select()
    .from(coachingMeetings)
    .where(where(coachingMeetings))
    .orderBy(desc(coachingMeetings.heldOn), desc(coachingMeetings.createdAt));
  const goals = await tx
    .select()
    .from(coachingGoals)
    .where(where(coachingGoals))
    .orderBy(asc(coachingGoals.createdAt));
  const checkins = await tx
    .select()
    .from(coachingCheckins)
    .where(where(coachingCheckins))
    .orderBy(desc(coachingCheckins.heldOn));
  const supporters = await tx
    .select({ s: coachingSupporters, name: users.displayName })
    .from(coachingSupporters)
    .innerJoin(
      users,
      and(eq(users.tenantId, coachingSupporters.tenantId), eq(users.id, coachingSupporters.volunteerId)),
    )
    .where(where(coachingSupporters));
  const worries = await tx
    .select()
    .from(coachingWorries)
    .where(where(coachingWorries))
    .orderBy(desc(coachingWorries.raisedAt));
  await recordAudit(tx, viewer, {
    action: 'coaching.trajectory_read',
    recordType: 'coaching_trajectory',
    recordId: id,
    purpose: 'talent_coaching',
  });
  const day = today();
  // A coach reaches the family while the coaching lasts and the family agrees; once it has ended
  // or the family withdrew, they keep their own record of it, not the family's address and phone.
  const reach =
    viewer.roles.includes('coordinator') ||
    (t.status === 'active' && (await coachingConsentHolds(tx, viewer.tenantId, t.householdId)));
  return {
    id: t.id,
    status: t.status,
    cohortName: cohort?.name ?? '',
    coachId: t.coachId,
    coachName: coach?.name ?? '',
    family: {
      firstNames: r.parentFirstNames,
      childFirstName: r.childFirstName,
      childAge: ageOn(r.childBirthDate, day),
      address: reach ? addressText(r) : null,
      phone: reach ? r.phone : null,
      languages: r.languages,
    },
    startedOn: t.startedOn,
    plannedEndOn: t.plannedEndOn,
    today: day,
    explanation: t.explanation,
    meetings: meetings.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      kind: m.kind,
      minutes: m.minutes,
      topics: m.topics,
      privateNote: m.privateNote,
    })),
    goals: goals.map((g) => ({
      id: g.id,
      domain: g.domain,
      description: g.description,
      progress: g.progress,
    })),
    checkins: checkins.map((c) => ({ id: c.id, heldOn: c.heldOn, note: c.note })),
    supporters: supporters.map(({ s, name }) => ({ volunteerId: s.volunteerId, name, help: s.help })),
    worries: worries.map((w) => ({
      id: w.id,
      raisedAt: w.raisedAt.toISOString(),
      concern: w.concern,
      status: w.status,
      outcome: w.outcome,
    })),
    end: t.endedOn
      ? {
          endedOn: t.endedOn,
          reason: t.endReason ?? '',
          familyEvaluation: t.familyEvaluation,
          coachEvaluation: t.coachEvaluation,
        }
      : null,
  };
}

async function trajectorySummaries(
  tx: Tx,
  viewer: Viewer,
  status?: 'active' | 'ended',
): Promise<TrajectorySummary[]> {
  const rows = await tx
    .select({
      t: coachingTrajectories,
      r: coachingReferrals,
      coachName: users.displayName,
      cohortName: coachingCohorts.name,
    })
    .from(coachingTrajectories)
    .innerJoin(
      coachingReferrals,
      and(
        eq(coachingReferrals.tenantId, coachingTrajectories.tenantId),
        eq(coachingReferrals.id, coachingTrajectories.referralId),
      ),
    )
    .innerJoin(
      users,
      and(eq(users.tenantId, coachingTrajectories.tenantId), eq(users.id, coachingTrajectories.coachId)),
    )
    .innerJoin(
      coachingCohorts,
      and(
        eq(coachingCohorts.tenantId, coachingTrajectories.tenantId),
        eq(coachingCohorts.id, coachingTrajectories.cohortId),
      ),
    )
    .where(
      and(
        eq(coachingTrajectories.tenantId, viewer.tenantId),
        trajectoryVisibleTo(viewer),
        status ? eq(coachingTrajectories.status, status) : undefined,
      ),
    )
    .orderBy(asc(coachingReferrals.familyName));
  const last = await lastMeetings(tx, viewer.tenantId);
  const day = today();
  return rows.map(({ t, r, coachName, cohortName }) => ({
    id: t.id,
    status: t.status,
    // The coach knows the family by first names; that is also how the list names them.
    familyLabel: viewer.roles.includes('coordinator') ? familyLabel(r) : r.parentFirstNames,
    childAge: ageOn(r.childBirthDate, day),
    languages: r.languages,
    coachName,
    cohortName,
    startedOn: t.startedOn,
    lastMeetingOn: last.get(t.id) ?? null,
  }));
}

async function lastMeetings(tx: Tx, tenantId: string) {
  const rows = rowsOf<{ trajectory_id: string; last: string }>(
    await tx.execute(sql`select trajectory_id, max(held_on)::text as last from coaching_meetings
      where tenant_id = ${tenantId} group by trajectory_id`),
  );
  return new Map(rows.map((r) => [r.trajectory_id, r.last]));
}

export function listTrajectories(tx: Tx, viewer: Viewer) {
  return trajectorySummaries(tx, viewer);
}

/** The coach's own page: their families, and whether they may be matched yet. */
export async function coachHome(tx: Tx, viewer: Viewer): Promise<CoachHome> {
  const [profile] = await tx
    .select()
    .from(coachingCoaches)
    .where(and(eq(coachingCoaches.tenantId, viewer.tenantId), eq(coachingCoaches.userId, viewer.userId)));
  const required = await requiredTopics(tx, viewer.tenantId);
  const attended = (await attendedTopics(tx, viewer.tenantId)).get(viewer.userId);
  const missing = required.filter((t) => !attended?.has(t));
  return {
    profileComplete: !!profile?.areaId && (profile?.languages.length ?? 0) > 0,
    trained: missing.length === 0,
    missingSessions: missing,
    families: await trajectorySummaries(tx, viewer),
    profile: profile ? ((await listCoaches(tx, viewer.tenantId, [viewer.userId]))[0] ?? null) : null,
    areas: (await referOptions(tx, viewer.tenantId)).areas,
  };
}

const kindWords = {
  home_visit: 'huisbezoek',
  outing: 'uitstap',
  phone: 'telefoon',
  video: 'videogesprek',
  other: 'ontmoeting',
} as const;

/** The coach logs a meeting: not in the future, not before the coaching began. */
export async function logMeeting(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: {
    heldOn: string;
    kind: keyof typeof kindWords;
    minutes: number;
    topics: string[];
    privateNote?: string;
  },
) {
  const t = await requireActiveTrajectory(tx, viewer, id);
  if (input.heldOn > today()) throw refuse('heldOn', coachingMessages.inFuture);
  if (input.heldOn < t.startedOn) throw refuse('heldOn', coachingMessages.beforeStart);
  const [row] = await tx
    .insert(coachingMeetings)
    .values({
      tenantId: viewer.tenantId,
      trajectoryId: id,
      heldOn: input.heldOn,
      kind: input.kind,
      minutes: input.minutes,
      topics: [...new Set(input.topics)],
      privateNote: input.privateNote || null,
      createdBy: viewer.userId,
    })
    .returning({ id: coachingMeetings.id });
  await timeline(
    tx,
    viewer,
    t.householdId,
    {
      key: 'meeting',
      words: `ontmoeting met de coach (${kindWords[input.kind]}, ${input.minutes} min)`,
      values: { kind: input.kind, minutes: input.minutes },
    },
    {
      // A day, not a moment: noon keeps it on that day in Brussels, and the timeline shows no time
      // for a meeting (dayOnlyRecordTypes).
      occurredAt: new Date(`${input.heldOn}T12:00:00Z`),
      channel: meetingChannel[input.kind],
      recordType: 'coaching_meeting',
      recordId: row!.id,
    },
  );
  await recordAudit(tx, viewer, {
    action: 'coaching.meeting_logged',
    recordType: 'coaching_trajectory',
    recordId: id,
    purpose: 'talent_coaching',
  });
  return row!;
}

export async function addGoal(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: { domain: string; description: string },
) {
  const t = await requireActiveTrajectory(tx, viewer, id);
  const [row] = await tx
    .insert(coachingGoals)
    .values({
      tenantId: viewer.tenantId,
      trajectoryId: id,
      domain: input.domain as (typeof coachingGoals.$inferInsert)['domain'],
      description: input.description,
    })
    .returning({ id: coachingGoals.id });
  await timeline(tx, viewer, t.householdId, 'goal', {
    recordType: 'coaching_goal',
    recordId: row!.id,
  });
  await recordAudit(tx, viewer, {
    action: 'coaching.goal_added',
    recordType: 'coaching_trajectory',
    recordId: id,
  });
  return row!;
}

/** A check-in: where each of the family's goals stands now. */
export async function recordCheckin(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: { heldOn: string; progress: { goalId: string; progress: number }[]; note?: string },
) {
  const t = await requireActiveTrajectory(tx, viewer, id);
  if (input.heldOn > today()) throw refuse('heldOn', coachingMessages.inFuture);
  if (input.heldOn < t.startedOn) throw refuse('heldOn', coachingMessages.beforeStart);
  const goals = await tx
    .select()
    .from(coachingGoals)
    .where(and(eq(coachingGoals.tenantId, viewer.tenantId), eq(coachingGoals.trajectoryId, id)));
  const byId = new Map(goals.map((g) => [g.id, g]));
  const seen = new Set<string>();
  for (const p of input.progress) {
    if (!byId.has(p.goalId) || seen.has(p.goalId)) throw refuse('progress', 'each goal of this family once');
    seen.add(p.goalId);
  }
  for (const p of input.progress) {
    await tx
      .update(coachingGoals)
      .set({ progress: p.progress, updatedAt: now() })
      .where(and(eq(coachingGoals.tenantId, viewer.tenantId), eq(coachingGoals.id, p.goalId)));
  }
  const [row] = await tx
    .insert(coachingCheckins)
    .values({
      tenantId: viewer.tenantId,
      trajectoryId: id,
      heldOn: input.heldOn,
      progress: input.progress.map((p) => ({
        goalId: p.goalId,
        before: byId.get(p.goalId)!.progress,
        after: p.progress,
      })),
      note: input.note ?? null,
      createdBy: viewer.userId,
    })
    .returning({ id: coachingCheckins.id });
  await timeline(tx, viewer, t.householdId, 'checkin', {
    recordType: 'coaching_checkin',
    recordId: row!.id,
  });
  await recordAudit(tx, viewer, {
    action: 'coaching.checkin',
    recordType: 'coaching_trajectory',
    recordId: id,
  });
  return row!;
}

/** The coach raises a worry to the coordinator. */
export async function raiseWorry(tx: Tx, viewer: Viewer, id: string, concern: string) {
  const t = await requireTrajectory(tx, viewer, id);
  if (t.coachId !== viewer.userId) throw notFound('The family');
  const [row] = await tx
    .insert(coachingWorries)
    .values({ tenantId: viewer.tenantId, trajectoryId: id, coachId: viewer.userId, concern, raisedAt: now() })
    .returning({ id: coachingWorries.id });
  await recordAudit(tx, viewer, {
    action: 'coaching.worry_raised',
    recordType: 'coaching_worry',
    recordId: row!.id,
    purpose: 'talent_coaching',
  });
  return row!;
}

export async function listWorries(tx: Tx, viewer: Viewer): Promise<Worry[]> {
  const rows = await tx
    .select({
      w: coachingWorries,
      r: coachingReferrals,
      coachName: users.displayName,
      safety: coachingProgrammes.safetySituations,
    })
    .from(coachingWorries)
    .innerJoin(
      coachingTrajectories,
      and(
        eq(coachingTrajectories.tenantId, coachingWorries.tenantId),
        eq(coachingTrajectories.id, coachingWorries.trajectoryId),
      ),
    )
    .innerJoin(
      coachingReferrals,
      and(
        eq(coachingReferrals.tenantId, coachingTrajectories.tenantId),
        eq(coachingReferrals.id, coachingTrajectories.referralId),
      ),
    )
    .innerJoin(
      coachingProgrammes,
      and(
        eq(coachingProgrammes.tenantId, coachingReferrals.tenantId),
        eq(coachingProgrammes.id, coachingReferrals.programmeId),
      ),
    )
    .innerJoin(
      users,
      and(eq(users.tenantId, coachingWorries.tenantId), eq(users.id, coachingWorries.coachId)),
    )
    .where(eq(coachingWorries.tenantId, viewer.tenantId))
    .orderBy(desc(coachingWorries.raisedAt));
  await recordAudit(tx, viewer, {
    action: 'coaching.worries_listed',
    recordType: 'coaching_worry',
    purpose: 'talent_coaching',
    details: { worries: rows.length },
  });
  return rows.map(({ w, r, coachName, safety }) => ({
    id: w.id,
    trajectoryId: w.trajectoryId,
    familyLabel: familyLabel(r),
    coachName,
    concern: w.concern,
    raisedAt: w.raisedAt.toISOString(),
    status: w.status,
    outcome: w.outcome,
    basis: w.basis,
    safetySituations: safety,
  }));
}

/**
 * The coordinator answers a worry: talked it through with the coach, or involved a social worker,
 * with the family's consent or, without it, only in a safety situation the programme defines.
 */
export async function handleWorry(
  tx: Tx,
  viewer: Viewer,
  worryId: string,
  input: {
    outcome: 'talked_with_coach' | 'social_worker';
    basis?: 'consent' | 'safety';
    safetySituation?: string;
    note: string;
  },
) {
  const [worry] = await tx
    .select()
    .from(coachingWorries)
    .where(and(eq(coachingWorries.tenantId, viewer.tenantId), eq(coachingWorries.id, worryId)))
    .for('update');
  if (!worry) throw notFound('The worry');
  if (worry.status === 'handled')
    throw new AppError('CONFLICT', 'This worry was handled already', { reason: 'handled' });
  const t = await requireTrajectory(tx, viewer, worry.trajectoryId);
  const referral = await referralOf(tx, viewer.tenantId, t.referralId);
  if (input.outcome === 'social_worker' && input.basis === 'safety') {
    const programme = await requireProgramme(tx, viewer.tenantId, referral.programmeId);
    if (!programme.safetySituations.includes(input.safetySituation ?? ''))
      throw refuse('safetySituation', coachingMessages.safetySituation);
  }
  await tx
    .update(coachingWorries)
    .set({
      status: 'handled',
      outcome: input.outcome,
      basis: input.outcome === 'social_worker' ? (input.basis ?? null) : null,
      safetySituation: input.basis === 'safety' ? (input.safetySituation ?? null) : null,
      note: input.note,
      handledBy: viewer.userId,
      handledAt: now(),
    })
    .where(and(eq(coachingWorries.tenantId, viewer.tenantId), eq(coachingWorries.id, worryId)));
  if (input.outcome === 'social_worker') {
    await timeline(
      tx,
      viewer,
      t.householdId,
      input.basis === 'consent'
        ? {
            key: 'worryConsent',
            words: 'een maatschappelijk werker werd betrokken, met toestemming van het gezin',
          }
        : {
            key: 'worrySafety',
            words: `een maatschappelijk werker werd betrokken zonder toestemming (veiligheid: ${input.safetySituation})`,
            values: { situation: input.safetySituation ?? '' },
          },
      { visibility: 'welfare', recordType: 'coaching_worry', recordId: worryId },
    );
  }
  await recordAudit(tx, viewer, {
    action: 'coaching.worry_handled',
    recordType: 'coaching_worry',
    recordId: worryId,
    purpose: 'talent_coaching',
    details: {
      outcome: input.outcome,
      basis: input.basis ?? null,
      safetySituation: input.safetySituation ?? null,
      // The note itself stays with the worry, where its retention removes it: the audit log is
      // append-only, so what someone wrote about a family has no place in it.
    },
  });
  return { id: worryId };
}

/** A supporter from the Genk Helpt pool, linked to the family for practical help. */
export async function linkSupporter(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: { volunteerId: string; help: string },
) {
  const t = await requireActiveTrajectory(tx, viewer, id);
  const [volunteer] = await tx
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.tenantId, viewer.tenantId), eq(volunteers.userId, input.volunteerId)));
  if (!volunteer?.active) throw refuse('volunteerId', 'not an active volunteer of this municipality');
  const [row] = await tx
    .insert(coachingSupporters)
    .values({ tenantId: viewer.tenantId, trajectoryId: id, ...input, linkedBy: viewer.userId })
    .onConflictDoNothing()
    .returning({ id: coachingSupporters.volunteerId });
  if (!row) throw refuse('volunteerId', 'this supporter is linked already', { conflict: true });
  await timeline(
    tx,
    viewer,
    t.householdId,
    { key: 'supporter', words: `een vrijwilliger helpt mee (${input.help})`, values: { help: input.help } },
    {
      recordType: 'coaching_supporter',
      recordId: id,
    },
  );
  await recordAudit(tx, viewer, {
    action: 'coaching.supporter_linked',
    recordType: 'coaching_trajectory',
    recordId: id,
    details: { volunteerId: input.volunteerId },
  });
  return { id };
}

/** The end of a trajectory, with the family's and the coach's evaluation. */
export async function endTrajectory(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: { endedOn: string; reason: string; familyEvaluation: string; coachEvaluation: string },
) {
  // Ending is what follows a withdrawal, so it does not need the consent.
  const t = await requireOpenTrajectory(tx, viewer, id);
  if (input.endedOn > today()) throw refuse('endedOn', coachingMessages.inFuture);
  if (input.endedOn < t.startedOn) throw refuse('endedOn', coachingMessages.beforeStart);
  await tx
    .update(coachingTrajectories)
    .set({
      status: 'ended',
      endedOn: input.endedOn,
      endReason: input.reason,
      familyEvaluation: input.familyEvaluation,
      coachEvaluation: input.coachEvaluation,
    })
    .where(and(eq(coachingTrajectories.tenantId, viewer.tenantId), eq(coachingTrajectories.id, id)));
  await timeline(tx, viewer, t.householdId, 'ended', {
    recordType: 'coaching_trajectory',
    recordId: id,
  });
  await recordAudit(tx, viewer, {
    action: 'coaching.trajectory_ended',
    recordType: 'coaching_trajectory',
    recordId: id,
    details: { endedOn: input.endedOn },
  });
  return { id };
}

// ---------------------------------------------------------------- alerts and the steering group

/** The coordinator's alerts, relative to the server clock's today. */
export async function coachingAlerts(tx: Tx, viewer: Viewer): Promise<CoachingAlert[]> {
  const day = today();
  const alerts: CoachingAlert[] = [];
  const summaries = await trajectorySummaries(tx, viewer, 'active');
  const planned = await tx
    .select({
      id: coachingTrajectories.id,
      plannedEndOn: coachingTrajectories.plannedEndOn,
      coachId: coachingTrajectories.coachId,
    })
    .from(coachingTrajectories)
    .where(
      and(eq(coachingTrajectories.tenantId, viewer.tenantId), eq(coachingTrajectories.status, 'active')),
    );
  const plannedBy = new Map(planned.map((p) => [p.id, p]));
  for (const s of summaries) {
    const since = daysBetween(s.lastMeetingOn ?? s.startedOn, day);
    if (since > NO_MEETING_DAYS)
      alerts.push({
        kind: 'no_meeting',
        trajectoryId: s.id,
        coachId: plannedBy.get(s.id)?.coachId ?? null,
        familyLabel: s.familyLabel,
        coachName: s.coachName,
        days: since,
        missing: [],
      });
    const left = daysBetween(day, plannedBy.get(s.id)!.plannedEndOn);
    if (left <= ENDING_SOON_DAYS)
      alerts.push({
        kind: 'ending_soon',
        trajectoryId: s.id,
        coachId: plannedBy.get(s.id)?.coachId ?? null,
        familyLabel: s.familyLabel,
        coachName: s.coachName,
        days: left,
        missing: [],
      });
  }
  for (const c of await listCoaches(tx, viewer.tenantId)) {
    if (c.activeFamilies > c.capacity)
      alerts.push({
        kind: 'over_capacity',
        trajectoryId: null,
        coachId: c.userId,
        familyLabel: null,
        coachName: c.displayName,
        days: c.activeFamilies - c.capacity,
        missing: [],
      });
    if (c.active && !c.trained)
      alerts.push({
        kind: 'not_trained',
        trajectoryId: null,
        coachId: c.userId,
        familyLabel: null,
        coachName: c.displayName,
        days: null,
        missing: (await requiredTopics(tx, viewer.tenantId)).filter((t) => !c.attendedTopics.includes(t)),
      });
  }
  const order = { no_meeting: 0, over_capacity: 1, ending_soon: 2, not_trained: 3 } as const;
  return alerts.sort((a, b) => order[a.kind] - order[b.kind] || (b.days ?? 0) - (a.days ?? 0));
}

const hide = (n: number) => (n < SMALL_NUMBER ? null : n);

/** Aggregates for the steering group: no names, and every count under 5 hidden. */
export async function coachingDashboard(tx: Tx, viewer: Viewer): Promise<Dashboard> {
  const cohorts = rowsOf<{
    name: string;
    programme_name: string;
    size: number;
    families: number;
    active: number;
    ended: number;
  }>(
    await tx.execute(sql`select c.name, p.name as programme_name, c.size,
        (select count(*)::int from coaching_referrals r where r.tenant_id = c.tenant_id and r.cohort_id = c.id
          and r.status = 'accepted') as families,
        (select count(*)::int from coaching_trajectories t where t.tenant_id = c.tenant_id and t.cohort_id = c.id
          and t.status = 'active') as active,
        (select count(*)::int from coaching_trajectories t where t.tenant_id = c.tenant_id and t.cohort_id = c.id
          and t.status = 'ended') as ended
      from coaching_cohorts c join coaching_programmes p on p.tenant_id = c.tenant_id and p.id = c.programme_id
      where c.tenant_id = ${viewer.tenantId} order by c.starts_on, c.name`),
  );
  const from = addDays(today(), -365);
  const months = rowsOf<{ month: string; n: number }>(
    await tx.execute(sql`select to_char(held_on, 'YYYY-MM') as month, count(*)::int as n from coaching_meetings
      where tenant_id = ${viewer.tenantId} and held_on >= ${from}::date group by 1 order by 1`),
  );
  const [goals = { progressed: 0, total: 0 }] = rowsOf<{ progressed: number; total: number }>(
    await tx.execute(sql`select count(*) filter (where progress > 0)::int as progressed, count(*)::int as total
      from coaching_goals where tenant_id = ${viewer.tenantId}`),
  );
  await recordAudit(tx, viewer, { action: 'coaching.dashboard_read', recordType: 'coaching_dashboard' });
  return {
    cohorts: cohorts.map((c) => ({
      name: c.name,
      programmeName: c.programme_name,
      size: c.size,
      families: hide(c.families),
      active: hide(c.active),
      ended: hide(c.ended),
    })),
    meetingsPerMonth: months.map((m) => ({ month: m.month, meetings: hide(m.n) })),
    goalsProgressed: hide(goals.progressed),
    goalsTotal: hide(goals.total),
    smallNumber: SMALL_NUMBER,
  };
}
