import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { isInWinterBan } from '../../../engines/urgency/urgency.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { Meeting } from '../../../shared/signals.schemas.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordContact } from '../registry/timeline.service.ts';
import type { CaseViewer } from './cases.service.ts';
import { committeeItems, committeeMeetings, signalCaseEvents, signalCases } from './signals.tables.ts';
import { signalTexts, textLanguage, wordFor } from './signals.texts.ts';

/** A new meeting of the local advisory committee; its agenda is every request still awaiting a decision. */
export async function createMeeting(
  tx: Tx,
  viewer: CaseViewer,
  input: { meetsOn: string; location?: string },
) {
  const [meeting] = await tx
    .insert(committeeMeetings)
    .values({
      tenantId: viewer.tenantId,
      meetsOn: input.meetsOn,
      location: input.location ?? null,
      createdBy: viewer.userId,
    })
    .returning({ id: committeeMeetings.id });
  await tx
    .update(committeeItems)
    .set({ meetingId: meeting!.id })
    .where(
      and(
        eq(committeeItems.tenantId, viewer.tenantId),
        isNull(committeeItems.meetingId),
        isNull(committeeItems.decision),
      ),
    );
  await recordAudit(tx, viewer, {
    action: 'signals.committee.meeting',
    recordType: 'committee_meeting',
    recordId: meeting!.id,
    purpose: 'early_signals',
  });
  return meeting!;
}

export async function listMeetings(tx: Tx, tenantId: string) {
  const rows = await tx
    .select()
    .from(committeeMeetings)
    .where(eq(committeeMeetings.tenantId, tenantId))
    .orderBy(desc(committeeMeetings.meetsOn))
    .limit(100);
  const pending = await tx
    .select({ id: committeeItems.id })
    .from(committeeItems)
    .where(
      and(
        eq(committeeItems.tenantId, tenantId),
        isNull(committeeItems.meetingId),
        isNull(committeeItems.decision),
      ),
    );
  return {
    meetings: rows.map((row) => ({ id: row.id, meetsOn: row.meetsOn, location: row.location })),
    awaiting: pending.length,
  };
}

export async function getMeeting(tx: Tx, tenantId: string, meetingId: string): Promise<Meeting> {
  const [meeting] = await tx
    .select()
    .from(committeeMeetings)
    .where(and(eq(committeeMeetings.tenantId, tenantId), eq(committeeMeetings.id, meetingId)));
  if (!meeting) throw notFound('The meeting');
  const items = await tx
    .select({ item: committeeItems, label: signalCases.label })
    .from(committeeItems)
    .innerJoin(
      signalCases,
      and(eq(signalCases.tenantId, committeeItems.tenantId), eq(signalCases.id, committeeItems.caseId)),
    )
    .where(and(eq(committeeItems.tenantId, tenantId), eq(committeeItems.meetingId, meetingId)))
    .orderBy(asc(committeeItems.requestedDate), asc(committeeItems.createdAt));
  return {
    id: meeting.id,
    meetsOn: meeting.meetsOn,
    location: meeting.location,
    items: items.map(({ item, label }) => ({
      id: item.id,
      caseId: item.caseId,
      householdName: label,
      request: item.request,
      requestedDate: item.requestedDate,
      note: item.note,
      decision: item.decision,
      unanimous: item.unanimous,
      decisionNote: item.decisionNote,
      winterBan:
        item.request === 'disconnection' && !!item.requestedDate && isInWinterBan(item.requestedDate),
    })),
  };
}

export async function decideItem(
  tx: Tx,
  viewer: CaseViewer,
  itemId: string,
  input: { decision: string; unanimous: boolean; note?: string },
) {
  const [item] = await tx
    .select()
    .from(committeeItems)
    .where(and(eq(committeeItems.tenantId, viewer.tenantId), eq(committeeItems.id, itemId)));
  if (!item) throw notFound('The agenda item');
  if (!item.meetingId) throw new AppError('CONFLICT', 'This request is not on a meeting agenda yet');
  if (item.decision) throw new AppError('CONFLICT', 'The committee has decided on this request already');
  await tx
    .update(committeeItems)
    .set({
      decision: input.decision,
      unanimous: input.unanimous,
      decisionNote: input.note ?? null,
      decidedAt: new Date(),
    })
    .where(and(eq(committeeItems.tenantId, viewer.tenantId), eq(committeeItems.id, itemId)));
  const [c] = await tx
    .select()
    .from(signalCases)
    .where(and(eq(signalCases.tenantId, viewer.tenantId), eq(signalCases.id, item.caseId)));
  if (c && !c.closedAt && c.status === 'committee') {
    await tx
      .update(signalCases)
      .set({ status: 'help_offered', updatedAt: new Date() })
      .where(and(eq(signalCases.tenantId, viewer.tenantId), eq(signalCases.id, c.id)));
  }
  await tx.insert(signalCaseEvents).values({
    tenantId: viewer.tenantId,
    caseId: item.caseId,
    type: 'committee_decision',
    detail: { decision: input.decision, unanimous: input.unanimous },
    authorId: viewer.userId,
    authorName: viewer.label,
  });
  if (c?.householdId) {
    await recordContact(tx, viewer, {
      householdId: c.householdId,
      channel: 'meeting',
      purpose: 'early_signals',
      summary: `Local advisory committee: request ${input.decision}`,
      summaryKey: 'signals.committee_decision',
      summaryValues: { decision: input.decision },
      visibility: 'welfare',
      module: 'signals',
      recordType: 'signal_case',
      recordId: c.id,
    });
  }
  await recordAudit(tx, viewer, {
    action: 'signals.committee.decide',
    recordType: 'committee_item',
    recordId: itemId,
    purpose: 'early_signals',
    details: { decision: input.decision, unanimous: input.unanimous },
  });
  return { id: itemId };
}

const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The minutes as a plain, printable HTML page in the reader's language: no scripts, no inline
 * styles, every value escaped.
 */
export function renderMinutes(meeting: Meeting, municipality: string, language = 'nl'): string {
  const words = signalTexts(language);
  const rows = meeting.items
    .map((item, index) => {
      const request = `${escapeHtml(wordFor(words.request, item.request))}${
        item.requestedDate ? ` (${escapeHtml(item.requestedDate)})` : ''
      }${item.winterBan ? `<br><strong>${escapeHtml(words.winterBan)}</strong>` : ''}`;
      const decision = item.decision
        ? `${escapeHtml(wordFor(words.decision, item.decision))} — ${item.unanimous ? words.unanimous : words.byMajority}`
        : escapeHtml(words.notDecided);
      return `<tr><td>${index + 1}</td><td>${escapeHtml(item.householdName)}</td><td>${request}</td><td>${decision}</td><td>${escapeHtml(item.decisionNote ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${textLanguage(language)}"><head><meta charset="utf-8"><title>${escapeHtml(words.minutesTitle(meeting.meetsOn))}</title></head>
<body>
<h1>${escapeHtml(words.committee(municipality))}</h1>
<p>${escapeHtml(words.meetingOf(meeting.meetsOn, meeting.location))}</p>
<table>
<thead><tr>${words.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>`;
}
