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

/**
 * The tenant column of a high-volume intake table (early signals and their cases), without the
 * per-row foreign-key check: row-level security's WITH CHECK already holds every row to the
 * transaction's tenant, which the app sets only from a signed-in session or a verified key, so the
 * check repeats what the policy guarantees and cost a third of the insert time (decision 0007).
 */
export const intakeTenantId = () => uuid('tenant_id').notNull();
