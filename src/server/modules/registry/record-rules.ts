import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/permissions.ts';
import { today } from '../../clock.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import type { Actor } from '../audit/audit.service.ts';

/** Someone looking at persons: who they are and in which roles. */
export interface Viewer extends Actor {
  userId: string;
  roles: readonly Role[];
}

/**
 * Which persons a user may see. A module registers a rule in one of two forms: `persons` answers
 * 'all' (every person of the municipality), a query returning the person ids this user may see
 * (`select person_id from ...`), or null (nothing from this rule); `condition` answers the same as a
 * SQL condition on one person id (usually `exists (...)`, checked per person through indexes, the
 * better form when the set is large; aliases start with the rule's own prefix so they never shadow
 * the caller's). A person is visible when any rule lets them through. Modules add their own rules
 * (a coach's families, a volunteer's matches); access grants cover the links made by hand.
 */
export interface RecordRule {
  name: string;
  persons?(viewer: Viewer): 'all' | SQL | null;
  condition?(viewer: Viewer, personId: SQL): 'all' | SQL | null;
}

const rules = new Map<string, RecordRule>();

export function registerRecordRule(rule: RecordRule): void {
  rules.set(rule.name, rule);
}

export function recordRules(): RecordRule[] {
  return [...rules.values()];
}

/** Roles that work with every person of their municipality. */
const fullAccessRoles: readonly Role[] = ['coordinator', 'social_worker', 'contact_agent'];

registerRecordRule({
  name: 'registry.full-access',
  persons: (viewer) => (viewer.roles.some((role) => fullAccessRoles.includes(role)) ? 'all' : null),
});

registerRecordRule({
  name: 'registry.neighbourhood-manager',
  condition: (viewer, personId) =>
    viewer.roles.includes('neighbourhood_manager')
      ? sql`exists (select 1 from household_members rr_hm
          join households rr_h on rr_h.tenant_id = rr_hm.tenant_id and rr_h.id = rr_hm.household_id
          join addresses rr_a on rr_a.tenant_id = rr_h.tenant_id and rr_a.id = rr_h.address_id
          join neighbourhoods rr_n on rr_n.tenant_id = rr_a.tenant_id and rr_n.id = rr_a.neighbourhood_id
          where rr_hm.tenant_id = ${viewer.tenantId} and rr_hm.person_id = ${personId}
            and rr_n.manager_user_id = ${viewer.userId})`
      : null,
});

registerRecordRule({
  name: 'registry.access-grants',
  condition: (viewer, personId) =>
    sql`exists (select 1 from person_access_grants rr_g
        where rr_g.tenant_id = ${viewer.tenantId} and rr_g.user_id = ${viewer.userId}
          and rr_g.person_id = ${personId} and (rr_g.until is null or rr_g.until >= ${today()}::date))`,
});

/**
 * A condition on a person id column: true for the persons this viewer may see. Returns null when
 * the viewer may see everyone (no condition needed).
 */
export function visiblePersonCondition(viewer: Viewer, column: SQL): SQL | null {
  const conditions: SQL[] = [];
  for (const rule of rules.values()) {
    const set = rule.persons?.(viewer) ?? null;
    const condition = rule.condition?.(viewer, column) ?? null;
    if (set === 'all' || condition === 'all') return null;
    if (set) conditions.push(sql`${column} in (${set})`);
    if (condition) conditions.push(condition);
  }
  if (conditions.length === 0) return sql`false`;
  return sql`(${sql.join(conditions, sql` or `)})`;
}

export async function canSeePerson(tx: Tx, viewer: Viewer, personId: string): Promise<boolean> {
  const condition = visiblePersonCondition(viewer, sql.raw('p.id'));
  const rows = rowsOf(
    await tx.execute(
      sql`select 1 from persons p where p.id = ${personId} ${condition ? sql`and ${condition}` : sql``}`,
    ),
  );
  return rows.length > 0;
}
