import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Database, Tx } from '../../db/client.ts';
import { enqueue } from '../../jobs/queue.ts';
import { emailOutbox } from './mail.tables.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
}

/** Queues a message in the caller's transaction; the mail.send job delivers it. */
export async function queueEmail(tx: Tx, tenantId: string, message: EmailMessage): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({ tenantId, toAddress: message.to, subject: message.subject, body: message.body })
    .returning({ id: emailOutbox.id });
  await enqueue(tx, tenantId, 'mail.send', { messageId: row!.id });
  return row!.id;
}

export function listOutbox(tx: Tx, tenantId: string, limit: number) {
  return tx
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.tenantId, tenantId))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export type Transport = {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

export function smtpTransport(smtpUrl: string | undefined): Transport | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
}

/** Sends one queued message through SMTP, or keeps it in the outbox when no SMTP is configured. */
export async function deliverEmail(
  database: Database,
  tenantId: string,
  messageId: string,
  transport: Transport | null,
  from: string,
): Promise<void> {
  const where = and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.id, messageId));
  const [message] = await database.inTenant(tenantId, (tx) => tx.select().from(emailOutbox).where(where));
  if (!message || message.status === 'sent' || message.status === 'kept') return;
  if (!transport) {
    await database.inTenant(tenantId, (tx) => tx.update(emailOutbox).set({ status: 'kept' }).where(where));
    return;
  }
  try {
    await transport.sendMail({ from, to: message.toAddress, subject: message.subject, text: message.body });
    await database.inTenant(tenantId, (tx) =>
      tx
        .update(emailOutbox)
        // The text goes once it is sent: it may hold a single-use link (a confirmation, a password,
        // a family's feedback), stored elsewhere only as a hash. Kept messages (no SMTP: the demo,
        // which reads its links from the outbox page) keep theirs until the outbox retention.
        .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, body: '' })
        .where(where),
    );
  } catch (error) {
    // The server's codes, not its words: those can repeat the address, and the job's row that
    // keeps this outlives the message.
    const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
    const why = ['SMTP did not take the message', code, responseCode].filter(Boolean).join(' ');
    await database.inTenant(tenantId, (tx) =>
      tx
        .update(emailOutbox)
        .set({ attempts: message.attempts + 1, lastError: why })
        .where(where),
    );
    throw new Error(why);
  }
}

/** Delivered or kept messages hold addresses and links: they go after 90 days. */
export const outboxRetention = {
  name: 'mail.outbox',
  description: 'E-mail messages, 90 days after they were queued',
  keepDays: 90,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const removed = await tx
      .delete(emailOutbox)
      .where(
        and(
          eq(emailOutbox.tenantId, tenantId),
          inArray(emailOutbox.status, ['sent', 'kept', 'failed']),
          lt(emailOutbox.createdAt, cutoff),
        ),
      )
      .returning({ id: emailOutbox.id });
    return removed.length;
  },
};
