import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../../tests/factories.ts';
import { openTestDatabase, type TestDatabase, targets } from '../../../../tests/integration/harness.ts';
import { deliverEmail, queueEmail, type Transport } from './mail.service.ts';
import { emailOutbox } from './mail.tables.ts';

describe.each(targets)('the outbox on %s', (target) => {
  let t: TestDatabase;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;

  beforeAll(async () => {
    t = await openTestDatabase(target);
    tenant = await buildTenant(t.database);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const queue = (body: string) =>
    t.database.inTenant(tenant.id, (tx) =>
      queueEmail(tx, tenant.id, { to: 'an@example.org', subject: 'Bevestig', body }),
    );
  const stored = async (id: string) =>
    (
      await t.database.inTenant(tenant.id, (tx) =>
        tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)),
      )
    )[0]!;

  it('erases the text of a sent message, which may hold a single-use link, and sends it whole', async () => {
    const sent: string[] = [];
    const transport: Transport = { sendMail: async (message) => sent.push(message.text) };
    const id = await queue('Klik op https://samen.example/confirm#token=abc123 om te bevestigen.');
    await deliverEmail(t.database, tenant.id, id, transport, 'samen@example.org');
    expect(sent).toEqual(['Klik op https://samen.example/confirm#token=abc123 om te bevestigen.']);
    const row = await stored(id);
    expect(row.status).toBe('sent');
    expect(row.body).toBe('');
  });

  it('keeps the text where nothing is sent (the demo reads its links there) and when sending failed', async () => {
    const kept = await queue('Link: https://samen.example/feedback#token=def456');
    await deliverEmail(t.database, tenant.id, kept, null, 'samen@example.org');
    expect(await stored(kept)).toMatchObject({
      status: 'kept',
      body: 'Link: https://samen.example/feedback#token=def456',
    });

    // The server's words can repeat the address: only its codes are kept, here and for the job.
    const failing: Transport = {
      sendMail: async () => {
        throw Object.assign(new Error('550 mailbox an@example.org unavailable'), {
          code: 'EENVELOPE',
          responseCode: 550,
        });
      },
    };
    const retried = await queue('Link: https://samen.example/reset#token=ghi789');
    await expect(deliverEmail(t.database, tenant.id, retried, failing, 'samen@example.org')).rejects.toThrow(
      'SMTP did not take the message EENVELOPE 550',
    );
    expect(await stored(retried)).toMatchObject({
      body: 'Link: https://samen.example/reset#token=ghi789',
      attempts: 1,
      lastError: 'SMTP did not take the message EENVELOPE 550',
    });
  });
});
