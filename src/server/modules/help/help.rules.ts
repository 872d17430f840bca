import { and, eq, sql } from 'drizzle-orm';
import { registerPersonLinkHandler } from '../registry/persons.service.ts';
import { registerRecordRule } from '../registry/registry.service.ts';
import { helpNeeds } from './help.tables.ts';

/**
 * A volunteer sees the members of a household while they hold an accepted match for one of its
 * needs, and no longer: when the need is done or closed the match ends and the rule lets go.
 */
registerRecordRule({
  name: 'help.accepted-matches',
  // A condition per person (aliases prefixed so they never shadow the caller's query).
  condition: (viewer, personId) =>
    viewer.roles.includes('volunteer')
      ? sql`exists (select 1 from help_matches help_m
          join help_needs help_n on help_n.tenant_id = help_m.tenant_id and help_n.id = help_m.need_id
          join household_members help_hm on help_hm.tenant_id = help_n.tenant_id
            and help_hm.household_id = help_n.household_id
          where help_m.tenant_id = ${viewer.tenantId} and help_m.volunteer_id = ${viewer.userId}
            and help_m.status = 'accepted' and help_n.status in ('accepted', 'in_progress')
            and help_hm.person_id = ${personId})`
      : null,
});

registerPersonLinkHandler({
  name: 'help.needs',
  async merge(tx, tenantId, keptId, removedId) {
    const rows = await tx
      .update(helpNeeds)
      .set({ contactPersonId: keptId })
      .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.contactPersonId, removedId)))
      .returning({ id: helpNeeds.id });
    return rows.length;
  },
  async erase(tx, tenantId, personId) {
    const rows = await tx
      .update(helpNeeds)
      .set({ contactPersonId: null })
      .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.contactPersonId, personId)))
      .returning({ id: helpNeeds.id });
    return rows.length;
  },
});
