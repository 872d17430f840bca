import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, fieldError, notFound } from '../../../shared/errors.ts';
import type { ResolveInput, ReviewDoor } from '../../../shared/outreach.schemas.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.tables.ts';
import type { Viewer } from '../registry/record-rules.ts';
import { addressLabel } from '../registry/registry.service.ts';
import { isoDay, requireCampaign, retryWindow } from './outreach.service.ts';
import { type DoorResolution, outreachDoors, outreachVisits } from './outreach.tables.ts';

/**
 * Doors two visitors recorded: a coordinator or neighbourhood manager sees every record of the
 * door side by side and settles what happened there. The records themselves are never changed.
 */
export async function listReviews(tx: Tx, viewer: Viewer, campaignId: string): Promise<ReviewDoor[]> {
  await requireCampaign(tx, viewer.tenantId, campaignId);
  const doors = rowsOf<{
    id: string;
    state: ReviewDoor['state'];
    household_name: string;
    street: string;
    house_number: string;
    box: string;
    postcode: string;
    municipality: string;
  }>(await tx.execute(sqlDoors(viewer.tenantId, campaignId)));
  if (doors.length === 0) return [];
  const visits = await tx
    .select({ visit: outreachVisits, visitorName: users.displayName })
    .from(outreachVisits)
    .leftJoin(
      users,
      and(eq(users.tenantId, outreachVisits.tenantId), eq(users.id, outreachVisits.visitorUserId)),
    )
    .where(
      and(
        eq(outreachVisits.tenantId, viewer.tenantId),
        inArray(
          outreachVisits.doorId,
          doors.map((d) => d.id),
        ),
      ),
    )
    .orderBy(asc(outreachVisits.receivedAt), asc(outreachVisits.id));
  await recordAudit(tx, viewer, {
    action: 'outreach.reviews_read',
    recordType: 'outreach_campaign',
    recordId: campaignId,
    purpose: 'outreach',
    details: { doors: doors.length },
  });
  return doors.map((d) => ({
    doorId: d.id,
    label: d.household_name,
    address: addressLabel({
      street: d.street,
      houseNumber: d.house_number,
      box: d.box,
      postcode: d.postcode,
      municipality: d.municipality,
    }),
    state: d.state,
    visits: visits
      .filter((v) => v.visit.doorId === d.id)
      .map(({ visit, visitorName }) => ({
        id: visit.id,
        visitorName: visitorName ?? '',
        outcome: visit.outcome,
        retryHint: visit.retryHint,
        needs: visit.needs,
        tips: visit.tips,
        followUps: visit.followUps.map((f) => ({ kind: f.kind, consent: f.consent, note: f.note })),
        note: visit.note,
        conflict: visit.conflict,
        receivedAt: visit.receivedAt.toISOString(),
        recordedAt: visit.clientRecordedAt.toISOString(),
      })),
  }));
}

function sqlDoors(tenantId: string, campaignId: string) {
  return sql`select d.id, d.state, h.name as household_name, a.street, a.house_number, a.box, a.postcode,
      a.municipality
    from outreach_doors d
    join households h on h.tenant_id = d.tenant_id and h.id = d.household_id
    join addresses a on a.tenant_id = d.tenant_id and a.id = d.address_id
    where d.tenant_id = ${tenantId} and d.campaign_id = ${campaignId} and d.needs_review
    order by d.last_visit_at, a.street, a.house_number`;
}

/**
 * Settles a flagged door: one visitor's record is kept as what happened, or the outcome and the
 * needs heard are put together from both. The door leaves the review list; every record stays.
 */
export async function resolveDoor(
  tx: Tx,
  viewer: Viewer,
  doorId: string,
  input: ResolveInput,
): Promise<{ id: string }> {
  const [door] = await tx
    .select()
    .from(outreachDoors)
    .where(and(eq(outreachDoors.tenantId, viewer.tenantId), eq(outreachDoors.id, doorId)))
    .for('update');
  if (!door) throw notFound('The door');
  if (!door.needsReview)
    throw new AppError('CONFLICT', 'This door has nothing to settle: it is not waiting for a review', {
      reason: 'nothingToSettle',
    });
  const visits = await tx
    .select()
    .from(outreachVisits)
    .where(and(eq(outreachVisits.tenantId, viewer.tenantId), eq(outreachVisits.doorId, doorId)))
    .orderBy(asc(outreachVisits.receivedAt));
  let resolution: DoorResolution;
  const base = {
    visitIds: visits.map((v) => v.id),
    note: input.note ?? null,
    by: viewer.userId ?? '',
    at: new Date().toISOString(),
  };
  if (input.choice === 'visit') {
    const chosen = visits.find((v) => v.id === input.visitId);
    if (!chosen) throw fieldError('visitId', 'not a visit to this door');
    resolution = {
      ...base,
      choice: 'visit',
      visitId: chosen.id,
      outcome: chosen.outcome,
      needs: chosen.needs,
    };
  } else {
    if (!visits.some((v) => v.outcome === input.outcome))
      throw fieldError('outcome', 'no visitor recorded this outcome at this door');
    resolution = { ...base, choice: 'merge', visitId: null, outcome: input.outcome, needs: input.needs };
  }
  // Settled as "not home": the time to come back that record gave holds for the next try, and
  // two visitors on one day count as one try.
  const retryFrom =
    resolution.outcome === 'not_home'
      ? (visits.find((v) => v.id === resolution.visitId) ??
        visits.filter((v) => v.outcome === 'not_home').at(-1))
      : undefined;
  const retry = retryFrom
    ? {
        ...retryWindow(door, {
          retryFrom: retryFrom.retryFrom ?? undefined,
          retryUntil: retryFrom.retryUntil ?? undefined,
          retryOn: retryFrom.retryOn ?? undefined,
        }),
        attempts: new Set(visits.map((v) => isoDay(v.receivedAt))).size,
      }
    : {};
  await tx
    .update(outreachDoors)
    .set({ state: resolution.outcome, needsReview: false, resolution, ...retry })
    .where(and(eq(outreachDoors.tenantId, viewer.tenantId), eq(outreachDoors.id, doorId)));
  await recordAudit(tx, viewer, {
    action: 'outreach.door_settled',
    recordType: 'outreach_door',
    recordId: doorId,
    purpose: 'outreach',
    details: {
      choice: resolution.choice,
      visitId: resolution.visitId,
      outcome: resolution.outcome,
      needs: resolution.needs,
      visits: resolution.visitIds,
    },
  });
  return { id: doorId };
}
