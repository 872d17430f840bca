import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';

/**
 * A retention rule: what kind of personal data it covers, how long it is kept, and how expired
 * rows are removed (deleted or anonymised). Modules register their own rules.
 */
export interface RetentionRule {
  name: string;
  description: string;
  keepDays: number;
  /**
   * Removes or anonymises rows older than the cutoff in this tenant; returns how many. The
   * transaction is the tenant's (row-level security keeps others out), and each rule names the
   * tenant in its own conditions as well: a mistake in one place does not reach another
   * municipality's rows, and a distributed database routes the statement to the tenant's shard.
   */
  sweep(tx: Tx, cutoff: Date, tenantId: string): Promise<number>;
}

const rules = new Map<string, RetentionRule>();

export function registerRetentionRule(rule: RetentionRule): void {
  rules.set(rule.name, rule);
}

export function unregisterRetentionRule(name: string): void {
  rules.delete(name);
}

export function retentionRules(): RetentionRule[] {
  return [...rules.values()];
}

export interface SweepResult {
  rule: string;
  removed: number;
}

/** One tenant's sweep: each rule in its own transaction, each removal written to the audit trail. */
export async function runRetentionSweep(
  database: Database,
  tenantId: string,
  log: Logger,
  now = new Date(),
  rules: RetentionRule[] = retentionRules(),
): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  for (const rule of rules) {
    const cutoff = new Date(now.getTime() - rule.keepDays * 86_400_000);
    const removed = await database.inTenant(tenantId, async (tx) => {
      const count = await rule.sweep(tx, cutoff, tenantId);
      if (count > 0) {
        await recordAudit(
          tx,
          { tenantId, userId: null, label: 'retention sweep' },
          {
            action: 'retention.sweep',
            recordType: 'retention_rule',
            recordId: rule.name,
            purpose: 'retention',
            details: { rule: rule.name, removed: count, cutoff: cutoff.toISOString() },
          },
        );
      }
      return count;
    });
    results.push({ rule: rule.name, removed });
    if (removed > 0) log.info({ rule: rule.name, removed }, 'retention sweep removed expired rows');
  }
  return results;
}
