import { and, eq } from 'drizzle-orm';
import { registerPersonLinkHandler } from '../registry/persons.service.ts';
import { helpNeeds } from './help.tables.ts';

/** Needs follow their contact person when two records of a person are merged, and let go when one is erased. */
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
