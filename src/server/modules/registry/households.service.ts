import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { HouseholdDetail, ReadPurpose } from '../../../shared/registry.schemas.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { personSummaries, requireReadPurpose, requireVisibleHousehold } from './persons.service.ts';
import { canSeePerson, type Viewer } from './record-rules.ts';
import { getAddress } from './registry.service.ts';
import { addresses, householdMembers, households } from './registry.tables.ts';
import { listTimeline } from './timeline.service.ts';

type Relation = HouseholdDetail['members'][number]['relation'];
type Member = { personId: string; relation: Relation };

async function requireAddress(tx: Tx, tenantId: string, addressId: string | null | undefined) {
  if (!addressId) return;
  const [row] = await tx
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.tenantId, tenantId), eq(addresses.id, addressId)));
  if (!row) throw notFound('The address');
}

async function requireMembers(tx: Tx, viewer: Viewer, members: Member[]) {
  const ids = members.map((m) => m.personId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('VALIDATION_FAILED', 'A person appears twice in the household', [
      { in: 'body', field: 'members', message: 'each person once' },
    ]);
  }
  for (const id of ids) if (!(await canSeePerson(tx, viewer, id))) throw notFound('The person');
}

/**
 * The person who speaks for a household (a request for help's contact, the one whose consent counts
 * first): its reference person, else its first member; null for a household without members.
 */
export async function householdContact(
  tx: Tx,
  tenantId: string,
  householdId: string,
): Promise<string | null> {
  const [contact] = await tx
    .select({ personId: householdMembers.personId })
    .from(householdMembers)
    .where(and(eq(householdMembers.tenantId, tenantId), eq(householdMembers.householdId, householdId)))
    .orderBy(sql`${householdMembers.relation} = 'reference_person' desc`, asc(householdMembers.createdAt))
    .limit(1);
  return contact?.personId ?? null;
}

export async function createHousehold(
  tx: Tx,
  viewer: Viewer,
  input: { name: string; addressId?: string; members: Member[] },
): Promise<{ id: string }> {
  await requireAddress(tx, viewer.tenantId, input.addressId);
  await requireMembers(tx, viewer, input.members);
  const [row] = await tx
    .insert(households)
    .values({ tenantId: viewer.tenantId, name: input.name, addressId: input.addressId ?? null })
    .returning({ id: households.id });
  const id = row!.id;
  if (input.members.length > 0) {
    await tx
      .insert(householdMembers)
      .values(input.members.map((m) => ({ tenantId: viewer.tenantId, householdId: id, ...m })));
  }
  await recordAudit(tx, viewer, {
    action: 'household.created',
    recordType: 'household',
    recordId: id,
    details: { members: input.members.length },
  });
  return { id };
}

export async function updateHousehold(
  tx: Tx,
  viewer: Viewer,
  id: string,
  change: { name?: string; addressId?: string | null },
): Promise<{ id: string }> {
  await requireVisibleHousehold(tx, viewer, id);
  await requireAddress(tx, viewer.tenantId, change.addressId);
  await tx
    .update(households)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(households.tenantId, viewer.tenantId), eq(households.id, id)));
  await recordAudit(tx, viewer, {
    action: 'household.updated',
    recordType: 'household',
    recordId: id,
    details: { fields: Object.keys(change).sort() },
  });
  return { id };
}

export async function setHouseholdMembers(tx: Tx, viewer: Viewer, id: string, members: Member[]) {
  await requireVisibleHousehold(tx, viewer, id);
  await requireMembers(tx, viewer, members);
  await tx
    .delete(householdMembers)
    .where(and(eq(householdMembers.tenantId, viewer.tenantId), eq(householdMembers.householdId, id)));
  if (members.length > 0) {
    await tx
      .insert(householdMembers)
      .values(members.map((m) => ({ tenantId: viewer.tenantId, householdId: id, ...m })));
  }
  await recordAudit(tx, viewer, {
    action: 'household.members_set',
    recordType: 'household',
    recordId: id,
    details: { members: members.map((m) => ({ personId: m.personId, relation: m.relation })) },
  });
  return { id };
}

/** The household page: address, neighbourhood, the members the viewer may see, one timeline. */
export async function getHouseholdDetail(
  tx: Tx,
  viewer: Viewer,
  id: string,
  purpose: ReadPurpose,
): Promise<HouseholdDetail> {
  requireReadPurpose(viewer, purpose);
  const household = await requireVisibleHousehold(tx, viewer, id);
  const address = household.addressId ? await getAddress(tx, viewer.tenantId, household.addressId) : null;
  const rows = await tx
    .select({ personId: householdMembers.personId, relation: householdMembers.relation })
    .from(householdMembers)
    .where(and(eq(householdMembers.tenantId, viewer.tenantId), eq(householdMembers.householdId, id)))
    .orderBy(sql`${householdMembers.createdAt}`);
  const visible: typeof rows = [];
  for (const row of rows) if (await canSeePerson(tx, viewer, row.personId)) visible.push(row);
  const summaries = await personSummaries(
    tx,
    viewer.tenantId,
    visible.map((m) => m.personId),
  );
  const members = visible.flatMap((m) => {
    const summary = summaries.get(m.personId);
    return summary ? [{ ...summary, relation: m.relation as Relation }] : [];
  });
  const timeline = await listTimeline(tx, viewer, {
    householdIds: [id],
    personIds: visible.map((m) => m.personId),
  });
  await recordAudit(tx, viewer, { action: 'household.read', recordType: 'household', recordId: id, purpose });
  return {
    household: {
      id,
      name: household.name,
      address,
      neighbourhoodId: address?.neighbourhoodId ?? null,
      neighbourhoodName: address?.neighbourhoodName ?? null,
    },
    members,
    timeline,
  };
}
