import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, type SignedIn, signIn } from '../../../tests/factories.ts';
import { createTestApp, openTestDatabase, type TestDatabase } from '../../../tests/integration/harness.ts';
import { permissionMap, type Role, type RouteAccess, roles } from '../../shared/permissions.ts';
import type { App } from './app.ts';

/**
 * Every API route and who may call it. A route added to the app but not to this table fails the
 * first test, so no route reaches production without a decision about who may use it.
 */
const expected: Record<string, RouteAccess> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/tenants': 'public',
  'GET /api/demo/accounts': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/set-password': 'public',
  'GET /api/auth/me': 'authenticated',
  'POST /api/auth/logout': 'authenticated',
  'PUT /api/auth/language': 'authenticated',
  'GET /api/admin/users': 'users.read',
  'POST /api/admin/users': 'users.manage',
  'PATCH /api/admin/users/:id': 'users.manage',
  'GET /api/audit': 'audit.read',
  'GET /api/admin/outbox': 'outbox.read',
  'GET /api/neighbourhoods': 'neighbourhoods.read',
  'PATCH /api/neighbourhoods/:id': 'neighbourhoods.manage',
  'GET /api/persons': 'persons.read',
  'POST /api/persons': 'persons.write',
  'GET /api/persons/:id': 'persons.read',
  'PATCH /api/persons/:id': 'persons.write',
  'DELETE /api/persons/:id': 'persons.rights',
  'POST /api/persons/:id/merge': 'persons.merge',
  'POST /api/persons/:id/consents': 'consents.write',
  'POST /api/persons/:id/timeline': 'timeline.write',
  'GET /api/persons/:id/export': 'persons.rights',
  'GET /api/persons/:id/export.html': 'persons.rights',
  'POST /api/persons/:id/anonymise': 'persons.rights',
  'POST /api/households': 'households.write',
  'GET /api/households/:id': 'persons.read',
  'PATCH /api/households/:id': 'households.write',
  'PUT /api/households/:id/members': 'households.write',
  'GET /api/addresses': 'addresses.read',
  'POST /api/addresses': 'addresses.write',
  'POST /api/address-imports/preview': 'addresses.import',
  'POST /api/address-imports': 'addresses.import',
  'GET /api/address-imports/:id': 'addresses.import',
  'POST /api/legal-holds': 'legal_holds.manage',
  'DELETE /api/legal-holds/:id': 'legal_holds.manage',
  'POST /api/access-grants': 'access_grants.manage',
  'DELETE /api/access-grants/:id': 'access_grants.manage',
  'GET /api/help/public/catalogue': 'public',
  'POST /api/help/public/signups': 'public',
  'POST /api/help/public/signups/confirm': 'public',
  'POST /api/help/public/needs': 'public',
  'POST /api/help/public/feedback/open': 'public',
  'POST /api/help/public/feedback': 'public',
  'GET /api/help/types': 'help.types.read',
  'POST /api/help/types': 'help.types.manage',
  'PATCH /api/help/types/:id': 'help.types.manage',
  'GET /api/help/me': 'help.volunteer',
  'PUT /api/help/me/profile': 'help.volunteer',
  'GET /api/help/matches/:id': 'help.volunteer',
  'POST /api/help/matches/:id/accept': 'help.volunteer',
  'POST /api/help/matches/:id/decline': 'help.volunteer',
  'POST /api/help/matches/:id/complete': 'help.volunteer',
  'POST /api/help/matches/:id/hours': 'help.volunteer',
  'GET /api/help/volunteers': 'help.volunteers.manage',
  'PATCH /api/help/volunteers/:id': 'help.volunteers.manage',
  'GET /api/help/needs': 'help.needs.read',
  'POST /api/help/needs': 'help.needs.write',
  'POST /api/help/needs/:id/called-back': 'help.needs.write',
  'GET /api/help/organisations': 'help.needs.write',
  'GET /api/help/needs/:id': 'help.needs.read',
  'POST /api/help/needs/:id/status': 'help.needs.write',
  'PUT /api/help/needs/:id': 'help.needs.write',
  'POST /api/help/needs/:id/household': 'help.needs.write',
  'POST /api/help/needs/:id/feedback': 'help.needs.write',
  'POST /api/help/needs/:id/feedback-link': 'help.needs.write',
  'GET /api/help/needs/:id/candidates': 'help.match',
  'POST /api/help/needs/:id/proposals': 'help.match',
  'PUT /api/help/needs/:id/picks': 'help.match',
  'GET /api/help/board': 'help.match',
  'POST /api/help/matching/run': 'help.match',
  'POST /api/help/matching/send': 'help.match',
  'GET /api/help/figures': 'help.insight',
  'POST /api/signals/intake': 'partner_api',
  'GET /api/signals/intake/status': 'partner_api',
  'POST /api/signals/uploads/preview': 'signals.send',
  'POST /api/signals/uploads': 'signals.send',
  'GET /api/signals/uploads': 'signals.send',
  'GET /api/signals/submissions': 'signals.send',
  'GET /api/signals/keys': 'signals.keys',
  'POST /api/signals/keys': 'signals.keys',
  'POST /api/signals/keys/adopt': 'signals.keys',
  'POST /api/signals/keys/:id/rotate': 'signals.keys',
  'DELETE /api/signals/keys/:id': 'signals.keys',
  'GET /api/signals/partners': 'signals.partners',
  'POST /api/signals/partners': 'signals.partners',
  'PUT /api/signals/partners/:id/members': 'signals.partners',
  'GET /api/signals/teams': 'signals.teams',
  'POST /api/signals/teams': 'signals.settings',
  'GET /api/signals/settings': 'signals.settings',
  'PUT /api/signals/settings': 'signals.settings',
  'GET /api/signals/review': 'signals.review',
  'POST /api/signals/review/:id': 'signals.review',
  'GET /api/signals/cases': 'signals.cases',
  'GET /api/signals/cases/:id': 'signals.cases',
  'POST /api/signals/cases/:id/assign': 'signals.cases',
  'POST /api/signals/cases/:id/attempts': 'signals.cases',
  'POST /api/signals/cases/:id/offers': 'signals.cases',
  'POST /api/signals/cases/:id/response': 'signals.cases',
  'POST /api/signals/cases/:id/close': 'signals.cases',
  'POST /api/signals/cases/:id/vulnerabilities': 'signals.cases',
  'POST /api/signals/cases/:id/committee': 'signals.cases',
  'GET /api/signals/committee/meetings': 'signals.committee',
  'POST /api/signals/committee/meetings': 'signals.committee',
  'GET /api/signals/committee/meetings/:id': 'signals.committee',
  'GET /api/signals/committee/meetings/:id/minutes.html': 'signals.committee',
  'POST /api/signals/committee/items/:id/decision': 'signals.committee',
  'GET /api/outreach/options': 'outreach.manage',
  'GET /api/outreach/campaigns': 'outreach.progress',
  'POST /api/outreach/campaigns': 'outreach.manage',
  'GET /api/outreach/campaigns/:id': 'outreach.progress',
  'POST /api/outreach/campaigns/:id/shifts': 'outreach.manage',
  'POST /api/outreach/campaigns/:id/plan': 'outreach.manage',
  'GET /api/outreach/campaigns/:id/progress': 'outreach.progress',
  'PATCH /api/outreach/doors/:id': 'outreach.manage',
  'PATCH /api/outreach/campaigns/:id': 'outreach.manage',
  'PATCH /api/outreach/shifts/:id': 'outreach.manage',
  'DELETE /api/outreach/shifts/:id': 'outreach.manage',
  'POST /api/outreach/campaigns/:id/revisits': 'outreach.manage',
  'GET /api/outreach/campaigns/:id/reviews': 'outreach.manage',
  'POST /api/outreach/doors/:id/resolve': 'outreach.manage',
  'GET /api/outreach/my-rounds': 'outreach.visit',
  'POST /api/outreach/sync': 'outreach.visit',
  'GET /api/outreach/concerns': 'outreach.concerns',
  'POST /api/outreach/concerns/:id/done': 'outreach.concerns',
  'GET /api/coaching/programmes': 'coaching.manage',
  'POST /api/coaching/programmes': 'coaching.manage',
  'POST /api/coaching/programmes/:id/cohorts': 'coaching.manage',
  'GET /api/coaching/refer/options': 'coaching.refer',
  'POST /api/coaching/refer': 'coaching.refer',
  'GET /api/coaching/refer/mine': 'coaching.refer',
  'GET /api/coaching/referrals': 'coaching.manage',
  'GET /api/coaching/referrals/:id': 'coaching.manage',
  'POST /api/coaching/referrals/:id/intake': 'coaching.manage',
  'GET /api/coaching/coaches': 'coaching.manage',
  'POST /api/coaching/coaches': 'coaching.manage',
  'PATCH /api/coaching/coaches/:id': 'coaching.manage',
  'GET /api/coaching/training': 'coaching.manage',
  'POST /api/coaching/training': 'coaching.manage',
  'PUT /api/coaching/training/:id/attendance': 'coaching.manage',
  'POST /api/coaching/cohorts/:id/matchmaking': 'coaching.manage',
  'POST /api/coaching/matches': 'coaching.manage',
  'GET /api/coaching/alerts': 'coaching.manage',
  'GET /api/coaching/worries': 'coaching.manage',
  'POST /api/coaching/worries/:id/handle': 'coaching.manage',
  'GET /api/coaching/trajectories': 'coaching.trajectory',
  'GET /api/coaching/trajectories/:id': 'coaching.trajectory',
  'POST /api/coaching/trajectories/:id/meetings': 'coaching.trajectory',
  'POST /api/coaching/trajectories/:id/goals': 'coaching.trajectory',
  'POST /api/coaching/trajectories/:id/checkins': 'coaching.trajectory',
  'POST /api/coaching/trajectories/:id/worries': 'coaching.coach',
  'POST /api/coaching/trajectories/:id/supporters': 'coaching.manage',
  'POST /api/coaching/trajectories/:id/end': 'coaching.manage',
  'GET /api/coaching/me': 'coaching.coach',
  'PUT /api/coaching/me/profile': 'coaching.coach',
  'GET /api/coaching/dashboard': 'coaching.insight',
  'POST /api/dev/clock': 'dev.clock',
};

function allowed(access: RouteAccess, role: Role | 'anonymous'): boolean {
  if (access === 'public') return true;
  // Partner systems call with an API key; a session (any role) is not enough.
  if (access === 'partner_api') return false;
  if (role === 'anonymous') return false;
  if (access === 'authenticated') return true;
  return permissionMap[access].includes(role);
}

describe('every route as every role', () => {
  let t: TestDatabase;
  let app: App;
  const sessions = new Map<Role, SignedIn>();

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    app = await createTestApp(t.database);
    const tenant = await buildTenant(t.database);
    for (const role of roles) {
      const user = await buildUser(t.database, tenant.id, [role]);
      sessions.set(role, await signIn(app, tenant.slug, user.email));
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('has a decision for every route, and no decision for a route that is gone', () => {
    const actual = Object.fromEntries(
      app.apiRoutes.filter((r) => r.method !== 'HEAD').map((r) => [`${r.method} ${r.url}`, r.access]),
    );
    expect(actual).toEqual(expected);
  });

  it('lets in exactly the roles the permission map names', async () => {
    const failures: string[] = [];
    for (const [key, access] of Object.entries(expected)) {
      const [method, template] = key.split(' ') as [string, string];
      const url = template.replace(':id', randomUUID());
      for (const role of ['anonymous' as const, ...roles]) {
        // Sign-out ends the session: leave it for last, per role, below.
        if (key === 'POST /api/auth/logout') continue;
        const session = role === 'anonymous' ? undefined : sessions.get(role);
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers: { ...(session?.headers ?? {}), 'content-type': 'application/json' },
          payload: method === 'GET' ? undefined : '{}',
        });
        const denied = response.statusCode === 401 || response.statusCode === 403;
        if (denied === allowed(access, role)) failures.push(`${key} as ${role}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets every signed-in role sign out, and nobody anonymous', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/auth/logout', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    for (const role of roles) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: sessions.get(role)!.headers,
        payload: {},
      });
      expect(response.statusCode, role).toBe(200);
    }
  });
});
