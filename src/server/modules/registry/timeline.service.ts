import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { visibleTimelineLevels } from '../../../shared/permissions.ts';
import type { TimelineEntry, TimelineValues } from '../../../shared/registry.schemas.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { Viewer } from './record-rules.ts';
import { timelineEntries } from './registry.tables.ts';

type Channel = TimelineEntry['channel'];
type Visibility = TimelineEntry['visibility'];

/** A contact moment, as any module reports it. */
export interface ContactMoment {
  personId?: string | null;
  householdId?: string | null;
  occurredAt?: Date;
  channel: Channel;
  /** What the contact was for, in a word or two: "home visit", "question", "coaching". */
  purpose: string;
  /** A short, respectful summary; details stay in the module's own record. */
  summary: string;
  /**
   * The same summary as a key of the web app's `timeline` texts, so each reader sees it in their own
   * language; `summary` stays as the English words for exports and the record.
   */
  summaryKey?: string;
  summaryValues?: TimelineValues;
  visibility: Visibility;
  /** The module and its record this moment belongs to. */
  module: string;
  recordType?: string;
  recordId?: string;
}

type Row = typeof timelineEntries.$inferSelect;

export function toTimelineEntry(row: Row): TimelineEntry {
  return {
    id: row.id,
    personId: row.personId,
    householdId: row.householdId,
    occurredAt: row.occurredAt.toISOString(),
    channel: row.channel as Channel,
    purpose: row.purpose,
    summary: row.summary,
    summaryKey: row.summaryKey,
    summaryValues: row.summaryValues,
    visibility: row.visibility,
    module: row.module,
    recordType: row.recordType,
    recordId: row.recordId,
    authorId: row.authorId,
    authorName: row.authorName,
  };
}

/**
 * The one way every module writes to the shared timeline, in the caller's transaction. The caller
 * has already checked that the person and household exist and that its user may act on them.
 */
export async function recordContact(tx: Tx, actor: Actor, moment: ContactMoment): Promise<TimelineEntry> {
  const [row] = await tx
    .insert(timelineEntries)
    .values({
      tenantId: actor.tenantId,
      personId: moment.personId ?? null,
      householdId: moment.householdId ?? null,
      occurredAt: moment.occurredAt ?? new Date(),
      channel: moment.channel,
      purpose: moment.purpose,
      summary: moment.summary,
      summaryKey: moment.summaryKey ?? null,
      summaryValues: moment.summaryValues ?? null,
      visibility: moment.visibility,
      module: moment.module,
      recordType: moment.recordType ?? null,
      recordId: moment.recordId ?? null,
      authorId: actor.userId,
      authorName: actor.label,
    })
    .returning();
  return toTimelineEntry(row!);
}

/**
 * One timeline for a set of persons and households, newest first, holding only the entries the
 * viewer's roles may see (a volunteer never sees a welfare note).
 */
export async function listTimeline(
  tx: Tx,
  viewer: Pick<Viewer, 'tenantId' | 'roles'> | 'everything',
  about: { personIds?: string[]; householdIds?: string[] },
  limit = 200,
): Promise<TimelineEntry[]> {
  const targets: SQL[] = [];
  if (about.personIds?.length) targets.push(inArray(timelineEntries.personId, about.personIds));
  if (about.householdIds?.length) targets.push(inArray(timelineEntries.householdId, about.householdIds));
  if (targets.length === 0) return [];
  const where: (SQL | undefined)[] = [or(...targets)];
  if (viewer !== 'everything') {
    const levels = visibleTimelineLevels(viewer.roles);
    if (levels.length === 0) return [];
    where.push(inArray(timelineEntries.visibility, levels), eq(timelineEntries.tenantId, viewer.tenantId));
  }
  const rows = await tx
    .select()
    .from(timelineEntries)
    .where(and(...where))
    .orderBy(desc(timelineEntries.occurredAt))
    .limit(limit);
  return rows.map(toTimelineEntry);
}
