import { randomBytes } from 'node:crypto';
import type { Database } from '../src/server/db/client.ts';
import type { App } from '../src/server/http/app.ts';
import { createTenant, createUserWithPassword } from '../src/server/modules/identity/identity.service.ts';
import { createNeighbourhood } from '../src/server/modules/registry/registry.service.ts';
import type { Role } from '../src/shared/permissions.ts';

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
