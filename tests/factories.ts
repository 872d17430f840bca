import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../src/server/db/client.ts';
import type { App } from '../src/server/http/app.ts';
import { createCohort, createProgramme } from '../src/server/modules/coaching/coaching.service.ts';
import {
  coachingAttendance,
  coachingCoaches,
  coachingTrainingSessions,
} from '../src/server/modules/coaching/coaching.tables.ts';
import { centreOf } from '../src/server/modules/help/help.matching.ts';
import { volunteers } from '../src/server/modules/help/help.tables.ts';
import { createTenant, createUserWithPassword } from '../src/server/modules/identity/identity.service.ts';
import { createNeighbourhood } from '../src/server/modules/registry/registry.service.ts';
import { neighbourhoods } from '../src/server/modules/registry/registry.tables.ts';
import type { Role } from '../src/shared/permissions.ts';

/** A rectangle as a GeoJSON polygon (a neighbourhood's outline in tests), corners in degrees. */
export const rect = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

export const TEST_PASSWORD = 'correct horse battery staple';

export async function buildTenant(database: Database, name = 'Testgem') {
  const slug = `${name.toLowerCase().replaceAll(/[^a-z]/g, '')}-${randomBytes(3).toString('hex')}`;
  const id = await createTenant(database, { slug, name, defaultLanguage: 'nl' });
  return { id, slug, name };
}

export async function buildUser(database: Database, tenantId: string, roles: Role[], email?: string) {
  const address = email ?? `${roles.join('-')}-${randomBytes(3).toString('hex')}@example.org`;
  const id = await database.inTenant(tenantId, (tx) =>
    createUserWithPassword(tx, tenantId, {
      email: address,
      displayName: `Test ${roles.join(' ')}`,
      roles,
      password: TEST_PASSWORD,
    }),
  );
  return { id, email: address };
}

/** The focus neighbourhood most integration tests place their households and requests in. */
export const winterslag = {
  code: 'winterslag',
  name: 'Winterslag',
  isFocus: true,
  outline: rect(5.45, 50.95, 5.5, 50.98),
};

/** Winterslag (see `winterslag`) in a tenant: its id. */
export async function buildWinterslag(database: Database, tenantId: string) {
  return database.inTenant(tenantId, (tx) => createNeighbourhood(tx, tenantId, winterslag));
}

export async function buildNeighbourhood(database: Database, tenantId: string, name = 'Centrum') {
  return database.inTenant(tenantId, (tx) =>
    createNeighbourhood(tx, tenantId, {
      code: name.toLowerCase(),
      name,
      isFocus: false,
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [5.4, 50.9],
            [5.5, 50.9],
            [5.5, 51],
            [5.4, 50.9],
          ],
        ],
      },
    }),
  );
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in through the API, as a browser would, and returns what later requests need. */
export async function signIn(
  app: App,
  tenantSlug: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { tenant: tenantSlug, email, password },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  const setCookie = [login.headers['set-cookie']].flat()[0]!;
  const cookie = setCookie.split(';')[0]!;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const csrf = me.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** A volunteer with a profile, as the public sign-up leaves one; `wantsCoaching` is the "coach" choice. */
export async function buildVolunteer(
  database: Database,
  tenantId: string,
  options: { wantsCoaching?: boolean; languages?: string[]; areaId?: string | null } = {},
) {
  const user = await buildUser(database, tenantId, ['volunteer']);
  await database.inTenant(tenantId, (tx) =>
    tx.insert(volunteers).values({
      tenantId,
      userId: user.id,
      languages: options.languages ?? ['nl'],
      homeAreaId: options.areaId ?? null,
      homeLat: 50.965,
      homeLon: 5.475,
      wantsCoaching: options.wantsCoaching ?? true,
    }),
  );
  return user;
}

/** A talent coaching programme with its cohorts (the pilot of 20 and the next of 150 unless told). */
export async function buildCoachingProgramme(
  database: Database,
  tenantId: string,
  options: { cohorts?: { name: string; size: number }[]; safetySituations?: string[] } = {},
) {
  const actor = { tenantId, userId: null, label: 'test' };
  return database.inTenant(tenantId, async (tx) => {
    const { id } = await createProgramme(tx, actor, {
      name: `Talentcoaching ${randomBytes(2).toString('hex')}`,
      targetGroup: { childAgeFrom: 4, childAgeTo: 6, description: 'Gezinnen met een kind van ongeveer vijf' },
      capacity: 200,
      startsOn: '2026-01-01',
      endsOn: '2029-12-31',
      requiredSessions: ['communication', 'involvement', 'boundaries'],
      safetySituations: options.safetySituations ?? ['a child is in danger'],
    });
    const cohorts: string[] = [];
    for (const c of options.cohorts ?? [
      { name: 'Pilot', size: 20 },
      { name: 'Tweede groep', size: 150 },
    ]) {
      cohorts.push((await createCohort(tx, actor, id, { ...c, startsOn: '2026-09-01' })).id);
    }
    return { id, cohorts };
  });
}

/**
 * A coach (volunteer and coach roles) with a profile; `trained` records attendance of the three
 * required sessions, `screened` the screening date.
 */
export async function buildCoach(
  database: Database,
  tenantId: string,
  options: {
    languages?: string[];
    areaId: string;
    trained?: boolean;
    screened?: boolean;
    capacity?: number;
    gender?: 'female' | 'male';
  },
) {
  const user = await buildUser(database, tenantId, ['volunteer', 'coach']);
  await database.inTenant(tenantId, async (tx) => {
    const [area] = await tx
      .select()
      .from(neighbourhoods)
      .where(and(eq(neighbourhoods.tenantId, tenantId), eq(neighbourhoods.id, options.areaId)));
    const home = centreOf(area!.outline);
    await tx.insert(volunteers).values({ tenantId, userId: user.id, wantsCoaching: true });
    await tx.insert(coachingCoaches).values({
      tenantId,
      userId: user.id,
      languages: options.languages ?? ['nl'],
      areaId: options.areaId,
      homeLat: home.lat,
      homeLon: home.lon,
      maxDistanceKm: 10,
      capacity: options.capacity ?? 2,
      gender: options.gender ?? null,
      screenedOn: options.screened === false ? null : '2026-01-15',
    });
    if (options.trained !== false) {
      for (const topic of ['communication', 'involvement', 'boundaries']) {
        const [session] = await tx
          .insert(coachingTrainingSessions)
          .values({ tenantId, topic, title: topic, heldOn: '2026-02-01' })
          .returning();
        await tx.insert(coachingAttendance).values({ tenantId, sessionId: session!.id, coachId: user.id });
      }
    }
  });
  return user;
}
