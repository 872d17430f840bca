import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { tenantSecrets } from './registry.tables.ts';

/** Creates the tenant's HMAC key; called in the transaction that creates the tenant. */
export async function createTenantSecret(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
  await tx
    .insert(tenantSecrets)
    .values({ tenantId, hmacKey: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
}

/** The tenant's key; municipalities created before the key existed get one on first use. */
export async function tenantHmacKey(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.select().from(tenantSecrets).where(eq(tenantSecrets.tenantId, tenantId));
  if (row) return row.hmacKey;
  await tx
    .insert(tenantSecrets)
    .values({ tenantId, hmacKey: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [again] = await tx.select().from(tenantSecrets).where(eq(tenantSecrets.tenantId, tenantId));
  return again!.hmacKey;
}

/** The matching key other modules link on: never the number itself. */
export function hashNationalNumber(key: string, digits: string): string {
  return createHmac('sha256', key).update(digits).digest('hex');
}
