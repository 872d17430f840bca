import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../modules/identity/identity.tables.ts';

/**
 * The columns every tenant-owned table starts with. `tenant_id` leads every key and is what
 * row-level security filters on (migration 0001); see docs/decisions/0002-tenancy.md.
 */
export const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
