import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorForLog, errorSummary } from './log.ts';

/** What PostgreSQL (node-postgres, PGlite) throws on a duplicate: the value sits in message and detail. */
function duplicateKey() {
  return Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
    name: 'error',
    severity: 'ERROR',
    code: '23505',
    detail: 'Key (email)=(an.peeters@example.org) already exists.',
    constraint: 'users_email_key',
    table: 'users',
    routine: '_bt_check_unique',
  });
}

describe('errors in the logs', () => {
  it('keeps the values a failed query was sent out of the log, and what went wrong in it', () => {
    const error = new DrizzleQueryError(
      'insert into users (email, name) values ($1, $2)',
      ['an.peeters@example.org', 'An Peeters'],
      duplicateKey(),
    );
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).not.toMatch(/peeters|An Peeters/i);
    expect(errorForLog(error)).toMatchObject({
      type: 'DrizzleQueryError',
      query: 'insert into users (email, name) values ($1, $2)',
      cause: { code: '23505', constraint: 'users_email_key', table: 'users' },
    });
    const summary = errorSummary(error);
    expect(summary).toContain('23505');
    expect(summary).toContain('users_email_key');
    expect(summary).not.toMatch(/peeters/i);
  });

  it("keeps the database's own message out, which can repeat a value", () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "Mevrouw Janssens"'), {
      severity: 'ERROR',
      code: '22P02',
    });
    expect(JSON.stringify(errorForLog(error))).not.toContain('Janssens');
  });

  it("keeps Samen's own messages and the stack's frames", () => {
    const logged = errorForLog(new TypeError('cannot read the job payload'));
    expect(logged.message).toBe('cannot read the job payload');
    expect(logged.type).toBe('TypeError');
    expect(logged.stack).toMatch(/log\.test\.ts/);
    expect(logged.stack).not.toContain('cannot read the job payload');
  });
});
