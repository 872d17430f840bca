import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import {
  isInWinterBan,
  nearestAction,
  type PlannedAction,
  scoreUrgency,
  type UrgencySignal,
} from '../../../engines/urgency/urgency.ts';

import { brusselsNow } from '../../../shared/brussels.ts';
import { AppError, fieldError, notFound } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { CaseDetail, CaseSummary, ReviewItem, Submission } from '../../../shared/signals.schemas.ts';
import type { Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.tables.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { recordContact } from '../registry/timeline.service.ts';
import { childrenPerHousehold, openPersonCases, personKey, rescoreCases } from './intake.service.ts';
import { getSettings, requireAccounts, teamsOfUser } from './partners.service.ts';
import {
  committeeItems,
  partnerOrganisations,
  signalCaseEvents,
  signalCases,
  signals,
  signalTeams,
  signalUploads,
} from './signals.tables.ts';
import { signalTexts } from './signals.texts.ts';

export interface CaseViewer extends Actor {
  userId: string;
  roles: readonly Role[];
}

/** Coordinators see every case; social workers the cases of their teams and the ones assigned to them. */
async function caseScope(tx: Tx, viewer: CaseViewer): Promise<SQL> {
  const base = eq(signalCases.tenantId, viewer.tenantId);
  if (viewer.roles.includes('coordinator')) return base;
  const teams = await teamsOfUser(tx, viewer.tenantId, viewer.userId);
  const mine: SQL[] = [eq(signalCases.assignedUserId, viewer.userId)];
  if (teams.length > 0) mine.push(inArray(signalCases.teamId, teams));
  return and(base, or(...mine))!;
}

async function requireCase(tx: Tx, viewer: CaseViewer, caseId: string) {
  const [row] = await tx
    .select()
    .from(signalCases)
    .where(and(await caseScope(tx, viewer), eq(signalCases.id, caseId)));
  if (!row) throw notFound('The case');
  return row;
}

export async function listCases(
  tx: Tx,
  viewer: CaseViewer,
  filter: { open: boolean },
  now = new Date(),
): Promise<CaseSummary[]> {
  const where = [await caseScope(tx, viewer)];
  where.push(filter.open ? isNull(signalCases.closedAt) : sql`${signalCases.closedAt} is not null`);
  const rows = await tx
    .select({
      c: signalCases,
      teamName: signalTeams.name,
      assignedName: users.displayName,
      kinds: sql<
        string[]
      >`coalesce((select array_agg(distinct s.kind) from signals s where s.tenant_id = ${signalCases.tenantId} and s.case_id = ${signalCases.id}), '{}')`,
      count: sql<number>`(select count(*)::int from signals s where s.tenant_id = ${signalCases.tenantId} and s.case_id = ${signalCases.id})`,
      amount: sql<number>`(select coalesce(sum(s.amount_cents), 0)::bigint from signals s where s.tenant_id = ${signalCases.tenantId} and s.case_id = ${signalCases.id})`,
      // Every planned step with its date: the list shows the same nearest date as the case page,
      // a disconnection asked for in the winter ban counted from the first day it is allowed.
      planned: sql<
        string[] | null
      >`(select array_agg(s.planned_action || ' ' || s.planned_date::text) from signals s where s.tenant_id = ${signalCases.tenantId} and s.case_id = ${signalCases.id} and s.planned_action <> 'none' and s.planned_date is not null)`,
    })
    .from(signalCases)
    .leftJoin(
      signalTeams,
      and(eq(signalTeams.tenantId, signalCases.tenantId), eq(signalTeams.id, signalCases.teamId)),
    )
    .leftJoin(users, and(eq(users.tenantId, signalCases.tenantId), eq(users.id, signalCases.assignedUserId)))
    .where(and(...where))
    .orderBy(desc(signalCases.score), asc(signalCases.firstContactDueAt))
    .limit(500);
  return rows.map(({ c, teamName, assignedName, kinds, count, amount, planned }) => ({
    id: c.id,
    householdId: c.householdId,
    householdName: c.label,
    status: c.status,
    kinds: (kinds ?? []) as CaseSummary['kinds'],
    signals: count,
    amountCents: Number(amount),
    score: c.score,
    effectiveActionDate:
      nearestAction(
        (planned ?? []).map((entry) => {
          const [plannedAction, plannedDate] = entry.split(' ') as [PlannedAction, string];
          return { plannedAction, plannedDate };
        }),
      )?.date ?? null,
    firstContactDueAt: c.firstContactDueAt.toISOString(),
    firstContactAt: c.firstContactAt?.toISOString() ?? null,
    overdue: !c.firstContactAt && !c.closedAt && c.firstContactDueAt < now,
    teamName: teamName ?? null,
    assignedName: assignedName ?? null,
  }));
}

export async function getCase(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  now = new Date(),
): Promise<CaseDetail> {
  const c = await requireCase(tx, viewer, caseId);
  const today = brusselsNow(now).date;
  const list = await tx
    .select({ s: signals, partnerName: partnerOrganisations.name })
    .from(signals)
    .innerJoin(
      partnerOrganisations,
      and(
        eq(partnerOrganisations.tenantId, signals.tenantId),
        eq(partnerOrganisations.id, signals.partnerId),
      ),
    )
    .where(and(eq(signals.tenantId, viewer.tenantId), eq(signals.caseId, caseId)))
    .orderBy(asc(signals.receivedAt));
  const children = c.householdId
    ? ((await childrenPerHousehold(tx, viewer.tenantId, [c.householdId], today)).get(c.householdId) ?? 0)
    : 0;
  const urgency = scoreUrgency(
    {
      signals: list.map(({ s }) => ({
        kind: s.kind as UrgencySignal['kind'],
        amountCents: s.amountCents,
        plannedAction: s.plannedAction as UrgencySignal['plannedAction'],
        plannedDate: s.plannedDate,
      })),
      children,
      vulnerabilities: c.vulnerabilities.length,
    },
    today,
  );
  const events = await tx
    .select()
    .from(signalCaseEvents)
    .where(and(eq(signalCaseEvents.tenantId, viewer.tenantId), eq(signalCaseEvents.caseId, caseId)))
    .orderBy(desc(signalCaseEvents.occurredAt));
  const items = await tx
    .select()
    .from(committeeItems)
    .where(and(eq(committeeItems.tenantId, viewer.tenantId), eq(committeeItems.caseId, caseId)))
    .orderBy(asc(committeeItems.createdAt));
  const [team] = c.teamId
    ? await tx
        .select({ name: signalTeams.name })
        .from(signalTeams)
        .where(and(eq(signalTeams.tenantId, viewer.tenantId), eq(signalTeams.id, c.teamId)))
    : [];
  const [assigned] = c.assignedUserId
    ? await tx
        .select({ name: users.displayName })
        .from(users)
        .where(and(eq(users.tenantId, viewer.tenantId), eq(users.id, c.assignedUserId)))
    : [];
  await recordAudit(tx, viewer, {
    action: 'signals.case.read',
    recordType: 'signal_case',
    recordId: caseId,
    purpose: 'early_signals',
  });
  return {
    id: c.id,
    householdId: c.householdId,
    householdName: c.label,
    status: c.status,
    kinds: [...new Set(list.map(({ s }) => s.kind))] as CaseDetail['kinds'],
    signals: list.length,
    amountCents: list.reduce((sum, { s }) => sum + s.amountCents, 0),
    score: urgency.score,
    effectiveActionDate: urgency.effectiveActionDate,
    firstContactDueAt: c.firstContactDueAt.toISOString(),
    firstContactAt: c.firstContactAt?.toISOString() ?? null,
    overdue: !c.firstContactAt && !c.closedAt && c.firstContactDueAt < now,
    teamName: team?.name ?? null,
    assignedName: assigned?.name ?? null,
    factors: urgency.factors,
    children,
    vulnerabilities: c.vulnerabilities,
    teamId: c.teamId,
    assignedUserId: c.assignedUserId,
    outcome: c.outcome,
    response: c.response,
    signalList: list.map(({ s, partnerName }) => ({
      id: s.id,
      partnerName,
      reference: s.reference,
      kind: s.kind as CaseDetail['kinds'][number],
      name: `${s.givenName} ${s.familyName}`,
      address: `${s.street} ${s.houseNumber}${s.box ? ` bus ${s.box}` : ''}, ${s.postcode} ${s.municipality}`,
      amountCents: s.amountCents,
      arrearsSince: s.arrearsSince,
      plannedAction: s.plannedAction as CaseDetail['signalList'][number]['plannedAction'],
      plannedDate: s.plannedDate,
      phone: s.phone,
      email: s.email,
      receivedAt: s.receivedAt.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      detail: e.detail,
      authorName: e.authorName,
      occurredAt: e.occurredAt.toISOString(),
    })),
    committeeItems: items.map((item) => ({
      id: item.id,
      request: item.request,
      requestedDate: item.requestedDate,
      decision: item.decision,
      winterBan:
        item.request === 'disconnection' && !!item.requestedDate && isInWinterBan(item.requestedDate),
    })),
  };
}

const timelineChannel: Record<string, 'letter' | 'phone' | 'home_visit' | 'counter' | 'meeting'> = {
  letter: 'letter',
  phone: 'phone',
  home_visit: 'home_visit',
  door_card: 'home_visit',
  office_appointment: 'counter',
};

/** The steps of a case; each is audited as `signals.case.<step>` (src/shared/audit-actions.ts). */
type CaseStep = 'assigned' | 'attempt' | 'offer' | 'response' | 'closed' | 'committee';

/** One step of a case: an event on the case, the audit trail and the household's timeline (welfare staff only). */
const TIMELINE_WORDS = ['channel', 'result', 'kind', 'response', 'outcome'];

async function step(
  tx: Tx,
  viewer: CaseViewer,
  c: typeof signalCases.$inferSelect,
  type: CaseStep,
  detail: Record<string, unknown>,
  summary: string,
  channel: 'letter' | 'phone' | 'home_visit' | 'counter' | 'meeting' = 'meeting',
) {
  await tx.insert(signalCaseEvents).values({
    tenantId: viewer.tenantId,
    caseId: c.id,
    type,
    detail,
    authorId: viewer.userId,
    authorName: viewer.label,
  });
  await recordAudit(tx, viewer, {
    action: `signals.case.${type}`,
    recordType: 'signal_case',
    recordId: c.id,
    purpose: 'early_signals',
    details: detail,
  });
  if (c.householdId) {
    await recordContact(tx, viewer, {
      householdId: c.householdId,
      channel,
      purpose: 'early_signals',
      summary,
      // Only the step's chosen words go to the timeline's key, never the note typed with it.
      summaryKey: `signals.${type}`,
      summaryValues: Object.fromEntries(
        Object.entries(detail).filter(
          (entry): entry is [string, string] =>
            TIMELINE_WORDS.includes(entry[0]) && typeof entry[1] === 'string',
        ),
      ),
      visibility: 'welfare',
      module: 'signals',
      recordType: 'signal_case',
      recordId: c.id,
    });
  }
}

async function update(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  set: Partial<typeof signalCases.$inferInsert>,
) {
  await tx
    .update(signalCases)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(signalCases.tenantId, viewer.tenantId), eq(signalCases.id, caseId)));
}

function requireOpen(c: typeof signalCases.$inferSelect) {
  if (c.closedAt) throw new AppError('CONFLICT', 'This case is closed');
}

/*
 * The order of the steps. A case's file holds what really happened, so a step that presumes an
 * earlier one is refused (409, nothing changed) until that earlier step is recorded:
 * - putting the case before the committee or closing it needs someone who took it on
 *   ("Ik neem dit op", or a contact attempt, which takes it on too);
 * - offering help and the family's answer need a contact attempt;
 * - the family accepting or refusing needs help offered to accept or refuse.
 */
function requireTakenOn(c: typeof signalCases.$inferSelect) {
  if (!c.assignedUserId && !c.firstContactAt) {
    throw new AppError('CONFLICT', 'Take this case on or record a contact attempt first', {
      reason: 'not_taken_on',
    });
  }
}

function requireContacted(c: typeof signalCases.$inferSelect) {
  if (!c.firstContactAt) {
    throw new AppError('CONFLICT', 'Record a contact attempt with the household first', {
      reason: 'not_contacted',
    });
  }
}

async function requireOffer(tx: Tx, viewer: CaseViewer, c: typeof signalCases.$inferSelect) {
  const [offer] = await tx
    .select({ id: signalCaseEvents.id })
    .from(signalCaseEvents)
    .where(
      and(
        eq(signalCaseEvents.tenantId, viewer.tenantId),
        eq(signalCaseEvents.caseId, c.id),
        eq(signalCaseEvents.type, 'offer'),
      ),
    )
    .limit(1);
  if (!offer) {
    throw new AppError('CONFLICT', 'Record the help offered before the household accepts or refuses it', {
      reason: 'no_offer',
    });
  }
}

export async function assignCase(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { userId?: string | null; teamId?: string | null },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  const userId = input.userId === undefined ? viewer.userId : input.userId;
  const teamId = input.teamId === undefined ? c.teamId : input.teamId;
  if (input.userId) await requireAccounts(tx, viewer.tenantId, 'userId', [input.userId], 'signals.cases');
  if (input.teamId) {
    const [team] = await tx
      .select({ id: signalTeams.id })
      .from(signalTeams)
      .where(and(eq(signalTeams.tenantId, viewer.tenantId), eq(signalTeams.id, input.teamId)));
    if (!team) throw fieldError('teamId', 'a team of this municipality');
  }
  await update(tx, viewer, caseId, {
    assignedUserId: userId,
    teamId,
    status: c.status === 'new' && userId ? 'assigned' : c.status,
  });
  await step(tx, viewer, c, 'assigned', { userId, teamId }, 'Early signal: case taken on');
  return { id: caseId };
}

export async function recordAttempt(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { channel: string; result: string; note?: string },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  await update(tx, viewer, caseId, {
    firstContactAt: c.firstContactAt ?? new Date(),
    status: ['new', 'assigned'].includes(c.status) ? 'contacting' : c.status,
    assignedUserId: c.assignedUserId ?? viewer.userId,
  });
  await step(
    tx,
    viewer,
    c,
    'attempt',
    { channel: input.channel, result: input.result, note: input.note ?? null },
    `Early signal: contact attempt (${input.channel.replace('_', ' ')}), ${input.result.replace('_', ' ')}`,
    timelineChannel[input.channel],
  );
  return { id: caseId };
}

export async function offerHelp(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { kind: string; note?: string },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  requireContacted(c);
  await update(tx, viewer, caseId, { status: c.status === 'committee' ? c.status : 'help_offered' });
  await step(
    tx,
    viewer,
    c,
    'offer',
    { kind: input.kind, note: input.note ?? null },
    `Early signal: help offered (${input.kind.replace('_', ' ')})`,
  );
  return { id: caseId };
}

export async function recordResponse(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { response: string; note?: string },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  requireContacted(c);
  if (input.response !== 'unreachable') await requireOffer(tx, viewer, c);
  await update(tx, viewer, caseId, { response: input.response });
  await step(
    tx,
    viewer,
    c,
    'response',
    { response: input.response, note: input.note ?? null },
    `Early signal: help ${input.response}`,
  );
  return { id: caseId };
}

export async function closeCase(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { outcome: string; note?: string },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  requireTakenOn(c);
  // A closed case no longer gathers the person's signals: the next one starts a new case.
  await update(tx, viewer, caseId, {
    status: 'closed',
    outcome: input.outcome,
    closedAt: new Date(),
    personKey: null,
  });
  await step(
    tx,
    viewer,
    c,
    'closed',
    { outcome: input.outcome, note: input.note ?? null },
    `Early signal: case closed (${input.outcome.replace('_', ' ')})`,
  );
  return { id: caseId };
}

export async function setVulnerabilities(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  vulnerabilities: string[],
) {
  const c = await requireCase(tx, viewer, caseId);
  await update(tx, viewer, caseId, { vulnerabilities });
  await recordAudit(tx, viewer, {
    action: 'signals.case.vulnerabilities',
    recordType: 'signal_case',
    recordId: c.id,
    purpose: 'early_signals',
    details: { count: vulnerabilities.length },
  });
  await rescoreCases(tx, viewer.tenantId, [caseId], await getSettings(tx, viewer.tenantId));
  return { id: caseId };
}

export async function requestCommittee(
  tx: Tx,
  viewer: CaseViewer,
  caseId: string,
  input: { request: string; requestedDate?: string | null; note?: string },
) {
  const c = await requireCase(tx, viewer, caseId);
  requireOpen(c);
  requireTakenOn(c);
  const [item] = await tx
    .insert(committeeItems)
    .values({
      tenantId: viewer.tenantId,
      caseId,
      request: input.request,
      requestedDate: input.requestedDate ?? null,
      note: input.note ?? null,
    })
    .returning({ id: committeeItems.id });
  await update(tx, viewer, caseId, { status: 'committee' });
  await step(
    tx,
    viewer,
    c,
    'committee',
    { request: input.request, requestedDate: input.requestedDate ?? null },
    'Early signal: put before the local advisory committee',
  );
  return {
    id: item!.id,
    winterBan:
      input.request === 'disconnection' && !!input.requestedDate && isInWinterBan(input.requestedDate),
  };
}

// ---------------------------------------------------------------- review queue

export async function listReview(tx: Tx, tenantId: string): Promise<ReviewItem[]> {
  const rows = await tx
    .select({ s: signals, partnerName: partnerOrganisations.name })
    .from(signals)
    .innerJoin(
      partnerOrganisations,
      and(
        eq(partnerOrganisations.tenantId, signals.tenantId),
        eq(partnerOrganisations.id, signals.partnerId),
      ),
    )
    .where(and(eq(signals.tenantId, tenantId), eq(signals.linkStatus, 'review')))
    .orderBy(asc(signals.receivedAt))
    .limit(200);
  return rows.map(({ s, partnerName }) => ({
    signalId: s.id,
    partnerName,
    kind: s.kind as ReviewItem['kind'],
    name: `${s.givenName} ${s.familyName}`,
    birthDate: s.birthDate,
    address: `${s.street} ${s.houseNumber}${s.box ? ` bus ${s.box}` : ''}, ${s.postcode} ${s.municipality}`,
    receivedAt: s.receivedAt.toISOString(),
    candidates: (s.linkCandidates as ReviewItem['candidates'] | null) ?? [],
  }));
}

/** Staff decide an uncertain link: the household (its open case, or a new one) or none of them. */
export async function decideReview(tx: Tx, viewer: CaseViewer, signalId: string, householdId: string | null) {
  const [s] = await tx
    .select()
    .from(signals)
    .where(
      and(eq(signals.tenantId, viewer.tenantId), eq(signals.id, signalId), eq(signals.linkStatus, 'review')),
    );
  if (!s) throw notFound('The signal to review');
  const candidates = (s.linkCandidates as { householdId: string; householdName: string }[] | null) ?? [];
  const chosen = householdId ? candidates.find((c) => c.householdId === householdId) : null;
  if (householdId && !chosen) {
    throw new AppError('VALIDATION_FAILED', 'Choose one of the suggested households', [
      { in: 'body', field: 'householdId', message: 'not one of the suggestions' },
    ]);
  }
  const [team] = await tx
    .select({ id: signalTeams.id })
    .from(signalTeams)
    .where(eq(signalTeams.tenantId, viewer.tenantId))
    .orderBy(signalTeams.createdAt)
    .limit(1);
  let caseId: string | undefined;
  if (chosen) {
    const [open] = await tx
      .select({ id: signalCases.id })
      .from(signalCases)
      .where(
        and(
          eq(signalCases.tenantId, viewer.tenantId),
          eq(signalCases.householdId, chosen.householdId),
          isNull(signalCases.closedAt),
        ),
      );
    caseId = open?.id;
  }
  // None of them: the signal joins the open case of the same person, as at intake, or starts one.
  const person = chosen ? null : personKey(s.nameKey, s.birthDate, s.addressKey);
  if (person) caseId = (await openPersonCases(tx, viewer.tenantId, [person])).get(person);
  if (!caseId) {
    const [created] = await tx
      .insert(signalCases)
      .values({
        tenantId: viewer.tenantId,
        householdId: chosen?.householdId ?? null,
        personKey: person,
        label: chosen?.householdName ?? `${s.givenName} ${s.familyName}`,
        status: 'new',
        teamId: team?.id ?? null,
        firstContactDueAt: new Date(),
      })
      .returning({ id: signalCases.id });
    caseId = created!.id;
  }
  await tx
    .update(signals)
    .set({
      linkStatus: chosen ? 'linked' : 'unknown',
      householdId: chosen?.householdId ?? null,
      caseId,
      linkCandidates: null,
      linkConfidence: chosen ? 1 : null,
    })
    .where(and(eq(signals.tenantId, viewer.tenantId), eq(signals.id, signalId)));
  await rescoreCases(tx, viewer.tenantId, [caseId], await getSettings(tx, viewer.tenantId));
  await recordAudit(tx, viewer, {
    action: 'signals.review.decide',
    recordType: 'signal',
    recordId: signalId,
    purpose: 'early_signals',
    details: { householdId, caseId },
  });
  return { caseId };
}

// ---------------------------------------------------------------- partner's view

/** Picked up: someone has reached out (a contact attempt is recorded). Never why, never how. */
export async function listSubmissions(
  tx: Tx,
  tenantId: string,
  partnerId: string,
  references?: string[],
): Promise<Submission[]> {
  const where = [eq(signals.tenantId, tenantId), eq(signals.partnerId, partnerId)];
  if (references?.length) where.push(inArray(signals.reference, references));
  const rows = await tx
    .select({
      id: signals.id,
      reference: signals.reference,
      kind: signals.kind,
      receivedAt: signals.receivedAt,
      firstContactAt: signalCases.firstContactAt,
    })
    .from(signals)
    .leftJoin(
      signalCases,
      and(eq(signalCases.tenantId, signals.tenantId), eq(signalCases.id, signals.caseId)),
    )
    .where(and(...where))
    .orderBy(desc(signals.receivedAt), asc(signals.reference))
    .limit(1000);
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind as Submission['kind'],
    receivedAt: row.receivedAt.toISOString(),
    status: row.firstContactAt ? 'picked_up' : 'not_picked_up',
  }));
}

export async function listUploads(tx: Tx, tenantId: string, partnerId: string) {
  const rows = await tx
    .select()
    .from(signalUploads)
    .where(and(eq(signalUploads.tenantId, tenantId), eq(signalUploads.partnerId, partnerId)))
    .orderBy(desc(signalUploads.createdAt))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    rows: row.rows,
    created: row.created,
    duplicates: row.duplicates,
    createdAt: row.createdAt.toISOString(),
  }));
}

// ---------------------------------------------------------------- deadlines

/**
 * Cases nobody has reached out to by their deadline go to the team lead: once per case, with an
 * event on the case and an e-mail (no personal data in it, only a link).
 */
export async function escalateOverdue(
  tx: Tx,
  tenantId: string,
  publicUrl: string,
  now = new Date(),
): Promise<number> {
  const overdue = await tx
    .select({ id: signalCases.id, teamId: signalCases.teamId, leadUserId: signalTeams.leadUserId })
    .from(signalCases)
    .leftJoin(
      signalTeams,
      and(eq(signalTeams.tenantId, signalCases.tenantId), eq(signalTeams.id, signalCases.teamId)),
    )
    .where(
      and(
        eq(signalCases.tenantId, tenantId),
        isNull(signalCases.closedAt),
        isNull(signalCases.firstContactAt),
        isNull(signalCases.escalatedAt),
        lt(signalCases.firstContactDueAt, now),
      ),
    )
    .limit(1000);
  for (const c of overdue) {
    await tx
      .update(signalCases)
      .set({ escalatedAt: now })
      .where(and(eq(signalCases.tenantId, tenantId), eq(signalCases.id, c.id)));
    await tx.insert(signalCaseEvents).values({
      tenantId,
      caseId: c.id,
      type: 'escalated',
      detail: { to: c.leadUserId },
      authorName: 'deadline watch',
    });
    if (c.leadUserId) {
      const [lead] = await tx
        .select({ email: users.email, language: users.language })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, c.leadUserId)));
      if (lead) {
        await queueEmail(tx, tenantId, {
          to: lead.email,
          subject: signalTexts(lead.language).overdueSubject,
          body: signalTexts(lead.language).overdueBody(`${publicUrl}/signals/cases/${c.id}`),
        });
      }
    }
  }
  if (overdue.length > 0) {
    await recordAudit(
      tx,
      { tenantId, userId: null, label: 'deadline watch' },
      {
        action: 'signals.escalate',
        recordType: 'signal_case',
        purpose: 'early_signals',
        details: { cases: overdue.length },
      },
    );
  }
  return overdue.length;
}
