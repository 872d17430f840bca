import { and, count, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../shared/permissions.ts';
import { roles } from '../../../shared/permissions.ts';
import { recordAudit } from '../../modules/audit/audit.service.ts';
import { createTenant, findTenantBySlug } from '../../modules/identity/identity.service.ts';
import { users } from '../../modules/identity/identity.tables.ts';
import { hashPassword } from '../../modules/identity/passwords.ts';
import { addressKey, addressSearch } from '../../modules/registry/address-key.ts';
import { searchColumns } from '../../modules/registry/persons.service.ts';
import { createNeighbourhood, neighbourhoodLocator } from '../../modules/registry/registry.service.ts';
import {
  addresses,
  consents,
  householdMembers,
  households,
  neighbourhoods,
  type PolygonGeometry,
  personAccessGrants,
  persons,
  timelineEntries,
} from '../../modules/registry/registry.tables.ts';
import { hashNationalNumber, tenantHmacKey } from '../../modules/registry/tenant-secret.ts';
import { seedSignalsDemo } from '../../modules/signals/signals.demo.ts';
import type { Database, Tx } from '../client.ts';
import {
  type DemoHousehold,
  demoId,
  generateDemoCity,
  genkNeighbourhoods,
  neighbourhoodCode,
  neighbourhoodOutline,
} from './demo-city.ts';
import { seedCoaching } from './demo-coaching.ts';
import { seedHelp } from './demo-help.ts';
import { seedOutreach } from './demo-outreach.ts';

/** Published on the sign-in page in demo mode only: demo data holds no real person. */
export const DEMO_PASSWORD = 'samen-demo-2026';

const roleNames: Record<Role, string> = {
  admin: 'Anja Admin',
  coordinator: 'Koen Coördinator',
  neighbourhood_manager: 'Wendy Wijkmanager',
  social_worker: 'Sofie Maatschappelijk Werker',
  contact_agent: 'Kamal Contactcenter',
  home_visitor: 'Hanne Huisbezoeker',
  referrer: 'Tom Toeleider',
  coach: 'Carla Coach',
  volunteer: 'Vera Vrijwilliger',
  partner: 'Pieter Partner',
  steering_member: 'Stijn Stuurgroep',
  resident: 'Rana Inwoner',
};

const emailFor = (role: Role, slug: string) => `${role.replaceAll('_', '-')}@${slug}.demo`;

interface DemoTenant {
  slug: string;
  name: string;
  roles: readonly Role[];
  neighbourhoods: { name: string; isFocus: boolean; outline: PolygonGeometry }[];
  /** Whether the demo residents and households are generated for this municipality. */
  residents: boolean;
}

const demoTenants: DemoTenant[] = [
  {
    slug: 'genk',
    name: 'Genk',
    roles,
    neighbourhoods: genkNeighbourhoods.map(([name, isFocus, column, row]) => ({
      name,
      isFocus,
      outline: neighbourhoodOutline(column, row),
    })),
    residents: true,
  },
  {
    slug: 'as',
    name: 'As',
    roles: ['admin', 'coordinator', 'social_worker'],
    neighbourhoods: [
      { name: 'As-Centrum', isFocus: false, outline: block(5.58, 51.005) },
      { name: 'Niel-bij-As', isFocus: true, outline: block(5.61, 51.015) },
    ],
    residents: false,
  },
];

/** Households in the demo city: small keeps the first start fast; full is about the size of Genk. */
export const demoScales = { small: 300, full: 28_000 } as const;
export type DemoScale = keyof typeof demoScales;

function block(west: number, south: number): PolygonGeometry {
  const east = Number((west + 0.03).toFixed(4));
  const north = Number((south + 0.02).toFixed(4));
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

export function demoAccounts() {
  return {
    password: DEMO_PASSWORD,
    accounts: demoTenants.flatMap((t) =>
      t.roles.map((role) => ({ tenant: t.slug, email: emailFor(role, t.slug), roles: [role] })),
    ),
  };
}

/**
 * Creates the demo municipalities once, then the demo residents up to the requested scale. A second
 * run finds everything in place and changes nothing; a larger scale adds the missing households.
 */
export async function seedDemo(
  database: Database,
  options: { scale?: DemoScale; onProgress?: (message: string) => void } = {},
): Promise<{ created: string[]; households: number }> {
  const created: string[] = [];
  let householdsCreated = 0;
  for (const demo of demoTenants) {
    let tenantId = (await findTenantBySlug(database, demo.slug))?.id;
    if (!tenantId) {
      tenantId = await createDemoTenant(database, demo);
      created.push(demo.slug);
    }
    if (demo.residents) {
      householdsCreated += await seedResidents(
        database,
        tenantId,
        demo.slug,
        demoScales[options.scale ?? 'small'],
        options.onProgress,
      );
      const city = generateDemoCity(demo.slug, demoScales.small);
      await seedHelp(database, tenantId, demo.slug, city);
      await seedSignalsDemo(database, tenantId, demo.slug);
      await seedOutreach(database, tenantId);
      await seedCoaching(database, tenantId, demo.slug, city);
    }
  }
  return { created, households: householdsCreated };
}

async function createDemoTenant(database: Database, demo: DemoTenant): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tenantId = await createTenant(database, { slug: demo.slug, name: demo.name, defaultLanguage: 'nl' });
  await database.inTenant(tenantId, async (tx) => {
    const created = await tx
      .insert(users)
      .values(
        demo.roles.map((role) => ({
          tenantId,
          email: emailFor(role, demo.slug),
          displayName: roleNames[role],
          roles: [role],
          passwordHash,
        })),
      )
      .returning({ id: users.id, roles: users.roles });
    const manager = created.find((u) => u.roles.includes('neighbourhood_manager'));
    for (const { name, isFocus, outline } of demo.neighbourhoods) {
      const id = await createNeighbourhood(tx, tenantId, {
        code: neighbourhoodCode(name),
        name,
        isFocus,
        outline,
      });
      // The demo neighbourhood manager looks after the focus neighbourhoods.
      if (manager && isFocus) {
        await tx
          .update(neighbourhoods)
          .set({ managerUserId: manager.id })
          .where(and(eq(neighbourhoods.tenantId, tenantId), eq(neighbourhoods.id, id)));
      }
    }
    await recordAudit(
      tx,
      { tenantId, userId: null, label: 'demo seed' },
      { action: 'tenant.seeded', recordType: 'tenant', recordId: tenantId, details: { demo: true } },
    );
  });
  return tenantId;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function seedResidents(
  database: Database,
  tenantId: string,
  slug: string,
  target: number,
  onProgress?: (message: string) => void,
): Promise<number> {
  const [present] = await database.inTenant(tenantId, (tx) =>
    tx.select({ n: count() }).from(households).where(eq(households.tenantId, tenantId)),
  );
  if ((present?.n ?? 0) >= target) return 0;
  const city = generateDemoCity(slug, target);
  let inserted = 0;
  // One transaction per slice of households, so a large seed shows progress and never holds one huge transaction.
  for (const slice of chunks(city, 2000)) {
    inserted += await database.inTenant(tenantId, (tx) => insertHouseholds(tx, tenantId, slice));
    onProgress?.(`${slug}: ${Math.min(city.length, inserted)} of ${city.length} households`);
  }
  await database.inTenant(tenantId, async (tx) => {
    await grantDemoAccess(tx, tenantId, slug, city);
    if (inserted > 0) {
      await recordAudit(
        tx,
        { tenantId, userId: null, label: 'demo seed' },
        {
          action: 'registry.seeded',
          recordType: 'tenant',
          recordId: tenantId,
          details: { households: inserted },
        },
      );
    }
  });
  return inserted;
}

async function insertHouseholds(tx: Tx, tenantId: string, city: DemoHousehold[]): Promise<number> {
  const locate = await neighbourhoodLocator(tx, tenantId);
  const hmacKey = await tenantHmacKey(tx, tenantId);
  const municipality = { postcode: '3600', municipality: 'Genk' };
  const addressRows = city.map((h) => {
    const a = { ...h.address, ...municipality };
    return {
      tenantId,
      id: h.address.id,
      street: a.street,
      houseNumber: a.houseNumber,
      box: a.box,
      postcode: a.postcode,
      municipality: a.municipality,
      lat: a.lat,
      lon: a.lon,
      neighbourhoodId: locate(a.lon, a.lat),
      addressKey: addressKey(a.street, a.houseNumber, a.box, a.postcode),
      search: addressSearch(a),
    };
  });
  for (const batch of chunks(addressRows, 1000)) {
    await tx.insert(addresses).values(batch).onConflictDoNothing();
  }
  // An address someone registered before keeps its own id: link to whatever id holds the key.
  const idByKey = new Map<string, string>();
  for (const batch of chunks(addressRows, 5000)) {
    const rows = await tx
      .select({ id: addresses.id, key: addresses.addressKey })
      .from(addresses)
      .where(
        and(
          eq(addresses.tenantId, tenantId),
          inArray(
            addresses.addressKey,
            batch.map((r) => r.addressKey),
          ),
        ),
      );
    for (const row of rows) idByKey.set(row.key, row.id);
  }
  const householdRows = city.map((h, i) => ({
    tenantId,
    id: h.id,
    name: h.name,
    addressId: idByKey.get(addressRows[i]!.addressKey) ?? null,
  }));
  let inserted = 0;
  for (const batch of chunks(householdRows, 1000)) {
    inserted += (
      await tx.insert(households).values(batch).onConflictDoNothing().returning({ id: households.id })
    ).length;
  }
  const personRows = city.flatMap((h) =>
    h.members.map((p) => ({
      tenantId,
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      languages: p.languages,
      preferredLanguage: p.preferredLanguage,
      contacts: p.contacts,
      contactPreferences: p.contactPreferences,
      nationalNumberHash: p.nationalNumber ? hashNationalNumber(hmacKey, p.nationalNumber) : null,
      ...searchColumns(p, p.contacts),
    })),
  );
  for (const batch of chunks(personRows, 1000)) {
    await tx
      .insert(persons)
      .values(batch)
      .onConflictDoNothing({ target: [persons.tenantId, persons.id] });
  }
  const memberRows = city.flatMap((h) =>
    h.members.map((p) => ({ tenantId, householdId: h.id, personId: p.id, relation: p.relation })),
  );
  for (const batch of chunks(memberRows, 2000))
    await tx.insert(householdMembers).values(batch).onConflictDoNothing();
  const consentRows = city.flatMap((h) =>
    h.consents.map((c) => ({
      tenantId,
      id: c.id,
      personId: c.personId,
      purpose: c.purpose,
      legalBasis: c.legalBasis,
      status: c.status,
      method: c.method,
      recordedAt: daysAgo(c.daysAgo),
      recordedByName: 'Sofie Maatschappelijk Werker',
    })),
  );
  for (const batch of chunks(consentRows, 1000))
    await tx.insert(consents).values(batch).onConflictDoNothing();
  const timelineRows = city.flatMap((h) =>
    h.timeline.map((e) => ({
      tenantId,
      id: e.id,
      personId: e.personId,
      householdId: h.id,
      occurredAt: daysAgo(e.daysAgo),
      channel: e.channel,
      purpose: e.purpose,
      summary: e.summary,
      visibility: e.visibility,
      module: e.module,
      authorName: e.visibility === 'welfare' ? 'Sofie Maatschappelijk Werker' : 'Hanne Huisbezoeker',
    })),
  );
  for (const batch of chunks(timelineRows, 1000))
    await tx.insert(timelineEntries).values(batch).onConflictDoNothing();
  return inserted;
}

/**
 * The demo home visitor has a few people to visit. No grant goes to the coach or the volunteer: a
 * volunteer sees a need and a coach their trajectory, never the family's file (decisions 0006, 0009).
 */
async function grantDemoAccess(tx: Tx, tenantId: string, slug: string, city: DemoHousehold[]) {
  const accounts = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(eq(users.tenantId, tenantId));
  const byRole = (role: Role) => accounts.find((u) => u.roles.includes(role) && u.roles.length === 1)?.id;
  const grants: { userId: string | undefined; personId: string; reason: string }[] = [];
  for (const h of city.slice(1, 16)) {
    grants.push({ userId: byRole('home_visitor'), personId: h.members[0]!.id, reason: 'door-to-door visit' });
  }
  const rows = grants
    .filter((g): g is { userId: string; personId: string; reason: string } => g.userId !== undefined)
    .map((g) => ({ tenantId, id: demoId(slug, 'grant', g.userId, g.personId), ...g }));
  if (rows.length > 0) await tx.insert(personAccessGrants).values(rows).onConflictDoNothing();
}
