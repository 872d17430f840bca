import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { RetentionRule } from '../../jobs/retention.ts';
import { defaultSettings, getSettings } from './partners.service.ts';
import { signalCases, signals } from './signals.tables.ts';

const DAY = 86_400_000;

/** The sweep hands a cutoff for the default period; a municipality's own setting moves it. */
function cutoffFor(defaultCutoff: Date, defaultDays: number, days: number): Date {
  return new Date(defaultCutoff.getTime() + defaultDays * DAY - days * DAY);
}

/** Signals that led to no contact: deleted after six months (configurable), with their untouched cases. */
export const uncontactedSignalsRetention: RetentionRule = {
  name: 'signals.uncontacted',
  description: 'Signals that led to no contact, deleted after six months',
  keepDays: defaultSettings.keepUncontactedSignalsDays,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const tenant = sql`${tenantId}::uuid`;
    const settings = await getSettings(tx, tenantId);
    const before = cutoffFor(
      cutoff,
      defaultSettings.keepUncontactedSignalsDays,
      settings.keepUncontactedSignalsDays,
    );
    const untouched = tx
      .select({ id: signalCases.id })
      .from(signalCases)
      .where(and(eq(signalCases.tenantId, tenant), isNull(signalCases.firstContactAt)));
    const removed = await tx
      .delete(signals)
      .where(
        and(
          eq(signals.tenantId, tenant),
          lt(signals.receivedAt, before),
          or(isNull(signals.caseId), inArray(signals.caseId, untouched)),
        ),
      )
      .returning({ id: signals.id });
    // Cases left without any signal and never contacted go too.
    await tx.execute(sql`
      delete from signal_cases c
       where c.tenant_id = ${tenantId}::uuid and c.first_contact_at is null and c.created_at < ${before.toISOString()}
         and not exists (select 1 from signals s where s.tenant_id = c.tenant_id and s.case_id = c.id)`);
    return removed.length;
  },
};

/** Cases (with their signals, steps and committee items) twelve months after closing (configurable). */
export const closedCasesRetention: RetentionRule = {
  name: 'signals.closed-cases',
  description: 'Closed early-signal cases, deleted twelve months after closing',
  keepDays: defaultSettings.keepClosedCasesDays,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const tenant = sql`${tenantId}::uuid`;
    const settings = await getSettings(tx, tenantId);
    const before = cutoffFor(cutoff, defaultSettings.keepClosedCasesDays, settings.keepClosedCasesDays);
    const expired = tx
      .select({ id: signalCases.id })
      .from(signalCases)
      .where(and(eq(signalCases.tenantId, tenant), lt(signalCases.closedAt, before)));
    await tx.delete(signals).where(and(eq(signals.tenantId, tenant), inArray(signals.caseId, expired)));
    const removed = await tx
      .delete(signalCases)
      .where(and(eq(signalCases.tenantId, tenant), lt(signalCases.closedAt, before)))
      .returning({ id: signalCases.id });
    return removed.length;
  },
};

export const signalsRetentionRules = [uncontactedSignalsRetention, closedCasesRetention];
