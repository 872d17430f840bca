import { and, eq, sql } from 'drizzle-orm';
import { areaLocator } from '../../../engines/geo/point-in-polygon.ts';
import { notFound } from '../../../shared/errors.ts';
import { normaliseText } from '../../../shared/normalise.ts';
import type { Address, AddressInput } from '../../../shared/registry.schemas.ts';
import { preparedRows, rowsOf, type Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.tables.ts';
import { addressKey, addressSearch } from './address-key.ts';
import { addresses, neighbourhoods, type PolygonGeometry } from './registry.tables.ts';

export { mayAct } from './consent.service.ts';
export { registerRecordRule } from './record-rules.ts';
export { recordContact } from './timeline.service.ts';

// ---------------------------------------------------------------- neighbourhoods

/** Neighbourhoods by name; each outline comes as the database's GeoJSON text, to pass on unparsed. */
export function listNeighbourhoods(tx: Tx, tenantId: string) {
  return preparedRows<{ id: string; code: string; name: string; isFocus: boolean; outlineJson: string }>(
    tx,
    'neighbourhoods_list',
    `select id, code, name, is_focus as "isFocus", outline::text as "outlineJson" from neighbourhoods
     where tenant_id = $1 order by name`,
    [tenantId],
  );
}

/**
 * Households and residents per neighbourhood: aggregates only, for the map (a steering group member
 * may see these and nothing about anyone in particular).
 */
export async function neighbourhoodCounts(tx: Tx, tenantId: string) {
  const rows = rowsOf<{ id: string; households: number; residents: number }>(
    await tx.execute(sql`
      select a.neighbourhood_id as id, count(distinct h.id)::int as households, count(hm.person_id)::int as residents
      from households h
      join addresses a on a.tenant_id = h.tenant_id and a.id = h.address_id
      left join household_members hm on hm.tenant_id = h.tenant_id and hm.household_id = h.id
      where h.tenant_id = ${tenantId} and a.neighbourhood_id is not null
      group by a.neighbourhood_id`),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export async function createNeighbourhood(
  tx: Tx,
  tenantId: string,
  input: { code: string; name: string; isFocus: boolean; outline: PolygonGeometry },
) {
  const [row] = await tx
    .insert(neighbourhoods)
    .values({ tenantId, ...input })
    .returning({ id: neighbourhoods.id });
  return row!.id;
}

/** Names the neighbourhood manager, or marks a focus neighbourhood. */
export async function updateNeighbourhood(
  tx: Tx,
  actor: Actor,
  id: string,
  change: { managerUserId?: string | null; isFocus?: boolean },
) {
  if (change.managerUserId) {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, change.managerUserId)));
    if (!user) throw notFound('The account');
  }
  const [row] = await tx
    .update(neighbourhoods)
    .set(change)
    .where(and(eq(neighbourhoods.tenantId, actor.tenantId), eq(neighbourhoods.id, id)))
    .returning({ id: neighbourhoods.id });
  if (!row) throw notFound('The neighbourhood');
  await recordAudit(tx, actor, {
    action: 'neighbourhood.updated',
    recordType: 'neighbourhood',
    recordId: id,
    details: change,
  });
  return { id };
}

/** A function that tells which of the tenant's neighbourhoods a point lies in. */
export async function neighbourhoodLocator(tx: Tx, tenantId: string) {
  const areas = await tx
    .select({ id: neighbourhoods.id, outline: neighbourhoods.outline })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.tenantId, tenantId));
  const locate = areaLocator(areas);
  return (lon: number | null | undefined, lat: number | null | undefined) =>
    lon === null || lon === undefined || lat === null || lat === undefined
      ? null
      : (locate(lon, lat)?.id ?? null);
}

// ---------------------------------------------------------------- addresses

interface AddressRow {
  id: string;
  street: string;
  house_number: string;
  box: string;
  postcode: string;
  municipality: string;
  lat: number | null;
  lon: number | null;
  neighbourhood_id: string | null;
  neighbourhood_name: string | null;
}

const addressSelect = sql`select a.id, a.street, a.house_number, a.box, a.postcode, a.municipality, a.lat, a.lon,
  a.neighbourhood_id, n.name as neighbourhood_name
  from addresses a left join neighbourhoods n on n.tenant_id = a.tenant_id and n.id = a.neighbourhood_id`;

function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    street: row.street,
    houseNumber: row.house_number,
    box: row.box || null,
    postcode: row.postcode,
    municipality: row.municipality,
    lat: row.lat === null ? null : Number(row.lat),
    lon: row.lon === null ? null : Number(row.lon),
    neighbourhoodId: row.neighbourhood_id,
    neighbourhoodName: row.neighbourhood_name,
  };
}

export function addressLabel(a: {
  street: string;
  houseNumber: string;
  box: string | null;
  postcode: string;
  municipality: string;
}) {
  return `${a.street} ${a.houseNumber}${a.box ? ` bus ${a.box}` : ''}, ${a.postcode} ${a.municipality}`;
}

export async function getAddress(tx: Tx, tenantId: string, id: string): Promise<Address | null> {
  const [row] = rowsOf<AddressRow>(
    await tx.execute(sql`${addressSelect} where a.tenant_id = ${tenantId} and a.id = ${id}`),
  );
  return row ? toAddress(row) : null;
}

/** Adds an address, or returns the one already registered with the same street, number, box and postcode. */
export async function createAddress(
  tx: Tx,
  actor: Actor,
  input: AddressInput,
): Promise<{ address: Address; created: boolean }> {
  const box = input.box ?? '';
  const key = addressKey(input.street, input.houseNumber, box, input.postcode);
  const locate = await neighbourhoodLocator(tx, actor.tenantId);
  const [row] = await tx
    .insert(addresses)
    .values({
      tenantId: actor.tenantId,
      street: input.street,
      houseNumber: input.houseNumber,
      box,
      postcode: input.postcode,
      municipality: input.municipality,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      neighbourhoodId: locate(input.lon, input.lat),
      addressKey: key,
      search: addressSearch({ ...input, box }),
    })
    .onConflictDoNothing({ target: [addresses.tenantId, addresses.addressKey] })
    .returning({ id: addresses.id });
  if (row) {
    await recordAudit(tx, actor, { action: 'address.created', recordType: 'address', recordId: row.id });
    return { address: (await getAddress(tx, actor.tenantId, row.id))!, created: true };
  }
  const [existing] = await tx
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.tenantId, actor.tenantId), eq(addresses.addressKey, key)));
  return { address: (await getAddress(tx, actor.tenantId, existing!.id))!, created: false };
}

/** Street, number and postcode; partial and accent-insensitive (index-backed, see migration 0006). */
export async function searchAddresses(
  tx: Tx,
  tenantId: string,
  q: string,
  limit: number,
): Promise<Address[]> {
  const needle = normaliseQuery(q);
  if (!needle) return [];
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
  const rows = rowsOf<AddressRow & { score: number }>(
    await tx.execute(sql`${addressSelect}
      join search_address_ids(${needle}, ${`%${likeEscape(needle)}%`}, ${limit}) s on s.id = a.id
      where a.tenant_id = ${tenantId}
      order by s.score desc, a.street, a.house_number`),
  );
  return rows.map(toAddress);
}

export function normaliseQuery(q: string): string {
  return normaliseText(q).slice(0, 100);
}

export function likeEscape(value: string): string {
  return value.replaceAll(/[\\%_]/g, (c) => `\\${c}`);
}
