import './help.rules.ts';
import { isDeepStrictEqual } from 'node:util';
import { and, asc, count, desc, eq, inArray, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import {
  explain,
  explainNoCandidate,
  hardReasons,
  rankCandidates,
  assignAll as solveAll,
  VolunteerIndex,
} from '../../../engines/matching/index.ts';
import type { Volunteer as EngineVolunteer, SoftReason } from '../../../engines/matching/types.ts';
import { brusselsNow } from '../../../shared/brussels.ts';
import { AppError, fieldError, forbidden, notFound } from '../../../shared/errors.ts';
import { firstHelpDay, HELP_DAY_MINUTES, mostMinutesSince } from '../../../shared/help.programme.ts';
import type {
  Board,
  DeclineReason,
  FeedbackLink,
  Figures,
  HelpMatchStatus,
  HelpNeedStatus,
  HelpType,
  HoursInput,
  MatchingRun,
  NeedDetail,
  NeedEdit,
  NeedInput,
  NeedPage,
  NeedSummary,
  PostingOrganisation,
  PublicFeedbackView,
  VolunteerHome,
  VolunteerMatch,
  VolunteerProfileInput,
  VolunteerView,
} from '../../../shared/help.schemas.ts';
import { declineReasons, helpMessages, helpProgrammeName } from '../../../shared/help.schemas.ts';
import { normaliseText } from '../../../shared/normalise.ts';
import { can, permissionMap, type Role } from '../../../shared/permissions.ts';
import { languageSchema } from '../../../shared/schemas.ts';
import { now as clockNow, today } from '../../clock.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { enqueue } from '../../jobs/queue.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import {
  createSelfServiceAccount,
  type IdentityConfig,
  type Language,
  tenantName,
} from '../identity/identity.service.ts';

import { tenants, users } from '../identity/identity.tables.ts';
import { hashToken, newToken } from '../identity/tokens.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { recordConsent } from '../registry/consent.service.ts';
import { householdContact } from '../registry/households.service.ts';
import { requireVisibleHousehold } from '../registry/persons.service.ts';
import { canSeePerson, type Viewer, visiblePersonCondition } from '../registry/record-rules.ts';
import { addressLabel, getAddress, likeEscape, mayAct, recordContact } from '../registry/registry.service.ts';
import { householdMembers, households, neighbourhoods, persons } from '../registry/registry.tables.ts';
import { organisationsOfMember } from '../signals/partners.service.ts';
import { SMALL_NUMBER, shownCounts } from './help.figures.ts';
import {
  askedVolunteers,
  centreOf,
  loadVolunteerPool,
  toEngineNeed,
  typeRequirements,
} from './help.matching.ts';
import {
  helpFeedbackLinks,
  helpHours,
  helpMatches,
  helpNeedEvents,
  helpNeeds,
  helpTypes,
  volunteerSignups,
  volunteers,
} from './help.tables.ts';
import { helpTexts } from './help.texts.ts';

type EngineLanguage = Language;
const LANGUAGES: readonly Language[] = languageSchema.options;

/** How long a volunteer has to answer a proposal before it moves on to the next candidate. */
export const PROPOSAL_TTL_MS = 48 * 3600_000;
const SIGNUP_TTL_MS = 7 * 86_400_000;

type NeedRow = typeof helpNeeds.$inferSelect;
type MatchRow = typeof helpMatches.$inferSelect;

/** Steps Samen takes by itself (a proposal that expires, the next candidate asked). */
const SYSTEM = 'Samen';
const systemActor = (tenantId: string): Actor => ({ tenantId, userId: null, label: SYSTEM });
/** The name a request's history shows beside a step: none for Samen's own (the screen says "automatically"). */
const eventActorName = (actor: Actor) =>
  actor.userId === null && actor.label === SYSTEM ? null : actor.label;

// ---------------------------------------------------------------- help types and areas

export async function listHelpTypes(tx: Tx, tenantId: string, onlyActive = false): Promise<HelpType[]> {
  const rows = await tx
    .select()
    .from(helpTypes)
    .where(and(eq(helpTypes.tenantId, tenantId), onlyActive ? eq(helpTypes.active, true) : undefined))
    .orderBy(asc(helpTypes.sort), asc(helpTypes.code));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    names: r.names,
    requiredScreenings: r.requiredScreenings,
    requiredMeans: r.requiredMeans,
    active: r.active,
  }));
}

export async function createHelpType(
  tx: Tx,
  actor: Actor,
  input: {
    code: string;
    names: HelpType['names'];
    requiredScreenings: string[];
    requiredMeans: string[];
    active: boolean;
  },
): Promise<HelpType> {
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select coalesce(max(sort), 0)::int + 1 as n from help_types where tenant_id = ${actor.tenantId}`,
    ),
  );
  const [row] = await tx
    .insert(helpTypes)
    .values({ tenantId: actor.tenantId, ...input, sort: n })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError('CONFLICT', 'A kind of help with this code exists already', [
      { field: 'code', message: 'taken' },
    ]);
  await recordAudit(tx, actor, { action: 'help.type_created', recordType: 'help_type', recordId: row.id });
  return (await listHelpTypes(tx, actor.tenantId)).find((t) => t.id === row.id)!;
}

export async function updateHelpType(
  tx: Tx,
  actor: Actor,
  id: string,
  change: {
    names?: HelpType['names'];
    requiredScreenings?: string[];
    requiredMeans?: string[];
    active?: boolean;
  },
): Promise<HelpType> {
  const [row] = await tx
    .update(helpTypes)
    .set(change)
    .where(and(eq(helpTypes.tenantId, actor.tenantId), eq(helpTypes.id, id)))
    .returning({ id: helpTypes.id });
  if (!row) throw notFound('The kind of help');
  await recordAudit(tx, actor, {
    action: 'help.type_updated',
    recordType: 'help_type',
    recordId: id,
    details: { fields: Object.keys(change).sort() },
  });
  return (await listHelpTypes(tx, actor.tenantId)).find((t) => t.id === id)!;
}

/** Neighbourhoods by name only: where a volunteer lives or a need is, never an exact address. */
export function listAreas(tx: Tx, tenantId: string) {
  return tx
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.tenantId, tenantId))
    .orderBy(asc(neighbourhoods.name));
}

async function requireArea(tx: Tx, tenantId: string, areaId: string, field: string) {
  const [area] = await tx
    .select()
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.tenantId, tenantId), eq(neighbourhoods.id, areaId)));
  if (!area) throw fieldError(field, 'not a neighbourhood of this municipality');
  return area;
}

async function requireHelpType(tx: Tx, tenantId: string, code: string, field = 'helpType') {
  const [type] = await tx
    .select()
    .from(helpTypes)
    .where(and(eq(helpTypes.tenantId, tenantId), eq(helpTypes.code, code), eq(helpTypes.active, true)));
  if (!type) throw fieldError(field, 'not a kind of help this municipality offers');
  return type;
}

/** A kind of help's name in each language (its code when the kind is gone). */
async function typeNames(tx: Tx, tenantId: string, code: string): Promise<HelpType['names']> {
  const [type] = await tx
    .select({ names: helpTypes.names })
    .from(helpTypes)
    .where(and(eq(helpTypes.tenantId, tenantId), eq(helpTypes.code, code)));
  return type?.names ?? { nl: code, en: code, fr: code };
}

async function typeName(tx: Tx, tenantId: string, code: string, language: Language = 'en') {
  return (await typeNames(tx, tenantId, code))[language];
}

// ---------------------------------------------------------------- sign-up

/**
 * Someone offers help on the public page: a confirmation link goes to the address given. The
 * answer is the same whether or not the address is known, so the page reveals no one.
 */
export async function signUpVolunteer(
  tx: Tx,
  config: IdentityConfig,
  tenant: { id: string; slug: string },
  input: { email: string; displayName: string; language: Language; wantsCoaching: boolean },
  requestId: string,
) {
  const token = newToken();
  const [row] = await tx
    .insert(volunteerSignups)
    .values({
      tenantId: tenant.id,
      email: input.email,
      displayName: input.displayName,
      language: input.language,
      wantsCoaching: input.wantsCoaching,
      tokenHash: hashToken(config.secret, token),
      expiresAt: new Date(Date.now() + SIGNUP_TTL_MS),
    })
    .returning({ id: volunteerSignups.id });
  const link = `${config.publicUrl}/help/confirm?tenant=${encodeURIComponent(tenant.slug)}&token=${token}`;
  await queueEmail(tx, tenant.id, {
    to: input.email,
    ...helpTexts(input.language, helpProgrammeName(await tenantName(tx, tenant.id))).signup(
      input.displayName,
      link,
    ),
  });
  await recordAudit(
    tx,
    { tenantId: tenant.id, userId: null, label: 'anonymous', requestId },
    { action: 'help.signup', recordType: 'volunteer_signup', recordId: row!.id },
  );
}

/**
 * The link in the confirmation e-mail: creates the account with the volunteer role (identity's
 * invitation mechanism) and an empty profile; the web continues to the set-password page.
 */
export async function confirmSignup(
  tx: Tx,
  config: IdentityConfig,
  tenantId: string,
  token: string,
  requestId: string,
): Promise<{ token: string | null }> {
  const tokenHash = hashToken(config.secret, token);
  const [signup] = await tx
    .select()
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.tokenHash, tokenHash)))
    .for('update');
  if (!signup || signup.confirmedAt || signup.expiresAt.getTime() < Date.now()) {
    throw fieldError('token', 'This link is not valid or has expired');
  }
  const actor: Actor = { tenantId, userId: null, label: 'volunteer sign-up', requestId };
  const account = await createSelfServiceAccount(
    tx,
    config,
    tenantId,
    {
      email: signup.email,
      displayName: signup.displayName,
      roles: ['volunteer'],
      language: signup.language as Language,
    },
    actor,
  );
  await tx
    .insert(volunteers)
    .values({ tenantId, userId: account.userId, wantsCoaching: signup.wantsCoaching })
    .onConflictDoNothing();
  await tx
    .update(volunteerSignups)
    .set({ confirmedAt: new Date(), userId: account.userId })
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, signup.id)));
  await recordAudit(
    tx,
    { ...actor, userId: account.userId },
    {
      action: 'help.signup_confirmed',
      recordType: 'volunteer',
      recordId: account.userId,
    },
  );
  return { token: account.token };
}

// ---------------------------------------------------------------- volunteer profiles

async function volunteerViews(tx: Tx, tenantId: string, userIds?: string[]): Promise<VolunteerView[]> {
  if (userIds && userIds.length === 0) return [];
  const rows = await tx
    .select({
      v: volunteers,
      displayName: users.displayName,
      email: users.email,
      areaName: neighbourhoods.name,
    })
    .from(volunteers)
    .innerJoin(users, and(eq(users.tenantId, volunteers.tenantId), eq(users.id, volunteers.userId)))
    .leftJoin(
      neighbourhoods,
      and(eq(neighbourhoods.tenantId, volunteers.tenantId), eq(neighbourhoods.id, volunteers.homeAreaId)),
    )
    .where(and(eq(volunteers.tenantId, tenantId), userIds ? inArray(volunteers.userId, userIds) : undefined))
    .orderBy(asc(users.displayName));
  // Per volunteer: matches going on and done, and the time given: reported at the end of their
  // matches and logged session by session (as on their own page). Only the volunteers asked for.
  const only = userIds ? sql`and volunteer_id in ${userIds}` : sql``;
  const matches = rowsOf<{ volunteer_id: string; active: number; helped: number; minutes: number }>(
    await tx.execute(sql`select volunteer_id,
        count(*) filter (where status = 'accepted')::int as active,
        count(*) filter (where status = 'completed')::int as helped,
        coalesce(sum(minutes), 0)::int as minutes
      from help_matches where tenant_id = ${tenantId} ${only} group by volunteer_id`),
  );
  const sessions = rowsOf<{ volunteer_id: string; minutes: number }>(
    await tx.execute(sql`select volunteer_id, coalesce(sum(minutes), 0)::int as minutes
      from help_hours where tenant_id = ${tenantId} ${only} group by volunteer_id`),
  );
  const matchesBy = new Map(matches.map((m) => [m.volunteer_id, m]));
  const sessionsBy = new Map(sessions.map((h) => [h.volunteer_id, h.minutes]));
  return rows.map(({ v, displayName, email, areaName }) => ({
    userId: v.userId,
    displayName,
    email,
    phone: v.phone,
    helpTypes: v.helpTypes,
    languages: v.languages,
    homeAreaId: v.homeAreaId,
    homeAreaName: areaName,
    maxDistanceKm: v.maxDistanceKm,
    commitment: v.commitment,
    slots: v.slots,
    away: v.away,
    means: v.means,
    capacity: v.capacity,
    wantsCoaching: v.wantsCoaching,
    intakeDoneOn: v.intakeDoneOn,
    goodConductOn: v.goodConductOn,
    agreementSignedOn: v.agreementSignedOn,
    active: v.active,
    profileComplete: v.homeAreaId !== null && v.helpTypes.length > 0 && v.slots.length > 0,
    activeMatches: matchesBy.get(v.userId)?.active ?? 0,
    helped: matchesBy.get(v.userId)?.helped ?? 0,
    minutes: (matchesBy.get(v.userId)?.minutes ?? 0) + (sessionsBy.get(v.userId) ?? 0),
  }));
}

export function listVolunteers(tx: Tx, tenantId: string) {
  return volunteerViews(tx, tenantId);
}

export async function saveVolunteerProfile(
  tx: Tx,
  actor: Actor & { userId: string },
  input: VolunteerProfileInput,
): Promise<VolunteerView> {
  const area = await requireArea(tx, actor.tenantId, input.homeAreaId, 'homeAreaId');
  const known = new Set((await listHelpTypes(tx, actor.tenantId, true)).map((t) => t.code));
  const unknown = input.helpTypes.find((code) => !known.has(code));
  if (unknown) throw fieldError('helpTypes', 'not a kind of help this municipality offers');
  const home = centreOf(area.outline);
  const values = {
    phone: input.phone,
    helpTypes: [...new Set(input.helpTypes)],
    languages: [...new Set(input.languages)],
    homeAreaId: area.id,
    homeLat: home.lat,
    homeLon: home.lon,
    maxDistanceKm: input.maxDistanceKm,
    commitment: input.commitment,
    slots: [...input.slots].sort((a, b) => a.day - b.day || a.start - b.start),
    away: input.away,
    means: input.means,
    capacity: input.capacity,
    wantsCoaching: input.wantsCoaching,
    updatedAt: new Date(),
  };
  await tx
    .insert(volunteers)
    .values({ tenantId: actor.tenantId, userId: actor.userId, ...values })
    .onConflictDoUpdate({ target: [volunteers.tenantId, volunteers.userId], set: values });
  await recordAudit(tx, actor, {
    action: 'help.profile_saved',
    recordType: 'volunteer',
    recordId: actor.userId,
  });
  return (await volunteerViews(tx, actor.tenantId, [actor.userId]))[0]!;
}

/** Staff record the intake talk, the certificate of good conduct and the signed agreement. */
export async function recordScreening(
  tx: Tx,
  actor: Actor,
  volunteerId: string,
  change: {
    intakeDoneOn?: string | null;
    goodConductOn?: string | null;
    agreementSignedOn?: string | null;
    active?: boolean;
  },
): Promise<VolunteerView> {
  const [row] = await tx
    .update(volunteers)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(volunteers.tenantId, actor.tenantId), eq(volunteers.userId, volunteerId)))
    .returning({ id: volunteers.userId });
  if (!row) throw notFound('The volunteer');
  await recordAudit(tx, actor, {
    action: 'help.screening_recorded',
    recordType: 'volunteer',
    recordId: volunteerId,
    details: change,
  });
  return (await volunteerViews(tx, actor.tenantId, [volunteerId]))[0]!;
}

// ---------------------------------------------------------------- needs

const urgencyRank = { high: 0, normal: 1, low: 2 } as const;

/**
 * Why a request moved: words staff typed, or a step Samen took itself, stored as a key the screens
 * show in the reader's language (help.events.* in the web app) beside English words for the record.
 */
export type EventReason = string | { key: EventKey; values?: Record<string, string | number> };
type EventKey = keyof typeof eventWords;

const eventWords = {
  posted: () => 'posted',
  publicForm: () => 'asked through the public form',
  calledBack: () => 'called back',
  changed: () => 'changed',
  linked: () => 'linked to the household',
  feedback: () => 'feedback from the family',
  familyFeedback: () => 'feedback from the family itself, through its link',
  proposed: (v) => `proposed to ${v.count} ${v.count === 1 ? 'volunteer' : 'volunteers'}`,
  proposedNext: () => 'proposed to the next candidate',
  noMatch: (v) => String(v.en),
  allAsked: () => 'every volunteer who fits has been asked',
  notAnswered: () => 'a proposal was not answered in time',
  declined: () => 'a volunteer could not take it',
  unpicked: (v) =>
    `staff took ${v.count} ${v.count === 1 ? 'volunteer' : 'volunteers'} off this request; their proposal was withdrawn`,
  accepted: () => 'the volunteer accepted',
  consentWithdrawn: () => 'the family withdrew its consent for volunteer help',
  completed: () => 'the volunteer reported the help given',
} satisfies Record<string, (values: Record<string, string | number>) => string>;

/** The columns of a need event for this reason. */
function reasonColumns(reason: EventReason) {
  if (typeof reason === 'string') return { reason, reasonKey: null, reasonValues: null };
  const values = reason.values ?? {};
  return {
    reason: eventWords[reason.key](values),
    reasonKey: reason.key,
    reasonValues: reason.values ?? null,
  };
}

/** A step on the request's history that leaves its status as it is (a proposal withdrawn, one more asked, ...). */
async function noteEvent(tx: Tx, actor: Actor, need: NeedRow, reason: EventReason) {
  await tx.insert(helpNeedEvents).values({
    tenantId: actor.tenantId,
    needId: need.id,
    fromStatus: null,
    toStatus: need.status,
    actorId: actor.userId,
    actorName: eventActorName(actor),
    ...reasonColumns(reason),
  });
}

async function logStatus(
  tx: Tx,
  actor: Actor,
  need: NeedRow,
  toStatus: HelpNeedStatus,
  reason: EventReason,
  /** What the household timeline says, when not the new status: its key and English words. */
  timelineStep?: {
    key: 'changed' | 'linked' | 'feedback' | 'familyFeedback';
    words: string;
    values?: Record<string, number>;
  },
) {
  await tx.insert(helpNeedEvents).values({
    tenantId: actor.tenantId,
    needId: need.id,
    fromStatus: need.status === toStatus ? null : need.status,
    toStatus,
    actorId: actor.userId,
    actorName: eventActorName(actor),
    ...reasonColumns(reason),
  });
  if (need.householdId) {
    const names = await typeNames(tx, actor.tenantId, need.helpType);
    await recordContact(tx, actor, {
      householdId: need.householdId,
      personId: need.contactPersonId,
      channel: 'online',
      purpose: 'help',
      summary: `Volunteer help (${names.en}): ${timelineStep?.words ?? statusWords[toStatus]}`,
      summaryKey: `help.${timelineStep?.key ?? toStatus}`,
      summaryValues: { type: names, ...timelineStep?.values },
      // The moment that help was asked is ordinary; a sensitive need stays with staff.
      visibility: need.sensitive ? 'staff' : 'general',
      module: 'help',
      recordType: 'help_need',
      recordId: need.id,
    });
  }
}

const statusWords: Record<HelpNeedStatus, string> = {
  new: 'request for help registered',
  proposed: 'a volunteer has been asked',
  accepted: 'a volunteer accepted',
  in_progress: 'help is under way',
  done: 'help given',
  cancelled: 'request closed',
  no_match: 'no volunteer found yet',
};

async function lockNeed(tx: Tx, tenantId: string, needId: string): Promise<NeedRow | undefined> {
  const [need] = await tx
    .select()
    .from(helpNeeds)
    .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.id, needId)))
    .for('update');
  return need;
}

async function setNeedStatus(tx: Tx, tenantId: string, needId: string, change: Partial<NeedRow>) {
  await tx
    .update(helpNeeds)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.id, needId)));
}

/** The columns of what a request says, from a posted or changed request. */
const needText = (input: NeedInput) => ({
  helpType: input.helpType,
  description: input.description,
  arrangements: input.arrangements ?? null,
  timing: input.timing,
  languages: input.languages,
  urgency: input.urgency,
  sensitive: input.sensitive,
});

/**
 * The partner organisation a request is posted for: the one the partner names, which must be one
 * they are a member of now, else their oldest; none for staff (who may not name one).
 */
async function postingOrganisation(
  tx: Tx,
  viewer: Viewer,
  named: string | undefined,
): Promise<string | null> {
  if (!viewer.roles.includes('partner')) {
    if (named !== undefined)
      throw fieldError('organisationId', 'only partners post for a partner organisation');
    return null;
  }
  const mine = await organisationsOfMember(tx, viewer.tenantId, viewer.userId);
  if (named === undefined) return mine[0]?.id ?? null;
  if (!mine.some((o) => o.id === named))
    throw fieldError('organisationId', 'not a partner organisation you are a member of');
  return named;
}

/** The partner organisations a partner may post a request for, oldest (the default) first; none for staff. */
export async function postingOrganisations(tx: Tx, viewer: Viewer): Promise<PostingOrganisation[]> {
  if (!viewer.roles.includes('partner')) return [];
  return organisationsOfMember(tx, viewer.tenantId, viewer.userId);
}

/** Staff or a partner post a need; staff usually for a household they may see. */
export async function createNeed(tx: Tx, viewer: Viewer, input: NeedInput): Promise<{ id: string }> {
  await requireHelpType(tx, viewer.tenantId, input.helpType);
  const organisationId = await postingOrganisation(tx, viewer, input.organisationId);
  const isPartnerOnly = viewer.roles.every((r) => r === 'partner');
  let location: { lat: number; lon: number } | null = null;
  let areaId: string | null = input.areaId ?? null;
  // A neighbourhood named is one of this municipality's, even where the household's address decides.
  if (areaId) await requireArea(tx, viewer.tenantId, areaId, 'areaId');
  let contactPersonId: string | null = null;
  if (input.householdId) {
    if (isPartnerOnly) throw fieldError('householdId', 'partners describe who asks instead');
    const household = await requireVisibleHousehold(tx, viewer, input.householdId);
    const address = household.addressId ? await getAddress(tx, viewer.tenantId, household.addressId) : null;
    if (address?.lat != null && address.lon != null) location = { lat: address.lat, lon: address.lon };
    areaId = address?.neighbourhoodId ?? areaId;
    contactPersonId = await householdContact(tx, viewer.tenantId, household.id);
    if (contactPersonId) {
      if (input.consentGiven) {
        await recordConsent(tx, viewer, contactPersonId, {
          purpose: 'help_matching',
          legalBasis: 'consent',
          status: 'given',
          method: 'verbal',
          note: 'Given when the request for help was posted',
        });
      } else if (!(await mayAct(tx, viewer.tenantId, contactPersonId, 'help_matching'))) {
        throw fieldError(
          'consentGiven',
          "the family's agreement to share address and phone with the volunteer",
        );
      }
    }
  } else if (!input.consentGiven) {
    throw fieldError('consentGiven', "the person's agreement to share name and phone with the volunteer");
  }
  if (!location && areaId)
    location = centreOf((await requireArea(tx, viewer.tenantId, areaId, 'areaId')).outline);
  if (!location) throw fieldError('areaId', 'the neighbourhood');
  const [row] = await tx
    .insert(helpNeeds)
    .values({
      tenantId: viewer.tenantId,
      householdId: input.householdId ?? null,
      contactPersonId,
      requester: input.requester ?? null,
      ...needText(input),
      source: isPartnerOnly ? 'partner' : 'staff',
      postedBy: viewer.userId,
      postedByOrganisationId: organisationId,
      lat: location.lat,
      lon: location.lon,
      areaId,
    })
    .returning();
  await logStatus(tx, viewer, { ...row!, status: 'new' }, 'new', { key: 'posted' });
  await recordAudit(tx, viewer, {
    action: 'help.need_created',
    recordType: 'help_need',
    recordId: row!.id,
    purpose: 'help_matching',
    details: { householdId: input.householdId ?? null, helpType: input.helpType },
  });
  return { id: row!.id };
}

/** A resident asks through the short public form; staff take it from there. */
export async function createPublicNeed(
  tx: Tx,
  tenantId: string,
  input: {
    name: string;
    phone: string;
    areaId: string;
    helpType: string;
    description: string;
    language: string;
    timing: NeedInput['timing'];
  },
  requestId: string,
) {
  await requireHelpType(tx, tenantId, input.helpType);
  const area = await requireArea(tx, tenantId, input.areaId, 'areaId');
  const centre = centreOf(area.outline);
  const [row] = await tx
    .insert(helpNeeds)
    .values({
      tenantId,
      requester: { name: input.name, phone: input.phone },
      helpType: input.helpType,
      description: input.description,
      timing: input.timing,
      languages: [input.language],
      source: 'resident',
      lat: centre.lat,
      lon: centre.lon,
      areaId: area.id,
    })
    .returning();
  const actor: Actor = { tenantId, userId: null, label: 'resident (public form)', requestId };
  await logStatus(tx, actor, row!, 'new', { key: 'publicForm' });
  await recordAudit(tx, actor, { action: 'help.need_requested', recordType: 'help_need', recordId: row!.id });
  return { id: row!.id };
}

function isPartnerOnly(roles: readonly Role[]) {
  return roles.every((r) => r === 'partner');
}

/** Roles that read requests for help as staff, on the registry's terms (partners: their organisation's). */
const staffReaders: readonly Role[] = permissionMap['help.needs.read'].filter((role) => role !== 'partner');

/**
 * Which requests for help this viewer may read, as a condition on `help_needs` (null: every request
 * of the municipality). Each role grants sight on its own terms and the viewer sees what any of their
 * roles grants (a partner who is also a home visitor: their organisation's requests and those of the
 * households they were given, not every request of the city):
 * - whoever posted a request sees it (for an organisation: while they are one of its members);
 * - a partner sees what was posted for its partner organisation(s) (stored on the request when posting,
 *   so it stays when the poster leaves), except sensitive requests, which only their poster sees;
 * - staff see a request for a household when the registry's record rules let them see the household
 *   (one of its members, as when posting: `visiblePersonCondition`), and a request without a household
 *   when they see every person of the municipality or, as neighbourhood manager, when it lies in one of
 *   their neighbourhoods (a home visitor works through access grants to persons: requests without a
 *   household name no one they were given, so they see only those they posted themselves);
 * - a sensitive request only when one of their roles may match (`help.match`), besides its poster.
 * Coordinators and social workers therefore see every request, as do contact agents except sensitive ones.
 */
function visibleNeedCondition(viewer: Viewer): SQL | null {
  // The viewer is a member now of the organisation the request was posted for.
  const inPostingOrganisation = sql`exists (select 1 from partner_organisations hv_po
    where hv_po.tenant_id = ${helpNeeds.tenantId} and hv_po.id = ${helpNeeds.postedByOrganisationId}
      and ${viewer.userId}::uuid = any(hv_po.member_user_ids))`;
  // A request posted for an organisation stays with its poster while they are one of its members:
  // a partner who leaves takes nothing along, not even what they posted themselves.
  const grants: SQL[] = [
    sql`(${helpNeeds.postedBy} = ${viewer.userId} and (${helpNeeds.postedByOrganisationId} is null
      or ${inPostingOrganisation}))`,
  ];
  if (viewer.roles.includes('partner')) {
    // The organisation stored when posting, not the poster's membership today; sensitive requests
    // stay with their poster (and staff who may match).
    grants.push(sql`(${helpNeeds.sensitive} = false and ${inPostingOrganisation})`);
  }
  if (viewer.roles.some((role) => staffReaders.includes(role))) {
    const person = visiblePersonCondition(viewer, sql.raw('hv_hm.person_id'));
    const mayMatch = can(viewer.roles, 'help.match');
    if (person === null && mayMatch) return null;
    const places: SQL[] = [];
    if (person === null) {
      places.push(sql`true`);
    } else {
      places.push(sql`exists (select 1 from household_members hv_hm
        where hv_hm.tenant_id = ${helpNeeds.tenantId} and hv_hm.household_id = ${helpNeeds.householdId}
          and ${person})`);
      if (viewer.roles.includes('neighbourhood_manager')) {
        places.push(sql`(${helpNeeds.householdId} is null and exists (select 1 from neighbourhoods hv_n
          where hv_n.tenant_id = ${helpNeeds.tenantId} and hv_n.id = ${helpNeeds.areaId}
            and hv_n.manager_user_id = ${viewer.userId}))`);
      }
    }
    const place = sql`(${sql.join(places, sql` or `)})`;
    grants.push(mayMatch ? place : sql`(${helpNeeds.sensitive} = false and ${place})`);
  }
  return sql`(${sql.join(grants, sql` or `)})`;
}

/** How the board orders requests: most urgent first, then the oldest. */
const boardOrder = [
  sql`case ${helpNeeds.urgency} when 'high' then 0 when 'normal' then 1 else 2 end`,
  asc(helpNeeds.createdAt),
  asc(helpNeeds.id),
];

async function needSummaries(
  tx: Tx,
  tenantId: string,
  where: SQL | undefined,
  language: Language,
  {
    order = 'newest',
    limit = 500,
    offset = 0,
  }: { order?: 'newest' | 'board'; limit?: number; offset?: number } = {},
): Promise<NeedSummary[]> {
  const rows = await tx
    .select({
      n: helpNeeds,
      areaName: neighbourhoods.name,
      householdName: households.name,
    })
    .from(helpNeeds)
    .leftJoin(
      neighbourhoods,
      and(eq(neighbourhoods.tenantId, helpNeeds.tenantId), eq(neighbourhoods.id, helpNeeds.areaId)),
    )
    .leftJoin(
      households,
      and(eq(households.tenantId, helpNeeds.tenantId), eq(households.id, helpNeeds.householdId)),
    )
    .where(and(eq(helpNeeds.tenantId, tenantId), where))
    .orderBy(...(order === 'board' ? boardOrder : [desc(helpNeeds.createdAt), desc(helpNeeds.id)]))
    .limit(limit)
    .offset(offset);
  const ids = rows.map((r) => r.n.id);
  const waiting = ids.length
    ? rowsOf<{ need_id: string; n: number }>(
        await tx.execute(sql`select need_id, count(*)::int as n from help_matches where tenant_id = ${tenantId}
          and status = 'proposed' and need_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) group by need_id`),
      )
    : [];
  const waitingBy = new Map(waiting.map((w) => [w.need_id, w.n]));
  return rows.map(({ n, areaName, householdName }) => ({
    id: n.id,
    helpType: n.helpType,
    status: n.status,
    urgency: n.urgency,
    sensitive: n.sensitive,
    areaName,
    timing: n.timing,
    languages: n.languages,
    householdId: n.householdId,
    householdName: householdName ?? n.requester?.name ?? null,
    source: n.source,
    createdAt: n.createdAt.toISOString(),
    noMatchReason: n.noMatchReasons?.[language] ?? null,
    waitingProposals: waitingBy.get(n.id) ?? 0,
  }));
}

async function countNeeds(tx: Tx, tenantId: string, where: SQL | undefined) {
  const [row] = await tx
    .select({ n: count() })
    .from(helpNeeds)
    .where(and(eq(helpNeeds.tenantId, tenantId), where));
  return row?.n ?? 0;
}

/** How many requests one page of the list holds. */
export const NEEDS_PAGE_SIZE = 100;

/**
 * One page of the requests this viewer may see, newest first, with how many there are in all (so
 * the page can offer the rest); narrowed by status, and by part of the family's or the asker's
 * name. A page past the last one is empty, not an error: the list may have shrunk since the
 * address was shared.
 */
export async function listNeeds(
  tx: Tx,
  viewer: Viewer,
  language: Language,
  { status, q, page = 1 }: { status?: HelpNeedStatus; q?: string; page?: number } = {},
): Promise<NeedPage> {
  // As typed for the asker's name and the household's; without accents or case for its members'
  // names, as the registry's search keeps them ("ozturk" finds the Öztürk family), and only the
  // members this viewer may see (a partner sees none: a name must not tell who lives there).
  const like = q ? `%${likeEscape(q)}%` : null;
  const words = q ? normaliseText(q) : '';
  const plain = `%${likeEscape(words)}%`;
  // Only letters and digits count in a name as the registry keeps it: "%%" looks for none there.
  const member =
    words && can(viewer.roles, 'persons.read')
      ? (visiblePersonCondition(viewer, sql.raw('q_p.id')) ?? sql`true`)
      : sql`false`;
  const where = and(
    status ? eq(helpNeeds.status, status) : undefined,
    like
      ? sql`(${helpNeeds.requester}->>'name' ilike ${like}
          or exists (select 1 from households q_h
            where q_h.tenant_id = ${helpNeeds.tenantId} and q_h.id = ${helpNeeds.householdId}
              and q_h.name ilike ${like})
          or exists (select 1 from household_members q_hm join persons q_p
              on q_p.tenant_id = q_hm.tenant_id and q_p.id = q_hm.person_id
            where q_hm.tenant_id = ${helpNeeds.tenantId} and q_hm.household_id = ${helpNeeds.householdId}
              and q_p.name_search like ${plain} and ${member}))`
      : undefined,
    visibleNeedCondition(viewer) ?? undefined,
  );
  const needs = await needSummaries(tx, viewer.tenantId, where, language, {
    limit: NEEDS_PAGE_SIZE,
    offset: (page - 1) * NEEDS_PAGE_SIZE,
  });
  const total = await countNeeds(tx, viewer.tenantId, where);
  // Looking requests up by a name looks people up: audited as the registry's search is, with how
  // many it found and not the words.
  if (q) {
    await recordAudit(tx, viewer, {
      action: 'help.needs_searched',
      recordType: 'help_need',
      details: { results: total },
    });
  }
  return { needs, total, page, pageSize: NEEDS_PAGE_SIZE };
}

/** A request this viewer may read; 404 otherwise, so the answer does not reveal other requests. */
async function requireNeedFor(tx: Tx, viewer: Viewer, needId: string): Promise<NeedRow> {
  const [need] = await tx
    .select()
    .from(helpNeeds)
    .where(
      and(
        eq(helpNeeds.tenantId, viewer.tenantId),
        eq(helpNeeds.id, needId),
        visibleNeedCondition(viewer) ?? undefined,
      ),
    );
  if (!need) throw notFound('The request for help');
  return need;
}

export async function getNeedDetail(
  tx: Tx,
  viewer: Viewer,
  needId: string,
  language: Language,
): Promise<NeedDetail> {
  const need = await requireNeedFor(tx, viewer, needId);
  const [summary] = await needSummaries(tx, viewer.tenantId, eq(helpNeeds.id, needId), language);
  const events = await tx
    .select()
    .from(helpNeedEvents)
    .where(and(eq(helpNeedEvents.tenantId, viewer.tenantId), eq(helpNeedEvents.needId, needId)))
    .orderBy(asc(helpNeedEvents.at));
  const all = await matchSummaries(tx, viewer.tenantId, eq(helpMatches.needId, needId), language);
  // Why a volunteer said no is for staff who match, not for the partner organisation that posted.
  const matches = isPartnerOnly(viewer.roles) ? all.map((m) => ({ ...m, declineReason: null })) : all;
  await recordAudit(tx, viewer, {
    action: 'help.need_read',
    recordType: 'help_need',
    recordId: needId,
    purpose: 'help_matching',
  });
  return {
    ...summary!,
    description: need.description,
    arrangements: need.arrangements,
    requesterName: need.requester?.name ?? null,
    requesterPhone: need.requester?.phone ?? null,
    areaId: need.areaId,
    pickedVolunteerIds: need.pickedVolunteerIds,
    events: events.map((e) => ({
      at: e.at.toISOString(),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      reason: e.reason,
      reasonKey: e.reasonKey,
      reasonValues: e.reasonValues,
    })),
    matches,
    residentFeedback:
      need.residentRating === null
        ? null
        : {
            rating: need.residentRating,
            comment: need.residentComment,
            by: need.residentFeedbackBy ?? 'staff',
            at: need.residentFeedbackAt?.toISOString() ?? null,
          },
    feedbackLink: await latestFeedbackLink(tx, viewer.tenantId, needId),
    familyHasEmail: (await familyEmail(tx, need)) !== null,
  };
}

async function matchSummaries(tx: Tx, tenantId: string, where: ReturnType<typeof and>, language: Language) {
  const rows = await tx
    .select({ m: helpMatches, volunteerName: users.displayName })
    .from(helpMatches)
    .innerJoin(users, and(eq(users.tenantId, helpMatches.tenantId), eq(users.id, helpMatches.volunteerId)))
    .where(and(eq(helpMatches.tenantId, tenantId), where))
    .orderBy(desc(helpMatches.proposedAt));
  return rows.map(({ m, volunteerName }) => matchSummaryOf(m, volunteerName, language));
}

/** A proposal or match as staff see it, why the volunteer was asked in the reader's language. */
function matchSummaryOf(m: MatchRow, volunteerName: string, language: Language) {
  return {
    id: m.id,
    needId: m.needId,
    volunteerId: m.volunteerId,
    volunteerName,
    status: m.status,
    score: m.score,
    explanation: m.reasons ? explain(m.reasons, language) : m.explanation,
    proposedAt: m.proposedAt.toISOString(),
    expiresAt: m.expiresAt.toISOString(),
    respondedAt: m.respondedAt?.toISOString() ?? null,
    minutes: m.minutes,
    declineReason: declineReasons.find((r) => r === m.declineReason) ?? null,
  };
}

/** A need may be changed only while nobody has been asked: what a volunteer saw stays what it was. */
const EDITABLE: readonly HelpNeedStatus[] = ['new', 'no_match'];

async function requireEditableNeed(tx: Tx, viewer: Viewer, needId: string): Promise<NeedRow> {
  await requireNeedFor(tx, viewer, needId);
  const need = await lockNeed(tx, viewer.tenantId, needId);
  if (!need || !EDITABLE.includes(need.status)) {
    throw new AppError(
      'CONFLICT',
      'This request can no longer be changed: a volunteer has been asked or it is closed. Nothing was changed.',
      { status: need?.status ?? null },
    );
  }
  return need;
}

/** Change what is asked, when, where and how urgently; the workflow says who changed it. */
export async function updateNeed(tx: Tx, viewer: Viewer, needId: string, input: NeedEdit) {
  const need = await requireEditableNeed(tx, viewer, needId);
  await requireHelpType(tx, viewer.tenantId, input.helpType);
  let place: { lat: number; lon: number; areaId: string | null } = {
    lat: need.lat,
    lon: need.lon,
    areaId: need.areaId,
  };
  // Without a household the neighbourhood is the place; with one, its address stays the place.
  if (!need.householdId && input.areaId && input.areaId !== need.areaId) {
    const area = await requireArea(tx, viewer.tenantId, input.areaId, 'areaId');
    place = { ...centreOf(area.outline), areaId: area.id };
  }
  // A field left out keeps what the request says (see needEditSchema).
  const change = {
    helpType: input.helpType,
    description: input.description,
    arrangements: input.arrangements === undefined ? need.arrangements : input.arrangements || null,
    timing: input.timing,
    languages: input.languages ?? need.languages,
    urgency: input.urgency ?? need.urgency,
    sensitive: input.sensitive ?? need.sensitive,
    lat: place.lat,
    lon: place.lon,
    areaId: place.areaId,
  };
  // By content: the stored timing (jsonb) comes back with its keys in another order.
  const changed = (Object.keys(change) as (keyof typeof change)[]).filter(
    (key) => !isDeepStrictEqual(change[key], need[key]),
  );
  if (changed.length === 0) return { id: needId, changed };
  await setNeedStatus(tx, viewer.tenantId, needId, change);
  await logStatus(
    tx,
    viewer,
    { ...need, ...change },
    need.status,
    { key: 'changed' },
    {
      key: 'changed',
      words: 'request changed',
    },
  );
  await recordAudit(tx, viewer, {
    action: 'help.need_updated',
    recordType: 'help_need',
    recordId: needId,
    purpose: 'help_matching',
    details: { fields: changed },
  });
  return { id: needId, changed };
}

/**
 * Staff called back the resident who asked through the public form, as the form promised: written
 * once on the request's history (with who and when) and in the audit log. Only for a request from
 * the form (409 `not_public`), and once (409 `called_back`).
 */
export async function recordCallBack(tx: Tx, viewer: Viewer, needId: string) {
  await requireNeedFor(tx, viewer, needId);
  // A partner sees the requests of its organisation, never one from the public form: calling back is staff's.
  if (isPartnerOnly(viewer.roles)) throw forbidden();
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  if (need.source !== 'resident') {
    throw new AppError('CONFLICT', 'Only a request from the public form waits for a call back', {
      reason: 'not_public',
    });
  }
  const [done] = await tx
    .select({ at: helpNeedEvents.at })
    .from(helpNeedEvents)
    .where(
      and(
        eq(helpNeedEvents.tenantId, viewer.tenantId),
        eq(helpNeedEvents.needId, needId),
        eq(helpNeedEvents.reasonKey, 'calledBack'),
      ),
    );
  if (done) {
    throw new AppError('CONFLICT', 'The call back was written down already', {
      reason: 'called_back',
      at: done.at.toISOString(),
    });
  }
  await noteEvent(tx, viewer, need, { key: 'calledBack' });
  await recordAudit(tx, viewer, { action: 'help.called_back', recordType: 'help_need', recordId: needId });
  return { id: needId };
}

/**
 * A request that came in without a household (the public form, a partner) is linked to the
 * household of the resident who asked: the need takes its address as its place, the resident
 * becomes the contact, and from then on every step lands on the household's timeline. The person
 * agreed on the form to share name and phone; that agreement is recorded on their file.
 */
export async function linkNeedToHousehold(tx: Tx, viewer: Viewer, needId: string, personId: string) {
  if (isPartnerOnly(viewer.roles)) throw forbidden();
  const need = await requireEditableNeed(tx, viewer, needId);
  if (need.householdId) {
    throw new AppError('CONFLICT', 'This request is linked to a household already. Nothing was changed.', {
      householdId: need.householdId,
    });
  }
  const [membership] = await tx
    .select({ householdId: householdMembers.householdId })
    .from(householdMembers)
    .where(and(eq(householdMembers.tenantId, viewer.tenantId), eq(householdMembers.personId, personId)))
    .orderBy(desc(householdMembers.createdAt))
    .limit(1);
  if (!membership || !(await canSeePerson(tx, viewer, personId)))
    throw fieldError('personId', 'a resident who belongs to a household');
  const household = await requireVisibleHousehold(tx, viewer, membership.householdId);
  const address = household.addressId ? await getAddress(tx, viewer.tenantId, household.addressId) : null;
  const change = {
    householdId: household.id,
    contactPersonId: personId,
    ...(address?.lat != null && address.lon != null ? { lat: address.lat, lon: address.lon } : {}),
    areaId: address?.neighbourhoodId ?? need.areaId,
  };
  await setNeedStatus(tx, viewer.tenantId, needId, change);
  // The agreement was given on the form, so it is dated then: a withdrawal the person made since
  // stays the latest word and is not overruled by linking (the whole link is refused).
  await recordConsent(tx, viewer, personId, {
    purpose: 'help_matching',
    legalBasis: 'consent',
    status: 'given',
    method: need.source === 'resident' ? 'online' : 'verbal',
    at: need.createdAt.toISOString(),
    note: 'Given when the request for help was made',
  });
  if (!(await mayAct(tx, viewer.tenantId, personId, 'help_matching'))) {
    throw new AppError(
      'CONFLICT',
      'This resident withdrew their consent for volunteer help after the request was made. Ask them again and record their answer on their file first. Nothing was changed.',
      { reason: 'consent' },
    );
  }
  await logStatus(
    tx,
    viewer,
    { ...need, ...change },
    need.status,
    { key: 'linked' },
    { key: 'linked', words: 'request linked to the household' },
  );
  await recordAudit(tx, viewer, {
    action: 'help.need_linked',
    recordType: 'help_need',
    recordId: needId,
    purpose: 'help_matching',
    details: { householdId: household.id },
  });
  return { id: needId, householdId: household.id };
}

/** Staff move a need along: under way, done, closed, or back to new. Each change says why. */
export async function changeNeedStatus(
  tx: Tx,
  viewer: Viewer,
  needId: string,
  input: { status: 'in_progress' | 'done' | 'cancelled' | 'new'; reason: string },
  config: IdentityConfig,
) {
  await requireNeedFor(tx, viewer, needId);
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  const allowed: Record<typeof input.status, HelpNeedStatus[]> = {
    in_progress: ['accepted'],
    done: ['accepted', 'in_progress'],
    cancelled: ['new', 'proposed', 'accepted', 'in_progress', 'no_match'],
    new: ['no_match', 'cancelled'],
  };
  if (!allowed[input.status].includes(need.status)) {
    throw new AppError('CONFLICT', `A request that is ${need.status} cannot become ${input.status}`, {
      reason: 'status',
      status: need.status,
    });
  }
  const now = new Date();
  const t = viewer.tenantId;
  if (input.status === 'done' || input.status === 'cancelled') {
    await tx
      .update(helpMatches)
      .set({ status: input.status === 'done' ? 'completed' : 'ended', closedAt: now })
      .where(
        and(eq(helpMatches.tenantId, t), eq(helpMatches.needId, needId), eq(helpMatches.status, 'accepted')),
      );
    await tx
      .update(helpMatches)
      .set({ status: 'withdrawn', closedAt: now })
      .where(
        and(eq(helpMatches.tenantId, t), eq(helpMatches.needId, needId), eq(helpMatches.status, 'proposed')),
      );
  }
  await setNeedStatus(tx, t, needId, {
    status: input.status,
    closedAt: input.status === 'done' || input.status === 'cancelled' ? now : null,
    noMatchReasons: input.status === 'new' ? null : need.noMatchReasons,
    // Asked again from the start: the figures count it as matched only when someone says yes again.
    ...(input.status === 'new' ? { matchedAt: null } : {}),
  });
  await logStatus(tx, viewer, need, input.status, input.reason);
  if (input.status === 'done') {
    await mailFeedbackLinkOnCompletion(tx, config, viewer, { ...need, status: 'done', closedAt: now });
  }
  await recordAudit(tx, viewer, {
    action: 'help.need_status',
    recordType: 'help_need',
    recordId: needId,
    details: { from: need.status, to: input.status },
  });
  return { id: needId };
}

/**
 * Sensitive needs: staff pick which volunteers may be proposed. A volunteer taken off the picks
 * while a proposal to them is open no longer sees it: the proposal is withdrawn, the request's
 * history says so, and the request moves on to the next candidate (as after a "no").
 */
export async function setPicks(tx: Tx, viewer: Viewer, needId: string, volunteerIds: string[]) {
  await requireNeedFor(tx, viewer, needId);
  const known = await volunteerViews(tx, viewer.tenantId, volunteerIds);
  if (known.length !== new Set(volunteerIds).size) throw notFound('The volunteer');
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  const picks = [...new Set(volunteerIds)];
  const now = new Date();
  await tx
    .update(helpNeeds)
    .set({ pickedVolunteerIds: picks, updatedAt: now })
    .where(and(eq(helpNeeds.tenantId, viewer.tenantId), eq(helpNeeds.id, needId)));
  const withdrawn = need.sensitive
    ? await tx
        .update(helpMatches)
        .set({ status: 'withdrawn', closedAt: now })
        .where(
          and(
            eq(helpMatches.tenantId, viewer.tenantId),
            eq(helpMatches.needId, needId),
            eq(helpMatches.status, 'proposed'),
            picks.length > 0 ? notInArray(helpMatches.volunteerId, picks) : undefined,
          ),
        )
        .returning({ id: helpMatches.id })
    : [];
  if (withdrawn.length > 0) {
    await noteEvent(tx, viewer, need, { key: 'unpicked', values: { count: withdrawn.length } });
    await enqueue(tx, viewer.tenantId, 'help.need.next', { needId });
  }
  await recordAudit(tx, viewer, {
    action: 'help.picks_set',
    recordType: 'help_need',
    recordId: needId,
    details: { volunteers: picks.length, withdrawnProposals: withdrawn.length },
  });
  return { id: needId };
}

/** Feedback from the family, recorded by staff when they have no account or no internet. */
export async function recordResidentFeedback(
  tx: Tx,
  viewer: Viewer,
  needId: string,
  input: { rating: number; comment?: string },
) {
  await requireNeedFor(tx, viewer, needId);
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  // As for the family's own link: feedback is about help that was given.
  if (need.status !== 'done') {
    throw new AppError('CONFLICT', 'Feedback is recorded once the help has been given', {
      reason: 'status',
      status: need.status,
    });
  }
  // The family's own words are not replaced by a note taken on their behalf (decision 0006).
  if (need.residentFeedbackBy === 'family') {
    throw new AppError(
      'CONFLICT',
      'The family gave its feedback itself through its link. Nothing was changed.',
      { reason: 'family_answered' },
    );
  }
  await writeResidentFeedback(tx, viewer, need, input, 'staff');
  return { id: needId };
}

/** The one write of the family's feedback, whoever brings it: the need, its history, the audit log. */
async function writeResidentFeedback(
  tx: Tx,
  actor: Actor,
  need: NeedRow,
  input: { rating: number; comment?: string },
  by: 'staff' | 'family',
) {
  await setNeedStatus(tx, actor.tenantId, need.id, {
    residentRating: input.rating,
    residentComment: input.comment || null,
    residentFeedbackBy: by,
    residentFeedbackAt: new Date(),
  });
  const key = by === 'family' ? 'familyFeedback' : 'feedback';
  await logStatus(
    tx,
    actor,
    need,
    need.status,
    { key },
    {
      key,
      words: `${eventWords[key]()} (${input.rating}/5)`,
      values: { rating: input.rating },
    },
  );
  await recordAudit(tx, actor, {
    action: 'help.resident_feedback',
    recordType: 'help_need',
    recordId: need.id,
    details: { by },
  });
}

// ---------------------------------------------------------------- the family's feedback link

/** How long the family's feedback link stays valid. */
const FEEDBACK_LINK_TTL_MS = 30 * 86_400_000;
/** Who acts when the family answers through its link: no account, the link itself. */
const FEEDBACK_LINK_ACTOR = 'family (feedback link)';

/** The family's e-mail address and language, when known: the requester's, or the contact person's. */
type FamilyEmail = { to: string; language: Language };

async function familyEmail(tx: Tx, need: NeedRow): Promise<FamilyEmail | null> {
  const asked = need.languages.find((l): l is Language => (LANGUAGES as string[]).includes(l));
  if (need.requester?.email) return { to: need.requester.email, language: asked ?? 'nl' };
  if (!need.contactPersonId) return null;
  const [person] = await tx
    .select({ contacts: persons.contacts, preferredLanguage: persons.preferredLanguage })
    .from(persons)
    .where(and(eq(persons.tenantId, need.tenantId), eq(persons.id, need.contactPersonId)));
  const email = person?.contacts.find((c) => c.channel === 'email')?.value;
  if (!email) return null;
  const preferred = LANGUAGES.find((l) => l === person?.preferredLanguage);
  return { to: email, language: preferred ?? asked ?? 'nl' };
}

/**
 * A new single-use link for the family; an earlier link of the same request that was not used
 * stops working, so only one is ever open. Mailed to `mail` when given; otherwise the link is
 * returned once, for staff to pass on (only its hash is kept).
 */
async function createFeedbackLink(
  tx: Tx,
  config: IdentityConfig,
  actor: Actor,
  need: NeedRow,
  mail: FamilyEmail | null,
): Promise<FeedbackLink> {
  const now = new Date();
  await tx
    .update(helpFeedbackLinks)
    .set({ expiresAt: now })
    .where(
      and(
        eq(helpFeedbackLinks.tenantId, need.tenantId),
        eq(helpFeedbackLinks.needId, need.id),
        sql`${helpFeedbackLinks.usedAt} is null and ${helpFeedbackLinks.expiresAt} > ${now}`,
      ),
    );
  const token = newToken();
  const expiresAt = new Date(now.getTime() + FEEDBACK_LINK_TTL_MS);
  const [row] = await tx
    .insert(helpFeedbackLinks)
    .values({
      tenantId: need.tenantId,
      needId: need.id,
      tokenHash: hashToken(config.secret, token),
      sentByEmail: mail !== null,
      expiresAt,
      createdBy: actor.userId,
    })
    .returning({ id: helpFeedbackLinks.id });
  const [tenant] = await tx
    .select({ slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, need.tenantId));
  const url = `${config.publicUrl}/help/feedback?tenant=${encodeURIComponent(tenant?.slug ?? '')}&token=${token}`;
  if (mail) {
    const texts = helpTexts(mail.language, helpProgrammeName(tenant?.name));
    await queueEmail(tx, need.tenantId, {
      to: mail.to,
      ...texts.feedback((await typeNames(tx, need.tenantId, need.helpType))[mail.language], url),
    });
  }
  await recordAudit(tx, actor, {
    action: 'help.feedback_link_created',
    recordType: 'help_need',
    recordId: need.id,
    details: { link: row!.id, byEmail: mail !== null },
  });
  return { sentByEmail: mail !== null, url: mail ? null : url, expiresAt: expiresAt.toISOString() };
}

/** When help is done and the family can be mailed, the link goes out by itself. */
async function mailFeedbackLinkOnCompletion(tx: Tx, config: IdentityConfig, actor: Actor, need: NeedRow) {
  if (need.residentFeedbackBy === 'family' || !(await consentHolds(tx, need))) return;
  const mail = await familyEmail(tx, need);
  if (mail) await createFeedbackLink(tx, config, actor, need, mail);
}

/** Staff ask the family for feedback on a request that is done: mailed, or a link to pass on. */
export async function requestFeedbackLink(
  tx: Tx,
  config: IdentityConfig,
  viewer: Viewer,
  needId: string,
  input: { byEmail: boolean },
): Promise<FeedbackLink> {
  await requireNeedFor(tx, viewer, needId);
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  if (need.status !== 'done') {
    throw new AppError('CONFLICT', 'Feedback is asked once the help has been given', {
      reason: 'status',
      status: need.status,
    });
  }
  if (need.residentFeedbackBy === 'family') {
    throw new AppError('CONFLICT', 'The family gave its feedback already', { reason: 'family_answered' });
  }
  if (!(await consentHolds(tx, need))) throw consentWithdrawn();
  const mail = input.byEmail ? await familyEmail(tx, need) : null;
  if (input.byEmail && !mail) throw fieldError('byEmail', 'no e-mail address of the family is known');
  return createFeedbackLink(tx, config, viewer, need, mail);
}

/**
 * The link's row and its request, when the link may still be answered; a field error on `token`
 * otherwise. An unknown token and one of another municipality look the same (the lookup runs inside
 * the tenant), and a request the family answered already closes every link it has.
 */
async function openFeedbackLink(tx: Tx, config: IdentityConfig, tenantId: string, token: string) {
  const [link] = await tx
    .select()
    .from(helpFeedbackLinks)
    .where(
      and(
        eq(helpFeedbackLinks.tenantId, tenantId),
        eq(helpFeedbackLinks.tokenHash, hashToken(config.secret, token)),
      ),
    )
    .for('update');
  if (!link) throw fieldError('token', helpMessages.linkInvalid);
  const need = await lockNeed(tx, tenantId, link.needId);
  if (link.usedAt || need?.residentFeedbackBy === 'family') throw fieldError('token', helpMessages.linkUsed);
  if (!need || link.expiresAt.getTime() <= Date.now()) throw fieldError('token', helpMessages.linkInvalid);
  return { link, need };
}

/** What the family's page shows: the kind of help and the day it was done; no one's name or address. */
export async function readFeedbackLink(
  tx: Tx,
  config: IdentityConfig,
  tenantId: string,
  token: string,
): Promise<PublicFeedbackView> {
  const { need } = await openFeedbackLink(tx, config, tenantId, token);
  return {
    helpType: await typeNames(tx, tenantId, need.helpType),
    day: need.closedAt ? brusselsNow(need.closedAt).date : null,
  };
}

/** The family answers through its link: stored once, then the link is spent. */
export async function answerFeedbackLink(
  tx: Tx,
  config: IdentityConfig,
  tenantId: string,
  input: { token: string; rating: number; comment?: string },
  requestId: string,
) {
  const { link, need } = await openFeedbackLink(tx, config, tenantId, input.token);
  const actor: Actor = { tenantId, userId: null, label: FEEDBACK_LINK_ACTOR, requestId };
  await writeResidentFeedback(tx, actor, need, { rating: input.rating, comment: input.comment }, 'family');
  await tx
    .update(helpFeedbackLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(helpFeedbackLinks.tenantId, tenantId), eq(helpFeedbackLinks.id, link.id)));
}

/** The latest link of a request, as the request page shows it. */
async function latestFeedbackLink(tx: Tx, tenantId: string, needId: string) {
  const [link] = await tx
    .select()
    .from(helpFeedbackLinks)
    .where(and(eq(helpFeedbackLinks.tenantId, tenantId), eq(helpFeedbackLinks.needId, needId)))
    .orderBy(desc(helpFeedbackLinks.createdAt))
    .limit(1);
  return link
    ? {
        createdAt: link.createdAt.toISOString(),
        expiresAt: link.expiresAt.toISOString(),
        usedAt: link.usedAt?.toISOString() ?? null,
        sentByEmail: link.sentByEmail,
      }
    : null;
}

// ---------------------------------------------------------------- matching

/** Best candidates for one need, each explained in words; or why there is none. */
export async function rankNeed(tx: Tx, viewer: Viewer, needId: string, language: EngineLanguage, limit = 10) {
  const need = await requireNeedFor(tx, viewer, needId);
  const pool = await loadVolunteerPool(tx, viewer.tenantId, { helpType: need.helpType });
  const engineNeed = toEngineNeed(need, await typeRequirements(tx, viewer.tenantId));
  // Who was asked for this request, and whose answer it still waits for: a proposal for this very
  // request is no "other request" of the volunteer's.
  const here = await tx
    .select({ volunteerId: helpMatches.volunteerId, status: helpMatches.status })
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.needId, needId)));
  const asked = new Set(here.map((m) => m.volunteerId));
  const waitingHere = new Set(here.filter((m) => m.status === 'proposed').map((m) => m.volunteerId));
  const volunteers = pool.volunteers.map((v) =>
    waitingHere.has(v.id) ? { ...v, openProposals: Math.max(0, (v.openProposals ?? 0) - 1) } : v,
  );
  const ranking = rankCandidates(engineNeed, volunteers, { limit });
  return {
    candidates: ranking.proposals.map((p) => ({
      volunteerId: p.volunteerId,
      displayName: pool.rows.get(p.volunteerId)!.displayName,
      score: p.score,
      explanation: explain(p.reasons, language),
      alreadyAsked: asked.has(p.volunteerId),
    })),
    noCandidate:
      ranking.proposals.length === 0
        ? explainNoCandidate(ranking.summary, engineNeed.languages, language)
        : null,
  };
}

async function insertProposal(
  tx: Tx,
  actor: Actor,
  need: NeedRow,
  volunteer: { userId: string; email: string },
  score: number,
  reasons: SoftReason[],
  publicUrl: string,
) {
  // The server clock, so a demo or a browser test that moves time forward sees proposals run out.
  const expiresAt = new Date(clockNow().getTime() + PROPOSAL_TTL_MS);
  const [match] = await tx
    .insert(helpMatches)
    .values({
      tenantId: actor.tenantId,
      needId: need.id,
      volunteerId: volunteer.userId,
      score,
      // Dutch words for exports and older readers; each reader gets the reasons in their own language.
      explanation: explain(reasons, 'nl'),
      reasons,
      proposedBy: actor.userId,
      expiresAt,
    })
    .onConflictDoNothing()
    .returning();
  if (!match) return null;
  const [area] = need.areaId
    ? await tx
        .select({ name: neighbourhoods.name })
        .from(neighbourhoods)
        .where(and(eq(neighbourhoods.tenantId, actor.tenantId), eq(neighbourhoods.id, need.areaId)))
    : [];
  // In the volunteer's own language, the one they chose when they signed up; under the
  // municipality's own name for its volunteer help.
  const [account] = await tx
    .select({ language: users.language, municipality: tenants.name })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, volunteer.userId)));
  const language = languageSchema.catch('nl').parse(account?.language);
  await queueEmail(tx, actor.tenantId, {
    to: volunteer.email,
    ...helpTexts(language, helpProgrammeName(account?.municipality)).proposal(
      await typeName(tx, actor.tenantId, need.helpType, language),
      area?.name ?? null,
      `${publicUrl}/help/me`,
    ),
  });
  await enqueue(tx, actor.tenantId, 'help.proposal.expire', { matchId: match.id }, { runAt: expiresAt });
  return match;
}

/**
 * The family's consent for Genk Helpt still holds. A request posted for a household acts on its
 * contact person, and a withdrawal (a newer statement, see mayAct) stops every step from then on:
 * no proposal, no accepting, no name, phone or address for the volunteer. A request without a
 * household came from the asker themselves (public form, partner), who agreed when posting it.
 */
async function consentHolds(tx: Tx, need: NeedRow): Promise<boolean> {
  return (
    need.contactPersonId === null || (await mayAct(tx, need.tenantId, need.contactPersonId, 'help_matching'))
  );
}

const consentWithdrawn = () =>
  new AppError('CONFLICT', 'The family has withdrawn its consent for volunteer help', { reason: 'consent' });

/** Sends the need to the chosen volunteers; each must fit it (the engine's hard rules). */
export async function proposeToVolunteers(
  tx: Tx,
  viewer: Viewer,
  needId: string,
  volunteerIds: string[],
  publicUrl: string,
) {
  await requireNeedFor(tx, viewer, needId);
  const need = (await lockNeed(tx, viewer.tenantId, needId))!;
  if (!['new', 'proposed', 'no_match'].includes(need.status)) {
    throw new AppError('CONFLICT', 'This request already has a volunteer or is closed', {
      reason: 'status',
      status: need.status,
    });
  }
  if (!(await consentHolds(tx, need))) throw consentWithdrawn();
  const pool = await loadVolunteerPool(tx, viewer.tenantId, { helpType: need.helpType });
  const engineNeed = toEngineNeed(need, await typeRequirements(tx, viewer.tenantId));
  const proposed: string[] = [];
  for (const volunteerId of [...new Set(volunteerIds)]) {
    const row = pool.rows.get(volunteerId);
    const volunteer = pool.volunteers.find((v) => v.id === volunteerId);
    if (!row || !volunteer) {
      throw new AppError('CONFLICT', 'This volunteer cannot take this request', {
        reason: 'not_eligible',
        volunteerId,
        hard: ['help_type'],
      });
    }
    const reasons = hardReasons(engineNeed, volunteer);
    if (reasons.length > 0) {
      throw new AppError('CONFLICT', 'This volunteer cannot take this request', {
        reason: 'not_eligible',
        volunteerId,
        hard: reasons.map((r) => r.kind),
      });
    }
    const [ranked] = rankCandidates(engineNeed, [volunteer]).proposals;
    const match = await insertProposal(tx, viewer, need, row, ranked!.score, ranked!.reasons, publicUrl);
    if (match) proposed.push(match.id);
  }
  if (need.status !== 'proposed' && proposed.length > 0) {
    await setNeedStatus(tx, viewer.tenantId, needId, { status: 'proposed', noMatchReasons: null });
    await logStatus(tx, viewer, need, 'proposed', { key: 'proposed', values: { count: proposed.length } });
  } else if (proposed.length > 0) {
    // More volunteers asked while others still are: the request's history says so too.
    await noteEvent(tx, viewer, need, { key: 'proposed', values: { count: proposed.length } });
  }
  await recordAudit(tx, viewer, {
    action: 'help.proposed',
    recordType: 'help_need',
    recordId: needId,
    details: { matches: proposed },
  });
  return { matchIds: proposed };
}

/**
 * Moves a need on to the next candidate nobody asked yet, or marks it as having no match with the
 * reason. Called by the jobs when a proposal expires or is declined; the caller holds the need lock.
 */
async function proposeNext(tx: Tx, need: NeedRow, publicUrl: string) {
  const actor = systemActor(need.tenantId);
  if (!['new', 'proposed', 'no_match'].includes(need.status)) return;
  const [open] = await tx
    .select({ id: helpMatches.id })
    .from(helpMatches)
    .where(
      and(
        eq(helpMatches.tenantId, need.tenantId),
        eq(helpMatches.needId, need.id),
        eq(helpMatches.status, 'proposed'),
      ),
    );
  if (open) return;
  if (!(await consentHolds(tx, need))) {
    // Nobody else is asked; the request stops, with why, on its events and the household's timeline.
    await setNeedStatus(tx, need.tenantId, need.id, { status: 'cancelled', closedAt: new Date() });
    await logStatus(tx, actor, need, 'cancelled', { key: 'consentWithdrawn' });
    return;
  }
  const asked = await askedVolunteers(tx, need.tenantId, need.id);
  const pool = await loadVolunteerPool(tx, need.tenantId, { helpType: need.helpType });
  const engineNeed = toEngineNeed(need, await typeRequirements(tx, need.tenantId), asked);
  const ranking = rankCandidates(engineNeed, pool.volunteers);
  const best = ranking.proposals[0];
  if (best) {
    const row = pool.rows.get(best.volunteerId)!;
    await insertProposal(tx, actor, need, row, best.score, best.reasons, publicUrl);
    if (need.status !== 'proposed') {
      await setNeedStatus(tx, need.tenantId, need.id, { status: 'proposed', noMatchReasons: null });
      await logStatus(tx, actor, need, 'proposed', { key: 'proposedNext' });
    } else {
      await noteEvent(tx, actor, need, { key: 'proposedNext' });
    }
    return;
  }
  const blocking = Object.keys(ranking.summary.blocking);
  const allAsked = ranking.proposals.length === 0 && blocking.length === 1 && blocking[0] === 'asked_before';
  const reasons = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      allAsked
        ? everyoneAsked[language]
        : explainNoCandidate(ranking.summary, engineNeed.languages, language),
    ]),
  ) as Record<EngineLanguage, string>;
  await setNeedStatus(tx, need.tenantId, need.id, { status: 'no_match', noMatchReasons: reasons });
  await logStatus(
    tx,
    actor,
    need,
    'no_match',
    allAsked ? { key: 'allAsked' } : { key: 'noMatch', values: reasons },
  );
}

/** Job: a proposal's time is up. Expires it if still unanswered and moves on. */
export async function expireProposal(tx: Tx, tenantId: string, matchId: string, publicUrl: string) {
  const [match] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, tenantId), eq(helpMatches.id, matchId)));
  if (!match) return;
  const need = await lockNeed(tx, tenantId, match.needId);
  const [current] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, tenantId), eq(helpMatches.id, matchId)))
    .for('update');
  if (!need || current?.status !== 'proposed') return;
  if (current.expiresAt.getTime() > clockNow().getTime()) {
    await enqueue(tx, tenantId, 'help.proposal.expire', { matchId }, { runAt: current.expiresAt });
    return;
  }
  await tx
    .update(helpMatches)
    .set({ status: 'expired', closedAt: new Date() })
    .where(and(eq(helpMatches.tenantId, tenantId), eq(helpMatches.id, matchId)));
  // No person took this step; the screen says "automatically" in the reader's language.
  await noteEvent(tx, systemActor(tenantId), need, { key: 'notAnswered' });
  await proposeNext(tx, need, publicUrl);
}

/** Job: after a decline, ask the next candidate. */
export async function moveOn(tx: Tx, tenantId: string, needId: string, publicUrl: string) {
  const need = await lockNeed(tx, tenantId, needId);
  if (need) await proposeNext(tx, need, publicUrl);
}

/** Mode two: proposals for every open need at once, for staff to review before anything is sent. */
export async function runMatching(tx: Tx, viewer: Viewer, language: EngineLanguage): Promise<MatchingRun> {
  const needs = await tx
    .select({ n: helpNeeds, areaName: neighbourhoods.name })
    .from(helpNeeds)
    .leftJoin(
      neighbourhoods,
      and(eq(neighbourhoods.tenantId, helpNeeds.tenantId), eq(neighbourhoods.id, helpNeeds.areaId)),
    )
    .where(
      and(
        eq(helpNeeds.tenantId, viewer.tenantId),
        inArray(helpNeeds.status, ['new', 'no_match']),
        // Only the requests this member of staff may see (a neighbourhood manager: their own area).
        visibleNeedCondition(viewer) ?? undefined,
      ),
    );
  const pool = await loadVolunteerPool(tx, viewer.tenantId);
  const requirements = await typeRequirements(tx, viewer.tenantId);
  const byId = new Map(needs.map((r) => [r.n.id, r]));
  const askedRows = rowsOf<{ need_id: string; volunteer_id: string }>(
    await tx.execute(
      sql`select need_id, volunteer_id from help_matches where tenant_id = ${viewer.tenantId}`,
    ),
  );
  const asked = new Map<string, string[]>();
  for (const a of askedRows) asked.set(a.need_id, [...(asked.get(a.need_id) ?? []), a.volunteer_id]);
  // Volunteers asked before are a hard rule of the engine, so the optimum never rests on them.
  const engineNeeds = needs.map((r) => toEngineNeed(r.n, requirements, asked.get(r.n.id) ?? []));
  const result = solveAll(engineNeeds, pool.volunteers);
  const proposals: MatchingRun['proposals'] = [];
  const assigned = new Set<string>();
  const offering = volunteersOffering(pool.volunteers);
  // A volunteer proposed for two requests in this run is not "without another request now" in
  // either explanation (sent, the second proposal would find the first waiting anyway).
  const timesProposed = new Map<string, number>();
  for (const p of result.proposals)
    timesProposed.set(p.volunteerId, (timesProposed.get(p.volunteerId) ?? 0) + 1);
  for (const p of result.proposals) {
    const r = byId.get(p.needId)!;
    assigned.add(p.needId);
    proposals.push({
      needId: p.needId,
      volunteerId: p.volunteerId,
      volunteerName: pool.rows.get(p.volunteerId)!.displayName,
      helpType: r.n.helpType,
      areaName: r.areaName,
      urgency: r.n.urgency,
      score: p.score,
      explanation: explain(
        timesProposed.get(p.volunteerId)! > 1 ? p.reasons.filter((r) => r.kind !== 'light_load') : p.reasons,
        language,
      ),
    });
  }
  const unassigned = engineNeeds
    .filter((n) => !assigned.has(n.id))
    .map((n) => {
      const ranking = rankCandidates(n, offering(n.helpType));
      return {
        needId: n.id,
        helpType: n.helpType,
        reason:
          ranking.proposals.length === 0
            ? explainNoCandidate(ranking.summary, n.languages, language)
            : explainOthersBusy(language),
      };
    });
  proposals.sort((a, b) => urgencyRank[a.urgency] - urgencyRank[b.urgency] || b.score - a.score);
  await recordAudit(tx, viewer, {
    action: 'help.matching_run',
    recordType: 'help_need',
    details: { needs: needs.length, proposals: proposals.length },
  });
  return { proposals, unassigned };
}

/**
 * The volunteers who offer each kind of help, indexed once per kind: why nobody fits a request is
 * counted among them, on the board and in the all-at-once run as on the request's own page (which
 * loads only them), so all three say the same.
 */
function volunteersOffering(volunteers: readonly EngineVolunteer[]) {
  const byType = new Map<string, VolunteerIndex>();
  return (helpType: string) => {
    let index = byType.get(helpType);
    if (!index) {
      index = new VolunteerIndex(volunteers.filter((v) => v.helpTypes.includes(helpType)));
      byType.set(helpType, index);
    }
    return index;
  };
}

const everyoneAsked: Record<EngineLanguage, string> = {
  nl: 'Elke vrijwilliger die past, werd al gevraagd',
  en: 'Every volunteer who fits has been asked',
  fr: 'Tous les bénévoles qui conviennent ont déjà été sollicités',
};

function explainOthersBusy(language: EngineLanguage) {
  return {
    nl: 'De vrijwilligers die passen, zijn al voorgesteld voor een andere vraag of werden al gevraagd',
    en: 'The volunteers who fit are proposed for another request or were asked already',
    fr: 'Les bénévoles qui conviennent sont proposés pour une autre demande ou ont déjà été sollicités',
  }[language];
}

/** Sends the proposals staff kept after reviewing a matching run. */
export async function sendProposals(
  tx: Tx,
  viewer: Viewer,
  pairs: { needId: string; volunteerId: string }[],
  publicUrl: string,
) {
  const sent: string[] = [];
  const skipped: { needId: string; volunteerId: string; reason: string }[] = [];
  for (const pair of pairs) {
    try {
      // With one volunteer per call every refusal comes before any write, so a pair that no
      // longer fits (taken meanwhile, volunteer now full) is skipped without undoing the others.
      const result = await proposeToVolunteers(tx, viewer, pair.needId, [pair.volunteerId], publicUrl);
      sent.push(...result.matchIds);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ ...pair, reason: error.message });
    }
  }
  return { sent: sent.length, skipped };
}

// ---------------------------------------------------------------- volunteers act

async function ownMatch(tx: Tx, viewer: Viewer, matchId: string): Promise<MatchRow> {
  const [match] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)));
  if (!match || match.volunteerId !== viewer.userId) throw notFound('The proposal');
  return match;
}

/**
 * A volunteer says yes. The need is locked first, so of two volunteers answering at once exactly
 * one gets it; the other hears it was taken. An expired proposal answers so too.
 */
export async function acceptProposal(tx: Tx, viewer: Viewer, matchId: string) {
  const first = await ownMatch(tx, viewer, matchId);
  const need = (await lockNeed(tx, viewer.tenantId, first.needId))!;
  const [match] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)))
    .for('update');
  if (match!.status === 'accepted') return { id: matchId };
  if (
    match!.status === 'expired' ||
    (match!.status === 'proposed' && match!.expiresAt.getTime() <= clockNow().getTime())
  ) {
    throw new AppError('CONFLICT', 'This proposal has expired; thank you all the same', {
      reason: 'expired',
    });
  }
  if (need.status === 'done' || need.status === 'cancelled') {
    throw new AppError('CONFLICT', 'This request has been closed; thank you all the same', {
      reason: 'closed',
    });
  }
  const open = ['new', 'proposed', 'no_match'].includes(need.status);
  if (match!.status === 'withdrawn' && open) {
    // Staff took the volunteer off the request (see setPicks): nobody else has it yet.
    throw new AppError('CONFLICT', 'This proposal was withdrawn; thank you all the same', {
      reason: 'withdrawn',
    });
  }
  if (match!.status !== 'proposed' || !open) {
    throw new AppError(
      'CONFLICT',
      'Another volunteer has already taken this request; thank you all the same',
      {
        reason: 'taken',
      },
    );
  }
  if (!(await consentHolds(tx, need))) throw consentWithdrawn();
  const [profile] = await tx
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.tenantId, viewer.tenantId), eq(volunteers.userId, viewer.userId)))
    .for('update');
  const [{ active } = { active: 0 }] = rowsOf<{ active: number }>(
    await tx.execute(sql`select count(*)::int as active from help_matches
      where tenant_id = ${viewer.tenantId} and volunteer_id = ${viewer.userId} and status = 'accepted'`),
  );
  if (profile && active >= profile.capacity) {
    throw new AppError('CONFLICT', 'You have as many active matches as you chose to take on', {
      reason: 'capacity',
    });
  }
  // The rules again, as they stand now: a volunteer paused, whose screening was taken back, or who
  // changed their help types or hours since the proposal cannot take it (capacity is above).
  const [self] = (
    await loadVolunteerPool(tx, viewer.tenantId, { helpType: need.helpType, volunteerId: viewer.userId })
  ).volunteers;
  const hard = self
    ? hardReasons(toEngineNeed(need, await typeRequirements(tx, viewer.tenantId)), self)
        .map((r) => r.kind)
        .filter((kind) => kind !== 'capacity')
    : ['help_type'];
  if (hard.length > 0) {
    throw new AppError('CONFLICT', 'This request no longer fits your profile or screening', {
      reason: 'not_eligible',
      hard,
    });
  }
  const now = new Date();
  await tx
    .update(helpMatches)
    .set({ status: 'accepted', respondedAt: now })
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)));
  await tx
    .update(helpMatches)
    .set({ status: 'withdrawn', closedAt: now })
    .where(
      and(
        eq(helpMatches.tenantId, viewer.tenantId),
        eq(helpMatches.needId, need.id),
        eq(helpMatches.status, 'proposed'),
      ),
    );
  await setNeedStatus(tx, viewer.tenantId, need.id, {
    status: 'accepted',
    matchedAt: now,
    noMatchReasons: null,
  });
  await logStatus(tx, viewer, need, 'accepted', { key: 'accepted' });
  await recordAudit(tx, viewer, { action: 'help.accepted', recordType: 'help_match', recordId: matchId });
  return { id: matchId };
}

export async function declineProposal(tx: Tx, viewer: Viewer, matchId: string, reason?: DeclineReason) {
  const first = await ownMatch(tx, viewer, matchId);
  const need = (await lockNeed(tx, viewer.tenantId, first.needId))!;
  const [match] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)))
    .for('update');
  if (match!.status !== 'proposed') {
    throw new AppError('CONFLICT', 'This proposal is no longer open', { reason: match!.status });
  }
  await tx
    .update(helpMatches)
    .set({ status: 'declined', respondedAt: new Date(), closedAt: new Date(), declineReason: reason ?? null })
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)));
  await noteEvent(tx, viewer, need, { key: 'declined' });
  await enqueue(tx, viewer.tenantId, 'help.need.next', { needId: need.id });
  await recordAudit(tx, viewer, {
    action: 'help.declined',
    recordType: 'help_match',
    recordId: matchId,
    ...(reason ? { details: { reason } } : {}),
  });
  return { id: matchId };
}

/**
 * The minutes a volunteer logged for one day in Brussels, over all their matches. The volunteer's
 * row is locked first, so two sessions logged at once cannot pass HELP_DAY_MINUTES together. The time
 * reported when closing help is not counted to a day: it is the time not logged yet, on any days.
 */
async function minutesOnDay(tx: Tx, viewer: Viewer, day: string): Promise<number> {
  await tx
    .select({ id: volunteers.userId })
    .from(volunteers)
    .where(and(eq(volunteers.tenantId, viewer.tenantId), eq(volunteers.userId, viewer.userId)))
    .for('update');
  const [logged] = await tx
    .select({ minutes: sql<number>`coalesce(sum(${helpHours.minutes}), 0)::int` })
    .from(helpHours)
    .where(
      and(
        eq(helpHours.tenantId, viewer.tenantId),
        eq(helpHours.volunteerId, viewer.userId),
        eq(helpHours.on, day),
      ),
    );
  return Number(logged?.minutes ?? 0);
}

/** The volunteer reports the help given: hours and a short word; the need is done. */
export async function completeMatch(
  tx: Tx,
  viewer: Viewer,
  matchId: string,
  input: { minutes: number; rating: number; comment?: string },
  config: IdentityConfig,
) {
  const first = await ownMatch(tx, viewer, matchId);
  const need = (await lockNeed(tx, viewer.tenantId, first.needId))!;
  const [match] = await tx
    .select()
    .from(helpMatches)
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)))
    .for('update');
  if (match!.status !== 'accepted')
    throw new AppError('CONFLICT', 'Only an active match can be completed', { reason: match!.status });
  // Help for one moment is given on its day: before that day the volunteer cannot report it done
  // (an untouched form would close it with made-up hours). Staff can still close it, saying why.
  const timing = need.timing;
  if (timing.kind === 'moment' && timing.date > today()) {
    throw new AppError(
      'CONFLICT',
      `This help is planned for ${timing.date}; report it done from that day on`,
      {
        reason: 'not_yet',
        day: timing.date,
      },
    );
  }
  const now = new Date();
  // The time not logged yet: with the sessions logged, at most 12 hours for each day from the
  // help's first day up to today.
  if (input.minutes > mostMinutesSince(timing, today(), await loggedOnMatch(tx, viewer.tenantId, matchId)))
    throw fieldError('minutes', helpMessages.hoursSince);
  await tx
    .update(helpMatches)
    .set({
      status: 'completed',
      closedAt: now,
      minutes: input.minutes,
      volunteerRating: input.rating,
      volunteerComment: input.comment ?? null,
    })
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.id, matchId)));
  await setNeedStatus(tx, viewer.tenantId, need.id, { status: 'done', closedAt: now });
  await logStatus(tx, viewer, need, 'done', { key: 'completed' });
  await mailFeedbackLinkOnCompletion(tx, config, viewer, { ...need, status: 'done', closedAt: now });
  await recordAudit(tx, viewer, {
    action: 'help.completed',
    recordType: 'help_match',
    recordId: matchId,
    details: { minutes: input.minutes },
  });
  return { id: matchId };
}

/** How long after a match ends its volunteer may still log the time they gave. */
const HOURS_GRACE_DAYS = 30;

/** The minutes logged session by session on one match. */
async function loggedOnMatch(tx: Tx, tenantId: string, matchId: string): Promise<number> {
  const [logged] = rowsOf<{ minutes: number }>(
    await tx.execute(sql`select coalesce(sum(minutes), 0)::int as minutes from help_hours
      where tenant_id = ${tenantId} and match_id = ${matchId}`),
  );
  return logged?.minutes ?? 0;
}

/**
 * The volunteer logs time given on one day of their match: weekly help session by session. Only on
 * their own match, while it is accepted or up to HOURS_GRACE_DAYS after it ended, and only for a day
 * from the day they said yes up to today.
 */
export async function logHours(tx: Tx, viewer: Viewer, matchId: string, input: HoursInput) {
  const match = await ownMatch(tx, viewer, matchId);
  const ended = match.closedAt ? (Date.now() - match.closedAt.getTime()) / 86_400_000 : 0;
  const open = match.status === 'accepted';
  const lately = (match.status === 'completed' || match.status === 'ended') && ended <= HOURS_GRACE_DAYS;
  if (!open && !lately) {
    throw new AppError('CONFLICT', 'Time can only be logged on a match you help with, or did lately', {
      reason: match.status,
    });
  }
  const from = brusselsNow(match.respondedAt ?? match.proposedAt).date;
  if (input.on < from || input.on > today()) throw fieldError('on', `a day from ${from} up to today`);
  const [need] = await tx
    .select({ timing: helpNeeds.timing })
    .from(helpNeeds)
    .where(and(eq(helpNeeds.tenantId, viewer.tenantId), eq(helpNeeds.id, match.needId)));
  // Help is given from its first day on (a moment's day, a window's or weekly help's first day).
  const firstDay = need ? firstHelpDay(need.timing) : null;
  if (firstDay && input.on < firstDay) throw fieldError('on', helpMessages.beforeHelp);
  if ((await minutesOnDay(tx, viewer, input.on)) + input.minutes > HELP_DAY_MINUTES)
    throw fieldError('minutes', helpMessages.dayFull);
  // After the help was reported done, its time reported and logged stays within 12 hours for each
  // day from its first day, as when reporting it.
  if (need && match.minutes !== null) {
    const given = match.minutes + (await loggedOnMatch(tx, viewer.tenantId, matchId));
    if (given + input.minutes > mostMinutesSince(need.timing, today()))
      throw fieldError('minutes', helpMessages.hoursSince);
  }
  const [row] = await tx
    .insert(helpHours)
    .values({
      tenantId: viewer.tenantId,
      matchId,
      volunteerId: viewer.userId,
      on: input.on,
      minutes: input.minutes,
    })
    .returning({ id: helpHours.id });
  await recordAudit(tx, viewer, {
    action: 'help.hours_logged',
    recordType: 'help_match',
    recordId: matchId,
    details: { on: input.on, minutes: input.minutes },
  });
  return { id: row!.id };
}

/** The need as the volunteer sees it: type, neighbourhood and moment; details only once accepted. */
async function volunteerMatches(
  tx: Tx,
  viewer: Viewer,
  language: Language,
  where?: ReturnType<typeof and>,
): Promise<VolunteerMatch[]> {
  const rows = await tx
    .select({ m: helpMatches, n: helpNeeds, areaName: neighbourhoods.name })
    .from(helpMatches)
    .innerJoin(
      helpNeeds,
      and(eq(helpNeeds.tenantId, helpMatches.tenantId), eq(helpNeeds.id, helpMatches.needId)),
    )
    .leftJoin(
      neighbourhoods,
      and(eq(neighbourhoods.tenantId, helpNeeds.tenantId), eq(neighbourhoods.id, helpNeeds.areaId)),
    )
    .where(and(eq(helpMatches.tenantId, viewer.tenantId), eq(helpMatches.volunteerId, viewer.userId), where))
    .orderBy(desc(helpMatches.proposedAt))
    .limit(200);
  // Time logged session by session, per match, beside the minutes reported at the end.
  const logged = new Map(
    rowsOf<{ match_id: string; minutes: number }>(
      await tx.execute(sql`select match_id, sum(minutes)::int as minutes from help_hours
        where tenant_id = ${viewer.tenantId} and volunteer_id = ${viewer.userId} group by match_id`),
    ).map((r) => [r.match_id, r.minutes]),
  );
  // "Helped this family before" would tell a volunteer who has not said yes which family asks
  // again: until they accept, a need stays type, neighbourhood and moment.
  const saidYes = new Set<HelpMatchStatus>(['accepted', 'completed', 'ended']);
  const out: VolunteerMatch[] = [];
  for (const { m, n, areaName } of rows) {
    // Open while the match is accepted on a request in hand, and the family's consent holds.
    const open =
      m.status === 'accepted' &&
      (n.status === 'accepted' || n.status === 'in_progress') &&
      (await consentHolds(tx, n));
    out.push({
      id: m.id,
      status: m.status,
      needStatus: n.status,
      helpType: n.helpType,
      areaName,
      timing: n.timing,
      urgency: n.urgency,
      explanation: m.reasons
        ? explain(
            saidYes.has(m.status) ? m.reasons : m.reasons.filter((r) => r.kind !== 'continuity'),
            language,
          )
        : m.explanation,
      proposedAt: m.proposedAt.toISOString(),
      expiresAt: m.expiresAt.toISOString(),
      respondedAt: m.respondedAt?.toISOString() ?? null,
      minutes: m.minutes === null && !logged.has(m.id) ? null : (m.minutes ?? 0) + (logged.get(m.id) ?? 0),
      details: open ? await matchDetails(tx, viewer, n) : null,
    });
  }
  return out;
}

async function matchDetails(tx: Tx, viewer: Viewer, need: NeedRow) {
  let contactName = need.requester?.name ?? '';
  let phone = need.requester?.phone ?? null;
  let address: string | null = null;
  if (need.contactPersonId) {
    const [person] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, viewer.tenantId), eq(persons.id, need.contactPersonId)));
    if (person) {
      contactName = `${person.givenName} ${person.familyName}`.trim();
      phone = person.contacts.find((c) => c.channel === 'phone')?.value ?? phone;
    }
  }
  // Audited against the contact person, or the request itself for the name and phone given on the
  // form (public, partner).
  if (need.contactPersonId || need.requester) {
    await recordAudit(tx, viewer, {
      action: 'help.details_read',
      recordType: need.contactPersonId ? 'person' : 'help_need',
      recordId: need.contactPersonId ?? need.id,
      purpose: 'help_matching',
      details: { needId: need.id },
    });
  }
  if (need.householdId) {
    const [household] = await tx
      .select({ addressId: households.addressId, name: households.name })
      .from(households)
      .where(and(eq(households.tenantId, viewer.tenantId), eq(households.id, need.householdId)));
    const a = household?.addressId ? await getAddress(tx, viewer.tenantId, household.addressId) : null;
    if (a) address = addressLabel(a);
    if (!contactName) contactName = household?.name ?? '';
  }
  return { description: need.description, arrangements: need.arrangements, contactName, phone, address };
}

export async function volunteerHome(tx: Tx, viewer: Viewer, language: Language): Promise<VolunteerHome> {
  const [profile] = await volunteerViews(tx, viewer.tenantId, [viewer.userId]);
  const matches = await volunteerMatches(tx, viewer, language);
  const now = clockNow().getTime();
  return {
    profile: profile ?? null,
    proposals: matches.filter((m) => m.status === 'proposed' && new Date(m.expiresAt).getTime() > now),
    active: matches.filter((m) => m.status === 'accepted' && m.details !== null),
    history: matches.filter(
      (m) =>
        !(m.status === 'proposed' && new Date(m.expiresAt).getTime() > now) &&
        !(m.status === 'accepted' && m.details),
    ),
    // All the time she gave, as her profile counts it (volunteerViews); no profile, no matches.
    totalMinutes: profile?.minutes ?? 0,
  };
}

export async function volunteerMatch(
  tx: Tx,
  viewer: Viewer,
  matchId: string,
  language: Language,
): Promise<VolunteerMatch> {
  await ownMatch(tx, viewer, matchId);
  const [match] = await volunteerMatches(tx, viewer, language, eq(helpMatches.id, matchId));
  return match!;
}

// ---------------------------------------------------------------- board and figures

/** How many rows each list of the board shows at most; its total says how many there are. */
export const BOARD_LIMIT = 200;
/**
 * How many new requests the board checks for a candidate, most urgent and oldest first (the engine
 * runs once per request). One without a candidate moves to "no volunteer found"; any beyond this
 * many stay among the open requests until the ones before them are handled.
 */
const BOARD_CHECK_LIMIT = 500;

/**
 * The matching board, each list queried on its own with its own limit and total, among the requests
 * this viewer may read: open requests (new or proposed) by urgency and age, proposals waiting for an
 * answer by expiry, requests with no volunteer and why, and requests being helped.
 */
export async function matchingBoard(tx: Tx, viewer: Viewer, language: EngineLanguage): Promise<Board> {
  const tenantId = viewer.tenantId;
  const visible = visibleNeedCondition(viewer) ?? undefined;
  const withStatus = (...statuses: HelpNeedStatus[]) => and(inArray(helpNeeds.status, statuses), visible);
  const byUrgencyThenAge = (a: NeedSummary, b: NeedSummary) =>
    urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
    a.createdAt.localeCompare(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  // Requests marked as having no match, and new requests no volunteer fits now; the reason in the
  // reader's language, worked out again now: volunteers change.
  const marked = await needSummaries(tx, tenantId, withStatus('no_match'), language, {
    order: 'board',
    limit: BOARD_LIMIT,
  });
  const markedTotal = await countNeeds(tx, tenantId, withStatus('no_match'));
  const fresh = await tx
    .select()
    .from(helpNeeds)
    .where(and(eq(helpNeeds.tenantId, tenantId), withStatus('new')))
    .orderBy(...boardOrder)
    .limit(BOARD_CHECK_LIMIT);
  const reasons = new Map<string, string>();
  if (marked.length > 0 || fresh.length > 0) {
    const offering = volunteersOffering((await loadVolunteerPool(tx, tenantId)).volunteers);
    const requirements = await typeRequirements(tx, tenantId);
    /** Why nobody fits, or null when someone does (the reasons of those left out only then). */
    const whyNobody = (engineNeed: ReturnType<typeof toEngineNeed>) => {
      const pool = offering(engineNeed.helpType);
      if (rankCandidates(engineNeed, pool, { limit: 1, explainExcluded: false }).proposals.length > 0)
        return null;
      const ranking = rankCandidates(engineNeed, pool, { limit: 1 });
      return explainNoCandidate(ranking.summary, engineNeed.languages, language);
    };
    for (const row of fresh) {
      const reason = whyNobody(toEngineNeed(row, requirements));
      if (reason !== null) reasons.set(row.id, reason);
    }
    const markedRows = marked.length
      ? await tx
          .select()
          .from(helpNeeds)
          .where(
            and(
              eq(helpNeeds.tenantId, tenantId),
              inArray(
                helpNeeds.id,
                marked.map((n) => n.id),
              ),
            ),
          )
      : [];
    for (const row of markedRows) {
      reasons.set(row.id, whyNobody(toEngineNeed(row, requirements)) ?? explainOthersBusy(language));
    }
  }
  const withoutCandidate = fresh.filter((row) => reasons.has(row.id)).map((row) => row.id);
  const unplaced = withoutCandidate.length
    ? await needSummaries(tx, tenantId, inArray(helpNeeds.id, withoutCandidate), language, {
        order: 'board',
        limit: BOARD_LIMIT,
      })
    : [];
  const noMatch = [...marked, ...unplaced]
    .map((n) => ({ ...n, noMatchReason: reasons.get(n.id) ?? n.noMatchReason }))
    .sort(byUrgencyThenAge)
    .slice(0, BOARD_LIMIT);

  const openWhere = and(
    withStatus('new', 'proposed'),
    withoutCandidate.length ? notInArray(helpNeeds.id, withoutCandidate) : undefined,
  );
  const open = await needSummaries(tx, tenantId, openWhere, language, { order: 'board', limit: BOARD_LIMIT });
  const activeWhere = withStatus('accepted', 'in_progress');
  const active = await needSummaries(tx, tenantId, activeWhere, language, {
    order: 'board',
    limit: BOARD_LIMIT,
  });

  const waitingWhere = and(eq(helpMatches.tenantId, tenantId), eq(helpMatches.status, 'proposed'), visible);
  const needOfMatch = and(eq(helpNeeds.tenantId, helpMatches.tenantId), eq(helpNeeds.id, helpMatches.needId));
  const waitingRows = await tx
    .select({
      m: helpMatches,
      volunteerName: users.displayName,
      helpType: helpNeeds.helpType,
      areaName: neighbourhoods.name,
    })
    .from(helpMatches)
    .innerJoin(helpNeeds, needOfMatch)
    .innerJoin(users, and(eq(users.tenantId, helpMatches.tenantId), eq(users.id, helpMatches.volunteerId)))
    .leftJoin(
      neighbourhoods,
      and(eq(neighbourhoods.tenantId, helpNeeds.tenantId), eq(neighbourhoods.id, helpNeeds.areaId)),
    )
    .where(waitingWhere)
    .orderBy(asc(helpMatches.expiresAt), asc(helpMatches.id))
    .limit(BOARD_LIMIT);
  const [{ n: waitingTotal } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(helpMatches)
    .innerJoin(helpNeeds, needOfMatch)
    .where(waitingWhere);

  return {
    open,
    waiting: waitingRows.map(({ m, volunteerName, helpType, areaName }) => ({
      ...matchSummaryOf(m, volunteerName, language),
      helpType,
      areaName,
    })),
    noMatch,
    active,
    totals: {
      open: await countNeeds(tx, tenantId, openWhere),
      waiting: waitingTotal,
      noMatch: markedTotal + withoutCandidate.length,
      active: await countNeeds(tx, tenantId, activeWhere),
    },
  };
}

/** Counts under this are shown in the figures as "fewer than 5" (as in the coaching dashboard). */

/** The figures cover the requests of the past year (and no other window: see the figures route). */
const FIGURES_DAYS = 365;

/** Per kind of help and neighbourhood: time to match, share matched within 48 hours, needs with no match. */
export async function helpFigures(tx: Tx, tenantId: string): Promise<Figures> {
  const rows = rowsOf<{
    help_type: string;
    area_name: string | null;
    status: string;
    hours: number | null;
    minutes: number | null;
  }>(
    await tx.execute(sql`select n.help_type, a.name as area_name, n.status,
        extract(epoch from (n.matched_at - n.created_at)) / 3600.0 as hours,
        -- The time reported at the end plus the sessions logged on the way (help_hours).
        (select nullif(coalesce(sum(m.minutes), 0) + coalesce(sum(h.minutes), 0), 0)::int
          from help_matches m
          left join lateral (select sum(minutes) as minutes from help_hours
            where help_hours.tenant_id = m.tenant_id and help_hours.match_id = m.id) h on true
          where m.tenant_id = n.tenant_id and m.need_id = n.id) as minutes
      from help_needs n left join neighbourhoods a on a.tenant_id = n.tenant_id and a.id = n.area_id
      where n.tenant_id = ${tenantId} and n.created_at >= ${new Date(Date.now() - FIGURES_DAYS * 86_400_000)}`),
  );
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.help_type}\u0000${row.area_name ?? '—'}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const figureRows = [...groups.entries()]
    .map(([key, list]) => {
      const [helpType, areaName] = key.split('\u0000') as [string, string];
      const hours = list
        .map((r) => (r.hours === null ? null : Number(r.hours)))
        .filter((h): h is number => h !== null)
        .sort((a, b) => a - b);
      const within = hours.filter((h) => h <= 48).length;
      const median =
        hours.length === 0
          ? null
          : hours.length % 2
            ? hours[(hours.length - 1) / 2]!
            : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2;
      const logged = list.filter((r) => r.minutes !== null && r.minutes !== undefined);
      // Counts under 5, and shares, medians and sums worked out from fewer than 5 requests, are
      // withheld: steering members read these, and a "1" in a small neighbourhood is a family.
      const { needs, matched, matchedWithin48h, noMatch } = shownCounts({
        needs: list.length,
        matched: hours.length,
        within,
        // Requests with no match are never among the matched.
        noMatch: list.filter((r) => r.status === 'no_match' && r.hours === null).length,
      });
      return {
        helpType,
        areaName,
        needs,
        matched,
        matchedWithin48h,
        // A share times the count shown gives the count back: it goes where that count is withheld.
        shareWithin48h: needs !== null && matchedWithin48h !== null ? within / list.length : null,
        medianHoursToMatch:
          median === null || hours.length < SMALL_NUMBER ? null : Math.round(median * 10) / 10,
        noMatch,
        minutes:
          logged.length >= SMALL_NUMBER ? logged.reduce((sum, r) => sum + Number(r.minutes ?? 0), 0) : null,
      };
    })
    .sort((a, b) => a.helpType.localeCompare(b.helpType) || a.areaName.localeCompare(b.areaName));
  return { rows: figureRows, smallNumber: SMALL_NUMBER };
}

// ---------------------------------------------------------------- links, rules, retention

export const helpRetentionRules = [
  {
    name: 'help.signups',
    description: 'Volunteer sign-ups, 30 days after the link expired or was used',
    keepDays: 30,
    async sweep(tx: Tx, cutoff: Date, tenantId: string) {
      const removed = await tx
        .delete(volunteerSignups)
        .where(
          and(
            eq(volunteerSignups.tenantId, tenantId),
            or(lt(volunteerSignups.expiresAt, cutoff), lt(volunteerSignups.confirmedAt, cutoff)),
          ),
        )
        .returning({ id: volunteerSignups.id });
      return removed.length;
    },
  },
  {
    name: 'help.feedback_links',
    description: "The family's feedback links, 30 days after they expired or were used",
    keepDays: 30,
    async sweep(tx: Tx, cutoff: Date, tenantId: string) {
      const removed = await tx
        .delete(helpFeedbackLinks)
        .where(
          and(
            eq(helpFeedbackLinks.tenantId, tenantId),
            or(lt(helpFeedbackLinks.expiresAt, cutoff), lt(helpFeedbackLinks.usedAt, cutoff)),
          ),
        )
        .returning({ id: helpFeedbackLinks.id });
      return removed.length;
    },
  },
  {
    name: 'help.closed_needs',
    description:
      'Descriptions, contact details and comments of closed requests for help, two years after closing',
    keepDays: 730,
    async sweep(tx: Tx, cutoff: Date, tenantId: string) {
      const cleared = await tx
        .update(helpNeeds)
        .set({
          description: '',
          arrangements: null,
          requester: null,
          contactPersonId: null,
          residentComment: null,
        })
        .where(
          and(
            eq(helpNeeds.tenantId, tenantId),
            lt(helpNeeds.closedAt, cutoff),
            or(
              sql`${helpNeeds.description} <> ''`,
              sql`${helpNeeds.requester} is not null`,
              sql`${helpNeeds.contactPersonId} is not null`,
            ),
          ),
        )
        .returning({ id: helpNeeds.id });
      return cleared.length;
    },
  },
];
